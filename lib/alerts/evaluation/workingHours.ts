import { WEEKDAYS, type EventRule } from "../../alertRules/ruleSchema";
import { weekday, zonedFields } from "../../i18n/zonedTime";

type ScheduleRule = Extract<EventRule, { kind: "schedule" }>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** zonedTime's weekday is 0 = Sunday; the rule's days are mon..sun. */
const DAY_OF_WEEKDAY = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/**
 * Whether an instant falls inside a schedule rule's working hours, read as the wall clock of the
 * rule's zone (Intl, so daylight saving time moves the hours with the zone's clocks). A span whose
 * end is before its start runs past midnight and belongs to the day it starts on.
 */
export function isWithinWorkingHours(ms: number, rule: Pick<ScheduleRule, "zone" | "days" | "from" | "to">): boolean {
  const fields = zonedFields(ms, rule.zone);
  const day = DAY_OF_WEEKDAY[weekday(fields)]!;
  const minute = fields.hour * 60 + fields.minute;
  const from = minutesOf(rule.from);
  const to = minutesOf(rule.to);
  const days = new Set(rule.days);
  if (from <= to) return days.has(day) && minute >= from && minute < to;
  const previous = WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;
  return (days.has(day) && minute >= from) || (days.has(previous) && minute < to);
}
