import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { compareInstants, describeFilterParams, FilterError } from "../events/eventFilters";
import { dateTimeParam, exitParam, repeated, single, text, userIdParam, type ExitFilter } from "../events/paramSchemas";
import { CONNECTION_FILTER_PARAMS, CONNECTION_STATUSES, type ConnectionFilterParam, type FilterParamValues } from "../explorerUrl/explorerParams";
import { formatDurationParam } from "../explorerUrl/durationParam";
import { displayStatusCondition, type DisplayStatus } from "./connectionStatus";
import { paramMessage } from "../events/paramMessages";

/**
 * The filters of the connections table, its export and every link to it (user, host and insights
 * pages): one schema, with the events explorer's parameter schemas where the names mean the same.
 * Repeated values of one filter are alternatives (OR); different filters all apply (AND).
 * - `user`/`not_user`: the connecting (client) user;
 * - `host`: the host computer's name, exactly;
 * - `status`: as shown, "active", "stale" and "incomplete" decided against the clock;
 * - `exit`: the completion exit code, the attempt's verdict ("failure": any code but 0);
 * - `not_host`, `not_status`, `not_exit`: leave out what `host`, `status` and `exit` would select
 *   (a connection without a host or an exit code is never left out);
 * - `min_duration`/`max_duration`: Parsec's duration of an ended connection, so either bound
 *   leaves out connections that have none;
 * - `from`/`to`: when the connection started (its first event), to the millisecond.
 */

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

/**
 * A duration bound: seconds, a number with s, m or h ("90", "90s", "5m", "1.5h"), or several of
 * them ("12h52m21s", "1h 30m"). The text is kept as written, so that the page shows "13h" where
 * the person typed 13h, never the seconds it stands for.
 */
const durationParam = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const seconds = parseDuration(value);
    if (seconds === null) {
      ctx.addIssue({ code: "custom", message: paramMessage({ reason: "duration" }), input: value });
      return z.NEVER;
    }
    return { seconds, text: value };
  });

function parseDuration(value: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value);
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)\s*([smh])\s*/giy)];
  if (parts.length === 0 || parts.reduce((length, part) => length + part[0].length, 0) !== value.length) return null;
  const units = parts.map((part) => part[2]!.toLowerCase());
  // Each unit once, largest first: "1h30m", not "30m1h" or "1h1h".
  if (units.some((unit, i) => i > 0 && "hms".indexOf(unit) <= "hms".indexOf(units[i - 1]!))) return null;
  return parts.reduce((sum, part) => sum + Number(part[1]) * UNIT_SECONDS[part[2]!.toLowerCase() as keyof typeof UNIT_SECONDS], 0);
}

// The URL's status names (lib/explorerUrl, which the browser imports) are the stitching's display statuses.
CONNECTION_STATUSES satisfies readonly DisplayStatus[];

const statusParam = z.enum(CONNECTION_STATUSES, { error: paramMessage({ reason: "oneOf", choices: CONNECTION_STATUSES }) });

const connectionFilterSchemas = {
  user: repeated(userIdParam),
  not_user: repeated(userIdParam),
  host: repeated(text("computerName", 256)),
  not_host: repeated(text("computerName", 256)),
  status: repeated(statusParam),
  not_status: repeated(statusParam),
  exit: repeated(exitParam),
  not_exit: repeated(exitParam),
  min_duration: single(durationParam),
  max_duration: single(durationParam),
  from: single(dateTimeParam),
  to: single(dateTimeParam),
} satisfies Record<ConnectionFilterParam, z.ZodType>;

export const connectionFiltersSchema = z
  .object(connectionFilterSchemas)
  .refine((f) => !f.from || !f.to || compareInstants(f.from, f.to) <= 0, { message: paramMessage({ reason: "notLaterThanTo" }), path: ["from"] })
  .refine((f) => f.min_duration === undefined || f.max_duration === undefined || f.min_duration.seconds <= f.max_duration.seconds, {
    message: paramMessage({ reason: "notMoreThanMaxDuration" }),
    path: ["min_duration"],
  })
  .transform(({ not_user, not_host, not_status, not_exit, min_duration, max_duration, ...filters }) => ({
    ...filters,
    notUser: not_user,
    notHost: not_host,
    notStatus: not_status,
    notExit: not_exit,
    minDurationSeconds: min_duration?.seconds,
    maxDurationSeconds: max_duration?.seconds,
    /** The bounds as the URL wrote them, to show them so. */
    minDurationText: min_duration?.text,
    maxDurationText: max_duration?.text,
  }));

