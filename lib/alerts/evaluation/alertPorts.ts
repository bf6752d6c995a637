import type { EventRule, GroupField, Rule, Severity } from "../../alertRules/ruleSchema";
import type { AlertFacts } from "../summary/alertFacts";
import type { AlertEvent } from "./alertEvent";

/** An enabled rule as the evaluator sees it. */
export interface ActiveRule<R extends Rule = EventRule> {
  id: number;
  rule: R;
  /** Unix ms; only events whose own timestamp is after it are evaluated. */
  enabledAt: number;
  /** Unix ms, wall clock; null when not muted. */
  mutedUntil: number | null;
}

/** What the evaluator asks of the stored events (the live store, or the same store for a dry run). */
export interface EventHistory {
  /** Stored events of the group (null field: all) with a name in `names`, from fromMs to toMs inclusive. */
  eventsInWindow(names: readonly string[], group: { field: GroupField; value: string } | null, fromMs: number, toMs: number): AlertEvent[];
  /** Whether the group has a stored event before `event` (and within the look-back) with this value. */
  seenBefore(
    group: { field: "user" | "host"; value: string },
    watched: { field: "ip" | "ip-prefix" | "host"; value: string },
    event: AlertEvent,
    sinceMs: number,
  ): boolean;
}

export interface NewAlert {
  ruleId: number;
  ruleName: string;
  kind: Rule["kind"];
  severity: Severity;
  groupKey: string;
  /** What it is about, worded per reader when shown (lib/alerts/summary/alertSentence.ts). */
  facts: AlertFacts;
  events: AlertEvent[];
  anchorAt: number;
  firedAt: number;
  status: "notified" | "muted";
  linkPath: string;
  channels: string[];
}

/** Where fired alerts go: the alert tables in the sync's transaction, or a list for a dry run. */
export interface AlertSink {
  /** An alert of this rule (and group, when given) anchored between fromMs and toMs, if any. */
  findAlert(ruleId: number, groupKey: string | null, fromMs: number, toMs: number): number | null;
  /** Adds events to an alert already fired: they are in its window or its cooldown. */
  join(alertId: number, events: readonly AlertEvent[]): void;
  fire(alert: NewAlert): void;
}
