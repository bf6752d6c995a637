import { dedupWindowMs, type EventRule } from "../../alertRules/ruleSchema";
import { byTime, type AlertEvent } from "./alertEvent";
import type { ActiveRule, AlertSink, EventHistory } from "./alertPorts";
import { alertLinkPath, eventFacts } from "./describeAlert";
import { compileMatch } from "./matchEvent";
import { groupValue, watchedValue } from "./ruleValues";
import { isWithinWorkingHours } from "./workingHours";

/** A burst's alert lists this many of its events at most (its count says how many there were). */
export const MAX_WINDOW_EVENTS = 200;

/**
 * Evaluates rules over newly stored events, oldest first: each event once, against each rule it
 * is after the enabling of. What fires goes to the sink, which also tells whether the rule and
 * group already fired within the window (threshold, new-value) or the rule's cooldown: the event
 * then joins that alert instead of sending another.
 */
export function evaluateRules(rules: readonly ActiveRule[], events: readonly AlertEvent[], history: EventHistory, sink: AlertSink, now: number): void {
  if (rules.length === 0 || events.length === 0) return;
  const compiled = rules.map((active) => ({ active, matches: compileMatch(active.rule.match) }));
  for (const event of [...events].sort(byTime)) {
    for (const { active, matches } of compiled) {
      if (event.occurredAt <= active.enabledAt || !matches(event)) continue;
      const fired = evaluateOne(active.rule, event, history, matches);
      if (fired) raise(active, fired.group, fired.groupValue, event.occurredAt, fired.events, [event], sink, now);
    }
  }
}

interface Firing {
  group: string;
  groupValue: string | null;
  /** The events the alert is about (a burst: the window's). */
  events: AlertEvent[];
}

function evaluateOne(rule: EventRule, event: AlertEvent, history: EventHistory, matches: (event: AlertEvent) => boolean): Firing | null {
  switch (rule.kind) {
    case "event":
      return { group: "", groupValue: null, events: [event] };
    case "schedule":
      return isWithinWorkingHours(event.occurredAt, rule) ? null : { group: "", groupValue: null, events: [event] };
    case "threshold": {
      const value = rule.groupBy ? groupValue(event, rule.groupBy) : null;
      if (rule.groupBy && value === null) return null;
      const group = rule.groupBy && value !== null ? { field: rule.groupBy, value } : null;
      const windowMs = rule.windowMinutes * 60_000;
      // Pages may come newest first: look at the windows on both sides of the event, not only before it.
      const around = history.eventsInWindow(rule.match.names, group, event.occurredAt - windowMs, event.occurredAt + windowMs).filter(matches);
      if (!around.some((e) => e.id === event.id)) around.push(event);
      const best = fullestWindowWith(around.sort(byTime), event, windowMs);
      if (best.length < rule.count) return null;
      return { group: value ?? "", groupValue: value, events: best.slice(-MAX_WINDOW_EVENTS) };
    }
    case "new-value": {
      const value = groupValue(event, rule.groupBy);
      const watched = watchedValue(event, rule.value);
      if (value === null || watched === null) return null;
      const since = event.occurredAt - rule.lookbackDays * 86_400_000;
      if (history.seenBefore({ field: rule.groupBy, value }, { field: rule.value, value: watched }, event, since)) return null;
      return { group: `${value}\u0000${watched}`, groupValue: value, events: [event] };
    }
  }
}

/** The events of the fullest window of `windowMs` that holds `event` (`sorted` oldest first, `event` among them). */
export function fullestWindowWith(sorted: readonly AlertEvent[], event: AlertEvent, windowMs: number): AlertEvent[] {
  let best: [number, number] = [0, -1];
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    const from = sorted[start]!.occurredAt;
    if (from > event.occurredAt) break;
    if (from < event.occurredAt - windowMs) continue;
    end = Math.max(end, start);
    while (end + 1 < sorted.length && sorted[end + 1]!.occurredAt <= from + windowMs) end++;
    if (end - start > best[1] - best[0]) best = [start, end];
  }
  return sorted.slice(best[0], best[1] + 1);
}

function raise(
  active: ActiveRule,
  group: string,
  value: string | null,
  anchorAt: number,
  events: AlertEvent[],
  trigger: AlertEvent[],
  sink: AlertSink,
  now: number,
): void {
  const { rule } = active;
  const window = dedupWindowMs(rule);
  const inWindow = window > 0 ? sink.findAlert(active.id, group, anchorAt - window, anchorAt + window) : null;
  const cooldown = rule.cooldownMinutes * 60_000;
  const cooling = inWindow ?? (cooldown > 0 ? sink.findAlert(active.id, null, anchorAt - cooldown, anchorAt + cooldown) : null);
  if (cooling !== null) return sink.join(cooling, trigger);
  sink.fire({
    ruleId: active.id,
    ruleName: rule.name,
    kind: rule.kind,
    severity: rule.severity,
    groupKey: group,
    facts: eventFacts(rule, events, value),
    events,
    anchorAt,
    firedAt: now,
    status: active.mutedUntil !== null && active.mutedUntil > now ? "muted" : "notified",
    linkPath: alertLinkPath(rule, events),
    channels: rule.channels,
  });
}