export type ConnectionFilters = z.output<typeof connectionFiltersSchema>;

/** Parses raw filter values (strings, or arrays of strings for repeated ones), keyed by parameter name; strict. */
export function parseConnectionFilters(raw: Record<string, unknown>): ConnectionFilters {
  const parsed = connectionFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FilterError(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "filter")} ${issue.message}`).join("; "));
  }
  return parsed.data;
}

export { formatDurationParam };

/** The filters as URL parameter values: `parseConnectionFilters` of them gives the same filters back. */
export function connectionFiltersToParams(filters: ConnectionFilters): FilterParamValues {
  const optional = (value: string | number | undefined, format: (v: never) => string = String) => (value === undefined ? [] : [format(value as never)]);
  const params: FilterParamValues = {
    user: filters.user.map(String),
    not_user: filters.notUser.map(String),
    host: filters.host,
    not_host: filters.notHost,
    status: filters.status,
    not_status: filters.notStatus,
    exit: filters.exit.map(String),
    not_exit: filters.notExit.map(String),
    min_duration: filters.minDurationText !== undefined ? [filters.minDurationText] : optional(filters.minDurationSeconds, formatDurationParam),
    max_duration: filters.maxDurationText !== undefined ? [filters.maxDurationText] : optional(filters.maxDurationSeconds, formatDurationParam),
    from: optional(filters.from),
    to: optional(filters.to),
  };
  return Object.fromEntries(Object.entries(params).filter(([, values]) => values.length > 0));
}

export function hasConnectionFilters(filters: ConnectionFilters): boolean {
  return Object.keys(connectionFiltersToParams(filters)).length > 0;
}

/** A short text for file names, e.g. "user-6181803_status-failed". */
export function describeConnectionFilters(filters: ConnectionFilters): string {
  return describeFilterParams(connectionFiltersToParams(filters), CONNECTION_FILTER_PARAMS);
}

/**
 * The filters as an SQL condition on "Connection" (parameters bound, never interpolated).
 * `nowMs` decides which open connections still count as active.
 */
export function connectionFiltersSql(filters: ConnectionFilters, nowMs: number): Prisma.Sql {
  const and: Prisma.Sql[] = [];
  if (filters.user.length) and.push(Prisma.sql`"clientUserId" IN (${Prisma.join(filters.user)})`);
  if (filters.notUser.length) and.push(Prisma.sql`("clientUserId" IS NULL OR "clientUserId" NOT IN (${Prisma.join(filters.notUser)}))`);
  if (filters.host.length) and.push(Prisma.sql`"hostComputerName" IN (${Prisma.join(filters.host)})`);
  if (filters.notHost.length) and.push(Prisma.sql`("hostComputerName" IS NULL OR "hostComputerName" NOT IN (${Prisma.join(filters.notHost)}))`);
  const statuses = (values: readonly DisplayStatus[]) =>
    Prisma.join(
      values.map((status) => Prisma.raw(displayStatusCondition(status, new Date(nowMs)))),
      " OR ",
    );
  if (filters.status.length) and.push(Prisma.sql`(${statuses(filters.status)})`);
  // Every connection has a display status: NOT of its condition is exact.
  if (filters.notStatus.length) and.push(Prisma.sql`NOT (${statuses(filters.notStatus)})`);
  const exits = (values: readonly ExitFilter[]) =>
    Prisma.join(
      values.map((exit) =>
        exit === "success"
          ? Prisma.sql`"completionExitCode" = 0`
          : exit === "failure"
            ? Prisma.sql`"completionExitCode" <> 0`
            : Prisma.sql`"completionExitCode" = ${exit}`,
      ),
      " OR ",
    );
  if (filters.exit.length) and.push(Prisma.sql`(${exits(filters.exit)})`);
  // Leaving an exit code out keeps the connections without one (never completed).
  if (filters.notExit.length) and.push(Prisma.sql`("completionExitCode" IS NULL OR NOT (${exits(filters.notExit)}))`);
  if (filters.minDurationSeconds !== undefined) and.push(Prisma.sql`"durationSeconds" >= ${filters.minDurationSeconds}`);
  if (filters.maxDurationSeconds !== undefined) and.push(Prisma.sql`"durationSeconds" <= ${filters.maxDurationSeconds}`);
  if (filters.from) and.push(Prisma.sql`"startedAt" >= ${Date.parse(filters.from)}`);
  if (filters.to) and.push(Prisma.sql`"startedAt" <= ${Date.parse(filters.to)}`);
  return and.length ? Prisma.join(and, " AND ") : Prisma.sql`1 = 1`;
}
