// Intl alone (no zod, which the browser's CSP would see probe for eval): the time filter runs this in the browser.
import { addDays, weekday, zonedFields, zonedInstant, type CivilDate } from "../i18n/zonedTime";

/**
 * The ranges people think in, beside the rolling 15 min ... 30 d of the time filter: today,
 * yesterday, this and last week, this and last month, in the viewer's zone (a Tokyo day runs
 * from 15:00 to 15:00 UTC). Weeks start on Monday in both languages (ISO 8601, as Japanese
 * calendars at work and British English do, and as the timelines' weeks already do).
 */
export const CALENDAR_RANGES = ["today", "yesterday", "thisWeek", "lastWeek", "thisMonth", "lastMonth"] as const;
export type CalendarRange = (typeof CALENDAR_RANGES)[number];

const firstOfMonth = (date: CivilDate, months: number): CivilDate => {
  const t = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: 1 };
};

/**
 * The range as the filters' from/to (RFC 3339, UTC): from the first instant of its first day in
 * `timeZone` to the last millisecond before the day after its last (`to` is inclusive).
 */
export function calendarRange(range: CalendarRange, nowMs: number, timeZone: string): { from: string; to: string } {
  const today = zonedFields(nowMs, timeZone);
  const day: CivilDate = { year: today.year, month: today.month, day: today.day };
  const monday = addDays(day, -((weekday(day) + 6) % 7));
  const [first, after] = ((): [CivilDate, CivilDate] => {
    switch (range) {
      case "today":
        return [day, addDays(day, 1)];
      case "yesterday":
        return [addDays(day, -1), day];
      case "thisWeek":
        return [monday, addDays(monday, 7)];
      case "lastWeek":
        return [addDays(monday, -7), monday];
      case "thisMonth":
        return [firstOfMonth(day, 0), firstOfMonth(day, 1)];
      case "lastMonth":
        return [firstOfMonth(day, -1), firstOfMonth(day, 0)];
    }
  })();
  return { from: new Date(zonedInstant(first, 0, timeZone)).toISOString(), to: new Date(zonedInstant(after, 0, timeZone) - 1).toISOString() };
}
