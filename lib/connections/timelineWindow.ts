import { z } from "zod";
import { TIMELINE_SPANS, type TimelineSpan } from "../explorerUrl/entityHref";
import { single } from "../events/paramSchemas";
import { addDays, formatCivil, weekday, zonedFields, zonedInstant, type CivilDate } from "../i18n/zonedTime";
import { paramMessage } from "../events/paramMessages";

/**
 * The window a user's or a host's timeline shows: one day, one week (Monday to Sunday) or one
 * calendar month, in the viewer's time zone. The server cannot know that zone from a request, so
 * the browser tells it in a cookie (components/timeline/ViewerZoneCookie); until it has, and for a
 * zone it does not know, the window is in UTC and says so. The window and its ticks are data (days,
 * hours); components/timeline words them in the reader's language.
 */

export const DEFAULT_TIMELINE_SPAN: TimelineSpan = "week";

const civilDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: paramMessage({ reason: "civilDate" }) })
  .refine((v) => toCivil(v) !== null, { message: paramMessage({ reason: "civilDate" }) });

export const timelineParamsSchema = z.object({
  span: single(z.enum(TIMELINE_SPANS, { error: paramMessage({ reason: "oneOf", choices: TIMELINE_SPANS }) })).transform((v) => v ?? DEFAULT_TIMELINE_SPAN),
  date: single(civilDate),
});

export type TimelineParams = z.output<typeof timelineParamsSchema>;

export interface TimelineWindow {
  span: TimelineSpan;
  timeZone: string;
  /** The first day of the window, YYYY-MM-DD in `timeZone`. */
  date: string;
  /** The day the window was asked for (today when none was, and it is in the window): a change of span keeps it. */
  anchorDate: string;
  startMs: number;
  endMs: number;
  /** The `date` of the windows before and after this one. */
  previousDate: string;
  nextDate: string;
  /** The first day of the window, for its name ("Week of Mon 24 Nov 2026" and the like, said by the component). */
  first: CivilDate;
  ticks: TimelineTick[];
}

export interface TimelineTick {
  atMs: number;
  /** What the tick names: an hour of the day (a day's window), or a day (a week's and a month's). */
  at: { hour: number } | { date: CivilDate };
  /** A day boundary (drawn stronger than an hour line). */
  major: boolean;
}

/** Whether `zone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function toCivil(text: string): CivilDate | null {
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? { year, month, day } : null;
}

function addMonths(date: CivilDate, months: number): CivilDate {
  const t = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: 1 };
}

/**
 * The window of `span` that holds `date` (today in the zone when absent), its neighbours and its
 * axis ticks: every 3 hours for a day, every day for a week and a month.
 */
export function timelineWindow(params: TimelineParams, timeZone: string, nowMs: number): TimelineWindow {
  const anchor = params.date ? toCivil(params.date)! : zonedFields(nowMs, timeZone);
  const { span } = params;
  const first = span === "day" ? anchor : span === "week" ? addDays(anchor, -((weekday(anchor) + 6) % 7)) : { ...anchor, day: 1 };
  const after = span === "day" ? addDays(first, 1) : span === "week" ? addDays(first, 7) : addMonths(first, 1);
  const before = span === "day" ? addDays(first, -1) : span === "week" ? addDays(first, -7) : addMonths(first, -1);
  const startMs = zonedInstant(first, 0, timeZone);
  const endMs = zonedInstant(after, 0, timeZone);

  const ticks: TimelineTick[] = [];
  if (span === "day") {
    for (let hour = 0; hour < 24; hour += 3) ticks.push({ atMs: zonedInstant(first, hour, timeZone), at: { hour }, major: hour === 0 });
  } else {
    for (let day = first; zonedInstant(day, 0, timeZone) < endMs; day = addDays(day, 1)) {
      ticks.push({ atMs: zonedInstant(day, 0, timeZone), at: { date: day }, major: span === "week" || weekday(day) === 1 });
    }
  }
  return {
    span,
    timeZone,
    date: formatCivil(first),
    anchorDate: formatCivil(anchor),
    startMs,
    endMs,
    previousDate: formatCivil(before),
    nextDate: formatCivil(after),
    first,
    ticks,
  };
}
