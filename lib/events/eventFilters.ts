import { z } from "zod";
import type { Event, Prisma } from "../generated/prisma/client";
import { FILTER_PARAMS, type FilterParam, type FilterParamValues } from "../explorerUrl/explorerParams";
import { repeated, single, text } from "./paramSchemas";

/**
 * The one filter vocabulary of the app: the explorer's URL parameters (lib/explorerUrl) and the
 * flags of `npm run export` are parsed by this one schema, so a URL and a command with the same
 * values select the same rows. Repeated values of one filter are alternatives (OR); different
 * filters all apply (AND); `not_user` excludes users.
 */

const userId = z
  .string()
  .trim()
  .regex(/^-?\d+$/, { message: "must be a Parsec user id (a whole number)" })
  .transform(Number);

/** A specific exit code, or every success (0) / every failure (anything else). */
const exitFilter = z
  .string()
  .trim()
  .refine((v) => v === "success" || v === "failure" || /^-?\d+$/.test(v), {
    message: 'must be an exit code such as -6023, or "success" or "failure"',
  })
  .transform((v) => (v === "success" || v === "failure" ? v : Number(v)));

/** RFC 3339 with any number of fractional digits, as Parsec writes timestamps. */
const dateTime = z.string().trim().pipe(z.iso.datetime({ offset: true, error: "must be an RFC 3339 date-time such as 2026-05-20T07:29:52Z" }));

const filterParamSchemas = {
  user: repeated(userId),
  not_user: repeated(userId),
  name: repeated(text("an event name", 256)),
  from: single(dateTime),
  to: single(dateTime),
  host: repeated(text("a computer name", 256)),
  exit: repeated(exitFilter),
  attempt: repeated(text("an attempt id", 256)),
  ip: repeated(text("an ip address", 64)),
  q: single(text("a search text", 200)),
} satisfies Record<FilterParam, z.ZodType>;

export const eventFiltersSchema = z
  .object(filterParamSchemas)
  .refine((f) => !f.from || !f.to || compareInstants(f.from, f.to) <= 0, {
    message: "must not be later than to",
    path: ["from"],
  })
  .transform(({ not_user, ...filters }) => ({ ...filters, notUser: not_user }));

export type EventFilters = z.output<typeof eventFiltersSchema>;

export class FilterError extends Error {
  override name = "FilterError";
}

/** Parses raw filter values (strings, or arrays of strings for repeated ones), keyed by parameter name. */
export function parseEventFilters(raw: Record<string, unknown>): EventFilters {
  const parsed = eventFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FilterError(
      parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "filter")} ${issue.message}`).join("; "),
    );
  }
  return parsed.data;
}

/** The filters as URL parameter values: `parseEventFilters` of them gives the same filters back. */
export function filtersToParams(filters: EventFilters): FilterParamValues {
  const params: FilterParamValues = {
    user: filters.user.map(String),
    not_user: filters.notUser.map(String),
    name: filters.name,
    from: filters.from === undefined ? [] : [filters.from],
    to: filters.to === undefined ? [] : [filters.to],
    host: filters.host,
    exit: filters.exit.map(String),
    attempt: filters.attempt,
    ip: filters.ip,
    q: filters.q === undefined ? [] : [filters.q],
  };
  return Object.fromEntries(Object.entries(params).filter(([, values]) => values.length > 0));
}

export function hasFilters(filters: EventFilters): boolean {
  return Object.keys(filtersToParams(filters)).length > 0;
}

/** The filters as a Prisma condition on events. */
export function eventFiltersWhere(filters: EventFilters): Prisma.EventWhereInput {
  const and: Prisma.EventWhereInput[] = [];
  if (filters.user.length) and.push({ userId: { in: filters.user } });
  if (filters.notUser.length) and.push({ userId: { notIn: filters.notUser } });
  if (filters.name.length) and.push({ name: { in: filters.name } });
  if (filters.from) and.push({ occurredAt: { gte: new Date(filters.from) } });
  if (filters.to) and.push({ occurredAt: { lte: new Date(filters.to) } });
  if (filters.host.length) and.push({ hostComputerName: { in: filters.host } });
  if (filters.exit.length) {
    and.push({
      OR: filters.exit.map((exit): Prisma.EventWhereInput =>
        exit === "success" ? { exitCode: 0 } : exit === "failure" ? { exitCode: { not: 0 } } : { exitCode: exit },
      ),
    });
  }
  if (filters.attempt.length) and.push({ attemptId: { in: filters.attempt } });
  if (filters.ip.length) and.push({ ip: { in: filters.ip } });
  if (filters.q) {
    const q = filters.q;
    and.push({ OR: SEARCH_COLUMNS.map((column): Prisma.EventWhereInput => ({ [column]: { contains: q } })) });
  }
  return and.length ? { AND: and } : {};
}

/** The columns the free-text filter `q` searches (`data` as its JSON text). */
export const SEARCH_COLUMNS = ["userEmail", "hostComputerName", "clientComputerName", "ip", "attemptId", "name", "data"] as const;

export type ExactCheckRow = Pick<Event, (typeof SEARCH_COLUMNS)[number] | "timestamp">;

/** The columns `matchesExactly` reads. */
export const EXACT_CHECK_SELECT = {
  timestamp: true,
  ...(Object.fromEntries(SEARCH_COLUMNS.map((column) => [column, true])) as Record<(typeof SEARCH_COLUMNS)[number], true>),
} satisfies Prisma.EventSelect;

/**
 * Whether rows selected by `eventFiltersWhere` must still pass `matchesExactly`, because the
 * database condition can only select a superset:
 * - `from`/`to`: the indexed time column keeps milliseconds (a Date), while Parsec's timestamps may
 *   carry more digits, which only the original string keeps. Rows in a bound's millisecond are
 *   let through by the database and decided here.
 * - `q` with `%` or `_`: Prisma's `contains` is SQL LIKE and passes them through as wildcards
 *   (SQLite has no escape character unless a query names one, and Prisma offers no way to:
 *   prisma/prisma#23611), so "%" alone selects everything.
 */
export function needsExactCheck(filters: EventFilters): boolean {
  return filters.from !== undefined || filters.to !== undefined || hasSearchWildcards(filters);
}

/** Whether `q` holds characters that SQL LIKE would take as wildcards. */
export function hasSearchWildcards(filters: EventFilters): boolean {
  return filters.q !== undefined && /[%_]/.test(filters.q);
}

/** The parts of the filters the database applies only approximately, applied exactly to one row. */
export function matchesExactly(row: ExactCheckRow, filters: EventFilters): boolean {
  if (filters.from !== undefined && compareInstants(row.timestamp, filters.from) < 0) return false;
  if (filters.to !== undefined && compareInstants(row.timestamp, filters.to) > 0) return false;
  if (filters.q !== undefined && hasSearchWildcards(filters) && !matchesSearchText(row, filters.q)) return false;
  return true;
}

/** `q` as the database applies it, wildcards taken literally: a substring, ignoring the case of A-Z only (as LIKE does). */
export function matchesSearchText(row: Pick<Event, (typeof SEARCH_COLUMNS)[number]>, q: string): boolean {
  const needle = foldAsciiCase(q);
  return SEARCH_COLUMNS.some((column) => {
    const value = row[column];
    return typeof value === "string" && foldAsciiCase(value).includes(needle);
  });
}

function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
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
  const params = filtersToParams(filters);
  const parts = FILTER_PARAMS.flatMap((param) => (params[param] ? [`${param}-${params[param].join("+")}`] : []));
  return parts.join("_").replace(/[^\p{L}\p{N}_+.-]+/gu, "-").slice(0, 120) || "all";
}
