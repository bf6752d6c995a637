import type { EventRule } from "../../alertRules/ruleSchema";
import { explorerHref } from "../../explorerUrl/explorerHref";
import type { AlertEvent } from "./alertEvent";
import type { Actor, AlertFacts } from "../summary/alertFacts";

/** The instant as the facts keep it (Parsec's own text may carry any precision or offset). */
const isoOf = (event: AlertEvent) => new Date(event.occurredAt).toISOString();

const actorOf = (event: AlertEvent): Actor => ({ id: event.userId, email: event.userEmail });

/** What an alert of an event rule is about: what happened, to whom, when (its sentence is worded from these, per reader). */
export function eventFacts(rule: EventRule, events: readonly AlertEvent[], groupValue: string | null): AlertFacts {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  switch (rule.kind) {
    case "event":
      return { kind: "event", name: first.name, actor: actorOf(first), at: isoOf(first), host: first.hostComputerName };
    case "schedule":
      return { kind: "schedule", name: first.name, actor: actorOf(first), at: isoOf(first), zone: rule.zone, days: rule.days, from: rule.from, to: rule.to };
    case "threshold": {
      const grouped = rule.groupBy !== undefined && groupValue !== null;
      return {
        kind: "threshold",
        count: events.length,
        groupBy: grouped ? rule.groupBy! : null,
        group: grouped ? groupValue : null,
        windowMinutes: rule.windowMinutes,
        lastAt: isoOf(last),
      };
    }
    case "new-value": {
      const seen = rule.value === "host" ? first.hostComputerName : first.ip;
      return {
        kind: "new-value",
        who: rule.groupBy === "user" ? { user: actorOf(first) } : { host: first.hostComputerName ?? "" },
        value: rule.value,
        seen: seen ?? "",
        lookbackDays: rule.lookbackDays,
        name: first.name,
        at: isoOf(first),
      };
    }
  }
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
