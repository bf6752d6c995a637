import { z } from "zod";
import type { Event } from "../generated/prisma/client";
import { FILTER_PARAMS, type FilterParam, type FilterParamValues } from "../explorerUrl/explorerParams";
import { dateTimeParam, exitParam, repeated, single, text, userIdParam } from "./paramSchemas";
import { paramMessage } from "./paramMessages";

/**
 * The one filter vocabulary of the app: the explorer's URL parameters (lib/explorerUrl) and the
 * flags of `npm run export` are parsed by this one schema, so a URL and a command with the same
 * values select the same rows. Repeated values of one filter are alternatives (OR); different
 * filters all apply (AND); `not_user`, `not_name`, `not_host` and `not_exit` leave out what `user`,
 * `name`, `host` and `exit` would select (an event without a host or an exit code is never left out).
 */

const filterParamSchemas = {
  user: repeated(userIdParam),
  not_user: repeated(userIdParam),
  name: repeated(text("eventName", 256)),
  not_name: repeated(text("eventName", 256)),
  from: single(dateTimeParam),
  to: single(dateTimeParam),
  host: repeated(text("computerName", 256)),
  not_host: repeated(text("computerName", 256)),
  exit: repeated(exitParam),
  not_exit: repeated(exitParam),
  attempt: repeated(text("attemptId", 256)),
  ip: repeated(text("ipAddress", 64)),
  q: single(text("searchText", 200)),
} satisfies Record<FilterParam, z.ZodType>;

export const eventFiltersSchema = z
  .object(filterParamSchemas)
  .refine((f) => !f.from || !f.to || compareInstants(f.from, f.to) <= 0, {
    message: paramMessage({ reason: "notLaterThanTo" }),
    path: ["from"],
  })
  .transform(({ not_user, not_name, not_host, not_exit, ...filters }) => ({
    ...filters,
    notUser: not_user,
    notName: not_name,
    notHost: not_host,
    notExit: not_exit,
  }));

export type EventFilters = z.output<typeof eventFiltersSchema>;

export class FilterError extends Error {
  override name = "FilterError";
}

/** Parses raw filter values (strings, or arrays of strings for repeated ones), keyed by parameter name. */
export function parseEventFilters(raw: Record<string, unknown>): EventFilters {
  const parsed = eventFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FilterError(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "filter")} ${issue.message}`).join("; "));
  }
  return parsed.data;
}

/** The filters as URL parameter values: `parseEventFilters` of them gives the same filters back. */
export function filtersToParams(filters: EventFilters): FilterParamValues {
  const params: FilterParamValues = {
    user: filters.user.map(String),
    not_user: filters.notUser.map(String),
    name: filters.name,
    not_name: filters.notName,
    from: filters.from === undefined ? [] : [filters.from],
    to: filters.to === undefined ? [] : [filters.to],
    host: filters.host,
    not_host: filters.notHost,
    exit: filters.exit.map(String),
    not_exit: filters.notExit.map(String),
    attempt: filters.attempt,
    ip: filters.ip,
    q: filters.q === undefined ? [] : [filters.q],
  };
  return Object.fromEntries(Object.entries(params).filter(([, values]) => values.length > 0));
}

export function hasFilters(filters: EventFilters): boolean {
  return Object.keys(filtersToParams(filters)).length > 0;
}

export type ExactCheckRow = Pick<Event, "timestamp">;

/**
 * Whether rows selected by `eventFiltersSql` must still pass `matchesExactly`, because the
 * database condition can only select a superset: the indexed time column keeps milliseconds,
 * while Parsec's timestamps may carry more digits, which only the original string keeps. Rows in
 * a bound's millisecond are let through by the database and decided here.
 */
export function needsExactCheck(filters: EventFilters): boolean {
  return filters.from !== undefined || filters.to !== undefined;
}

/** The parts of the filters the database applies only approximately, applied exactly to one row. */
export function matchesExactly(row: ExactCheckRow, filters: EventFilters): boolean {
  if (filters.from !== undefined && compareInstants(row.timestamp, filters.from) < 0) return false;
  if (filters.to !== undefined && compareInstants(row.timestamp, filters.to) > 0) return false;
  return true;
}

/** Orders two RFC 3339 date-times exactly, whatever their offsets and number of fractional digits. */
export function compareInstants(a: string, b: string): number {
  const [msA, msB] = [Date.parse(a), Date.parse(b)];
  if (msA !== msB) return msA < msB ? -1 : 1;
  // Same millisecond (Date.parse drops further digits): compare the digits after the milliseconds.
  const [subA, subB] = [subMillisecondDigits(a), subMillisecondDigits(b)];
  const length = Math.max(subA.length, subB.length);
  const [x, y] = [subA.padEnd(length, "0"), subB.padEnd(length, "0")];
  return x < y ? -1 : x > y ? 1 : 0;
}

function subMillisecondDigits(timestamp: string): string {
  return (/\.(\d+)/.exec(timestamp)?.[1] ?? "").slice(3);
}

/** A short text for file names and summaries, e.g. "user-6181803_name-client_disconnect". */
export function describeFilters(filters: EventFilters): string {
  return describeFilterParams(filtersToParams(filters), FILTER_PARAMS);
}

/** Filter parameters as a short text for file names, in the order given; "all" when there are none. */
export function describeFilterParams(params: FilterParamValues, order: readonly (keyof FilterParamValues)[]): string {
  const parts = order.flatMap((param) => (params[param] ? [`${param}-${params[param].join("+")}`] : []));
  return (
    parts
      .join("_")
      .replace(/[^\p{L}\p{N}_+.-]+/gu, "-")
      .slice(0, 120) || "all"
  );
}
