import type { EventRule } from "../../alertRules/ruleSchema";
import { explorerHref } from "../../explorerUrl/explorerHref";
import type { AlertEvent } from "./alertEvent";
import { describeZonedTime } from "./workingHours";

/** Who did it, as a sentence names them: their email when Parsec sent one, and their id. */
export const actorOf = (event: AlertEvent) => (event.userEmail ? `${event.userEmail} (user ${event.userId})` : `user ${event.userId}`);

const at = (event: AlertEvent) => event.timestamp;

/** The sentence a notification opens with: what happened, to whom, when. */
export function summarize(rule: EventRule, events: readonly AlertEvent[], groupValue: string | null): string {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  switch (rule.kind) {
    case "event":
      return `${rule.name}: ${first.name} by ${actorOf(first)} at ${at(first)}${first.hostComputerName ? ` on ${first.hostComputerName}` : ""}.`;
    case "schedule":
      return `${rule.name}: ${first.name} by ${actorOf(first)} at ${describeZonedTime(first.occurredAt, rule.zone)}, outside ${describeHours(rule)}.`;
    case "threshold": {
      const group = rule.groupBy && groupValue !== null ? ` for ${rule.groupBy} ${groupValue}` : "";
      return `${rule.name}: ${events.length} matching events${group} within ${rule.windowMinutes} minutes, the last at ${at(last)}.`;
    }
    case "new-value": {
      const what = rule.value === "host" ? `computer ${first.hostComputerName}` : rule.value === "ip" ? `address ${first.ip}` : `network of ${first.ip}`;
      const who = rule.groupBy === "user" ? actorOf(first) : `computer ${first.hostComputerName}`;
      return `${rule.name}: ${who} used ${what} for the first time in ${rule.lookbackDays} days (${first.name} at ${at(first)}).`;
    }
  }
}

function describeHours(rule: Extract<EventRule, { kind: "schedule" }>): string {
  const days = rule.days.length === 0 ? "no working days" : rule.days.map((d) => `${d[0]!.toUpperCase()}${d.slice(1)}`).join(",");
  return `${days} ${rule.from}-${rule.to}`;
}

/**
 * The explorer's view of an alert's events: their time range, their names, and the rule's group,
 * so that the link shows them (and, for a burst, the events around them that matched too).
 */
export function alertLinkPath(rule: EventRule, events: readonly AlertEvent[]): string {
  const times = events.map((e) => e.occurredAt);
  const from = events.find((e) => e.occurredAt === Math.min(...times))!;
  const to = events.find((e) => e.occurredAt === Math.max(...times))!;
  const names = [...new Set(events.map((e) => e.name))];
  const first = events[0]!;
  const groupBy = rule.kind === "threshold" ? rule.groupBy : rule.kind === "new-value" ? rule.groupBy : undefined;
  const users = groupBy === "user" || rule.kind !== "threshold" ? [...new Set(events.map((e) => String(e.userId)))] : [];
  const hosts = groupBy === "host" && first.hostComputerName ? [first.hostComputerName] : [];
  const ips = groupBy === "ip" && first.ip ? [first.ip] : [];
  return explorerHref({ from: [from.timestamp], to: [to.timestamp], name: names, user: users, host: hosts, ip: ips });
}
