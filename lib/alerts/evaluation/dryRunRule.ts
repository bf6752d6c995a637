import { isEventRule, type Rule } from "../../alertRules/ruleSchema";
import type { SqliteConnection } from "../../store/sqlite";
import type { AlertFacts } from "../summary/alertFacts";
import { ALERT_EVENT_COLUMNS, type AlertEvent } from "./alertEvent";
import type { AlertSink, NewAlert } from "./alertPorts";
import { evaluateRules } from "./evaluateRules";
import { storedHistory } from "./storedHistory";

export const DRY_RUN_DAYS = 30;
/** A dry run reads at most this many candidate events (the newest); it says so when there were more. */
const DRY_RUN_EVENT_LIMIT = 200_000;
const DRY_RUN_ALERT_LIMIT = 500;

export interface DryRunAlert {
  facts: AlertFacts;
  groupKey: string;
  anchorAt: string;
  eventCount: number;
  eventIds: string[];
  linkPath: string;
}

export interface DryRunResult {
  from: string;
  to: string;
  eventsRead: number;
  truncated: boolean;
  /** The most events read: `truncated` says this many were read and older ones were not. */
  eventLimit: number;
  alerts: DryRunAlert[];
  /** Alerts beyond those listed. */
  more: number;
}

/**
 * What a rule would have fired over the last 30 days of stored events, as if it had been enabled
 * all along, with its windows, grouping and cooldown: nothing is written and nothing is sent.
 * sync-health rules watch the sync as it runs and have no history to replay.
 */
export function dryRunRule(connection: SqliteConnection, rule: Rule, now = Date.now()): DryRunResult {
  const from = now - DRY_RUN_DAYS * 86_400_000;
  const result: DryRunResult = {
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    eventsRead: 0,
    truncated: false,
    eventLimit: DRY_RUN_EVENT_LIMIT,
    alerts: [],
    more: 0,
  };
  if (!isEventRule(rule)) return result;
  const names = rule.match.names;
  const rows = connection
    .prepare(
      `SELECT ${ALERT_EVENT_COLUMNS} FROM "Event" WHERE "name" IN (${names.map(() => "?").join(", ")}) AND "occurredAt" > ? AND "occurredAt" <= ?
       ORDER BY "occurredAt" DESC LIMIT ${DRY_RUN_EVENT_LIMIT + 1}`,
    )
    .all(...names, from, now) as AlertEvent[];
  result.truncated = rows.length > DRY_RUN_EVENT_LIMIT;
  const events = rows.slice(0, DRY_RUN_EVENT_LIMIT);
  result.eventsRead = events.length;

  const fired: (NewAlert & { joined: Set<string> })[] = [];
  const sink: AlertSink = {
    findAlert(_ruleId, groupKey, fromMs, toMs) {
      for (let i = fired.length - 1; i >= 0; i--) {
        const alert = fired[i]!;
        if ((groupKey === null || alert.groupKey === groupKey) && alert.anchorAt > fromMs && alert.anchorAt < toMs) return i;
      }
      return null;
    },
    join(index, joined) {
      const alert = fired[index]!;
      for (const event of joined) alert.joined.add(event.id);
    },
    fire(alert) {
      fired.push({ ...alert, joined: new Set(alert.events.map((e) => e.id)) });
    },
  };
  evaluateRules([{ id: 0, rule: { ...rule, channels: [] }, enabledAt: -Infinity, mutedUntil: null }], events, storedHistory(connection), sink, now);
  result.alerts = fired.slice(0, DRY_RUN_ALERT_LIMIT).map((alert) => ({
    facts: alert.facts,
    groupKey: alert.groupKey,
    anchorAt: new Date(alert.anchorAt).toISOString(),
    eventCount: alert.joined.size,
    eventIds: [...alert.joined].slice(0, 50),
    linkPath: alert.linkPath,
  }));
  result.more = Math.max(0, fired.length - DRY_RUN_ALERT_LIMIT);
  return result;
}
