import { connectionsHref, explorerHref } from "./explorerHref";
import type { TimelineSpan, TimelineWindowParams } from "./entityHref";
import type { FilterParamValues } from "./explorerParams";

/**
 * Links that keep the context they are followed from: a table filtered to a time range links to
 * a user's or a host's timeline on that range, and a timeline links to the tables on its window.
 * Like the rest of lib/explorerUrl, no dependency: the browser builds these links too.
 */

const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) of an instant in a time zone; UTC for a zone this runtime does not know. */
export function calendarDate(ms: number, timeZone: string): string {
  const format = (zone: string) => new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
  try {
    return format(timeZone);
  } catch {
    return format("UTC");
  }
}

/**
 * The timeline window that best shows a range: the day, week or month it fits in, around its
 * middle (a range given by one bound: the week from or up to it). No range: none, so the
 * timeline opens on its default (this week).
 */
export function windowOfRange(range: { from?: string; to?: string }, timeZone: string): TimelineWindowParams {
  const from = range.from === undefined ? Number.NaN : Date.parse(range.from);
  const to = range.to === undefined ? Number.NaN : Date.parse(range.to);
  if (Number.isNaN(from) && Number.isNaN(to)) return {};
  if (Number.isNaN(from) || Number.isNaN(to)) return { span: "week", date: calendarDate(Number.isNaN(from) ? to : from, timeZone) };
  const length = to - from;
  const span: TimelineSpan = length <= DAY_MS ? "day" : length <= 7 * DAY_MS ? "week" : "month";
  return { span, date: calendarDate(from + length / 2, timeZone) };
}

/** The range of a filtered table's URL values, as windowOfRange takes it. */
export function rangeOf(filters: FilterParamValues): { from?: string; to?: string } {
  return { from: filters.from?.[0], to: filters.to?.[0] };
}

/** The day of one instant (an event, a connection's start) on a timeline. */
export function windowOfInstant(iso: string, timeZone: string): TimelineWindowParams {
  return { span: "day", date: calendarDate(Date.parse(iso), timeZone) };
}

/** A timeline's window as the tables' `from`/`to` (its end is exclusive; `to` is not). */
export function windowRange(window: { startMs: number; endMs: number }): Pick<FilterParamValues, "from" | "to"> {
  return { from: [new Date(window.startMs).toISOString()], to: [new Date(window.endMs - 1).toISOString()] };
}

export type TimelineSubjectRef = { userId: number } | { hostName: string };

/** What a user's or a host's page links to, each on the timeline's window. */
export function timelineSubjectLinks(subject: TimelineSubjectRef, window: { startMs: number; endMs: number }) {
  const filter: FilterParamValues = "userId" in subject ? { user: [String(subject.userId)] } : { host: [subject.hostName] };
  const range = windowRange(window);
  return {
    connections: connectionsHref({ ...filter, ...range }),
    failedConnections: connectionsHref({ ...filter, exit: ["failure"], ...range }),
    events: explorerHref({ ...filter, ...range }),
  };
}
