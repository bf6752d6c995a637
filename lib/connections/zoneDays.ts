import { addDays, zonedFields, zonedInstant, type CivilDate } from "../i18n/zonedTime";
import { DAY_MS, HOUR_MS } from "./rollupContributions";

/**
 * Days in the viewer's zone as the rollups can count them. The rollups sum connections by the UTC
 * hour they started in, so a day has to start on a whole UTC hour: in every zone whose offset from
 * UTC is a whole number of hours (Tokyo, Europe, the Americas, daylight saving time included) that
 * is local midnight; in the others (India +5:30, Nepal +5:45, central Australia) a day starts at the
 * whole UTC hour before local midnight (23:30 in India, 23:15 in Nepal) and says so on the page.
 */

const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** The first instant of `date` in the zone, on the UTC hour grid. */
function dayStartOf(date: CivilDate, timeZone: string): number {
  return timeZone === "UTC" ? Date.UTC(date.year, date.month - 1, date.day) : floorHour(zonedInstant(date, 0, timeZone));
}

/** The calendar day (in the zone) of the zone day that holds `ms`, and that day's start. */
function zoneDayAt(ms: number, timeZone: string): { date: CivilDate; startMs: number } {
  const { year, month, day } = zonedFields(ms, timeZone);
  const date = { year, month, day };
  const next = addDays(date, 1);
  const nextStart = dayStartOf(next, timeZone);
  // Where a day starts before local midnight, the last minutes of a local day belong to the next.
  return nextStart <= ms ? { date: next, startMs: nextStart } : { date, startMs: dayStartOf(date, timeZone) };
}

/** The start of the zone day that holds `ms`. */
export function zoneDayStart(ms: number, timeZone: string): number {
  return zoneDayAt(ms, timeZone).startMs;
}

/** A zone day: [startMs, endMs), 23, 24 or 25 hours long. */
export interface ZoneDay {
  startMs: number;
  endMs: number;
}

/** The zone days that [fromMs, toMs) touches, in order. */
export function zoneDays(fromMs: number, toMs: number, timeZone: string): ZoneDay[] {
  let { date, startMs } = zoneDayAt(fromMs, timeZone);
  const days: ZoneDay[] = [];
  while (startMs < toMs) {
    date = addDays(date, 1);
    const endMs = dayStartOf(date, timeZone);
    days.push({ startMs, endMs });
    startMs = endMs;
  }
  return days;
}

/** Whether every one of `days` is a UTC day, which the daily rollups hold whole. */
export const areUtcDays = (days: readonly ZoneDay[]) => days.every((day) => day.startMs % DAY_MS === 0 && day.endMs - day.startMs === DAY_MS);

/** Whether local midnight in the zone falls on a whole UTC hour all through [fromMs, toMs). */
export function hasWholeHourDays(fromMs: number, toMs: number, timeZone: string): boolean {
  if (timeZone === "UTC") return true;
  let { date } = zoneDayAt(fromMs, timeZone);
  for (let i = 0; i <= 400; i++) {
    const midnight = zonedInstant(date, 0, timeZone);
    if (midnight >= toMs) return true;
    if (midnight % HOUR_MS !== 0) return false;
    date = addDays(date, 1);
  }
  return true;
}

/**
 * The index in `days` of the day that holds `ms`, or -1 outside them: a binary search, since a
 * year of hours is folded into its days one row at a time.
 */
export function dayIndexOf(days: readonly ZoneDay[], ms: number): number {
  let low = 0;
  let high = days.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (days[mid]!.startMs <= ms) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found >= 0 && ms < days[found]!.endMs ? found : -1;
}

/** The zone's offset from UTC at `ms`, rounded up to whole hours: `floor((hour + it) / DAY)` numbers the day an hour is in. */
function dayShift(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const f = zonedFields(ms, timeZone);
  const offset = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000;
  return Math.ceil(offset / HOUR_MS) * HOUR_MS;
}

/**
 * How a database numbers the day of an hour in `days`: `floor((hour + shift) / DAY)` with the
 * shift in force at that hour, as steps from the first day (`untilMs` null: to the end). A
 * year has one shift, or two or three in a zone with daylight saving time, so that SQL groups a
 * year of hours into its days without carrying every hour out of the database.
 */
export function dayShifts(days: readonly ZoneDay[], timeZone: string): { untilMs: number | null; shiftMs: number }[] {
  if (days.length === 0) return [{ untilMs: null, shiftMs: 0 }];
  const steps: { untilMs: number | null; shiftMs: number }[] = [];
  let shift = dayShift(days[0]!.startMs, timeZone);
  for (const day of days) {
    if (dayShift(day.endMs - HOUR_MS, timeZone) === shift) continue;
    for (let hour = day.startMs; hour < day.endMs; hour += HOUR_MS) {
      const next = dayShift(hour, timeZone);
      if (next === shift) continue;
      steps.push({ untilMs: hour, shiftMs: shift });
      shift = next;
    }
  }
  steps.push({ untilMs: null, shiftMs: shift });
  return steps;
}
