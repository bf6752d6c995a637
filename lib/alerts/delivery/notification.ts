import type { Severity } from "../../alertRules/ruleSchema";

/** One alert as every channel tells it; `url` links into the viewer. */
export interface Notification {
  alertId: number;
  rule: string;
  severity: Severity;
  summary: string;
  eventIds: string[];
  url: string;
  /** RFC 3339. */
  firedAt: string;
}

/** The generic webhook's body, exactly the documented shape (README, "Alerts"). */
export function webhookBody(n: Notification) {
  return { rule: n.rule, severity: n.severity, summary: n.summary, eventIds: n.eventIds, url: n.url, firedAt: n.firedAt };
}

/** Event ids a human-facing message lists before it says "and N more" (the link shows them all). */
export const LISTED_IDS = 20;

export function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED_IDS).join(", ");
  return ids.length > LISTED_IDS ? `${shown} and ${ids.length - LISTED_IDS} more` : shown;
}

export const digestTitle = (notifications: readonly Notification[]) => `${notifications.length} alerts from the Parsec audit-log viewer`;
