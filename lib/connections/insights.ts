import { z } from "zod";
import type { SqliteConnection } from "../store/sqlite";
import { describeExitCode, isFailure, type ExitCodeSeverity } from "../parsec/exitCodes";
import { addHistogram, decodeHistogram, durationBucketBounds, histogramQuantile, type DurationHistogram } from "./durationBuckets";
import { displayStatusCondition } from "./connectionStatus";
import { DAY_MS, HOUR_MS, startGrain, type StartDimensions, type StartGrain } from "./rollupContributions";
import { isKnownTimeZone } from "./timelineWindow";
import { areUtcDays, dayIndexOf, dayShifts, zoneDayStart, zoneDays, type ZoneDay } from "./zoneDays";

/**
 * The queries behind /insights. Each reads the rollups that lib/connections keeps beside the
 * Connection table (ConnectionDailyRollup, ConnectionHourlyRollup), never the events, so each
 * answers in milliseconds at a million events (`npm run bench -- --only connections` measures it).
 *
 * Every query takes an `InsightsQuery`: a time range, the viewer's zone and optional user and host filters.
 * - Connections count on the day (in the viewer's zone, see zoneDays.ts) in which they started,
 *   and a range covers every UTC hour it touches, in full: whole UTC days are read from the daily
 *   rollups, the hours around them, and the days of other zones, from the start-hour rollups.
 *   Concurrency counts a session in every UTC hour it overlaps, from (end − duration) to its end,
 *   and covers every hour the range touches.
 * - `users` are client user ids (the user who connected), `hosts` host computer names; a filter
 *   keeps connections matching any of its values, and both filters apply together.
 * - A session still connected at `now` (status open and not yet taken for stale, see
 *   connectionStatus.ts) has no duration yet: it is not in the duration histogram or the
 *   percentiles, but it is connected time, counted from its completion (or start) up to `now`,
 *   in the hours per user per day and in concurrency. The rollups hold ended sessions only, so
 *   these few are read from the Connection table.
 * Pass the raw connection of lib/store/sqlite.ts: `getSqlite(config.databaseFile)`.
 */

export const insightsQuerySchema = z
  .object({
    from: z.date(),
    to: z.date(),
    users: z.array(z.number().int()).max(1000).optional(),
    hosts: z.array(z.string().min(1)).max(1000).optional(),
    /** The clock that decides which sessions are still connected (default: the time of the call). */
    now: z.date().optional(),
    /** The zone whose days the charts count (default UTC). */
    timeZone: z.string().refine(isKnownTimeZone, { message: "an IANA time zone" }).default("UTC"),
  })
  .refine((q) => q.from.getTime() < q.to.getTime(), { message: "`from` must be before `to`", path: ["from"] });

export type InsightsQuery = z.input<typeof insightsQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Exit codes over time

/** One completion exit code that occurs in the range: a series of the stacked chart. */
export interface ExitCodeSeries {
  /** The key of this series in `ExitCodesOverTime.days[].counts`: the code as text, or "none". */
  key: string;
  /** null: attempts with no completion from either side (still connecting, or lost). */
  code: number | null;
  /** "0 Success", "-6023 NAT_ERR_PEER_PHASE", "unknown code -16011", "no completion". */
  label: string;
  /** The catalogue's plain-language meaning (empty for "no completion"). */
  meaning: string;
  severity: ExitCodeSeverity | null;
  /** Whether this code makes an attempt "failed" (lib/parsec/exitCodes isFailure): highlight it. */
  failure: boolean;
  total: number;
}

export interface ExitCodeDay {
  /** The day's first instant (midnight in the query's zone), ISO. */
  day: string;
  /** The next day's first instant, ISO: a day in a zone with daylight saving time can be 23 or 25 hours. */
  until: string;
  attempts: number;
  failures: number;
  /** Attempts per series key; keys with no attempts that day are absent. */
  counts: Record<string, number>;
}

export interface ExitCodesOverTime {
  /** Success first, then failures by total (largest first), then the other codes. */
  series: ExitCodeSeries[];
  /** Every day of the range, empty days included. */
  days: ExitCodeDay[];
}

export function exitCodesOverTime(sqlite: SqliteConnection, query: InsightsQuery): ExitCodesOverTime {
  const q = insightsQuerySchema.parse(query);
  const filtered = Boolean(q.users?.length || q.hosts?.length);
  const zoned = daysOf(q);
  const dayNumber = dayNumberSql(zoned, q.timeZone);
  const rows = readParts(
    sqlite,
    q,
    rangeParts(q, filtered ? "user-host-code" : "code", zoned),
    (where) =>
      sqlite
        .prepare(
          `SELECT ${dayNumber.sql} AS "zoneDay", MIN("day") AS "day", "completionExitCode" AS code, SUM("attempts") AS attempts, SUM("failures") AS failures
       FROM ${where.from} WHERE ${where.sql} GROUP BY "zoneDay", "completionExitCode"`,
        )
        .all(...dayNumber.params, ...where.params) as { day: number; code: number | null; attempts: number; failures: number }[],
  );

  const days = zoned.map((d): ExitCodeDay => ({ day: iso(d.startMs), until: iso(d.endMs), attempts: 0, failures: 0, counts: {} }));
  const totals = new Map<string, { code: number | null; total: number }>();
  for (const row of rows) {
    const key = row.code === null ? "none" : String(row.code);
    const day = days[dayIndexOf(zoned, row.day)];
    if (day) {
      day.attempts += row.attempts;
      day.failures += row.failures;
      day.counts[key] = (day.counts[key] ?? 0) + row.attempts;
    }
    const total = totals.get(key) ?? { code: row.code, total: 0 };
    total.total += row.attempts;
    totals.set(key, total);
  }
  const series = [...totals.entries()].map(([key, { code, total }]) => exitCodeSeries(key, code, total));
  const rank = (s: ExitCodeSeries) => (s.code === 0 ? 0 : s.failure ? 1 : 2);
  series.sort((a, b) => rank(a) - rank(b) || b.total - a.total || a.key.localeCompare(b.key));
  return { series, days };
}

function exitCodeSeries(key: string, code: number | null, total: number): ExitCodeSeries {
  if (code === null) return { key, code, label: "no completion", meaning: "", severity: null, failure: false, total };
  const info = describeExitCode(code)!;
  const label = info.known ? (code === 0 ? "0 Success" : `${code} ${info.name ?? info.family}`) : info.label;
  return { key, code, label, meaning: info.meaning, severity: info.severity, failure: isFailure(code), total };
}

// ---------------------------------------------------------------------------------------------
// Top failing hosts and users

export interface FailureTally {
  attempts: number;
  failures: number;
  /** failures / attempts (0..1). */
  failureRate: number;
}

export interface FailingHost extends FailureTally {
  /** null gathers attempts whose events named no host. */
  hostComputerName: string | null;
}

export interface FailingUser extends FailureTally {
  clientUserId: number | null;
}

/** Hosts by failed attempts in the range, most first (ties: higher rate, then name); only hosts with a failure. */
export function topFailingHosts(sqlite: SqliteConnection, query: InsightsQuery, limit = 10): FailingHost[] {
  const q = insightsQuerySchema.parse(query);
  return failingHostsFrom(keyTallies(sqlite, q, "hostComputerName"), limit);
}

const failingHostsFrom = (tallies: KeyTally[], limit: number): FailingHost[] =>
  topFailing(tallies, limit).map((t) => ({ hostComputerName: t.key as string | null, ...failureTally(t) }));

/** Users by failed attempts in the range, most first (ties: higher rate, then id); only users with a failure. */
export function topFailingUsers(sqlite: SqliteConnection, query: InsightsQuery, limit = 10): FailingUser[] {
  const q = insightsQuerySchema.parse(query);
  return failingUsersFrom(keyTallies(sqlite, q, "clientUserId"), limit);
}

const failingUsersFrom = (tallies: KeyTally[], limit: number): FailingUser[] =>
  topFailing(tallies, limit).map((t) => ({ clientUserId: t.key as number | null, ...failureTally(t) }));

type TallyKey = string | number | null;

/** One user's (or host's) sums over the range. */
interface KeyTally {
  key: TallyKey;
  attempts: number;
  failures: number;
  sessions: number;
  connectedMs: number;
}

/**
 * Every user's (or host's) sums over the range, in one pass of the covering index of their
 * grain: the top failing, the busiest (whose percentiles are shown) and the hours chart's users
 * are all picked from these.
 */
function keyTallies(sqlite: SqliteConnection, q: ParsedQuery, by: "clientUserId" | "hostComputerName"): KeyTally[] {
  const other = by === "clientUserId" ? q.hosts : q.users;
  const rows = readParts(
    sqlite,
    q,
    rangeParts(q, other?.length ? "user-host-code" : by === "clientUserId" ? "user" : "host"),
    (where) =>
      sqlite
        .prepare(
          `SELECT "${by}" AS key, SUM("attempts") AS attempts, SUM("failures") AS failures, SUM("sessions") AS sessions, SUM("connectedMs") AS connectedMs
       FROM ${where.from} WHERE ${where.sql} GROUP BY "${by}"`,
        )
        .all(...where.params) as KeyTally[],
  );
  const tallies = new Map<TallyKey, KeyTally>();
  for (const row of rows) {
    const tally = tallies.get(row.key);
    if (!tally) tallies.set(row.key, row);
    else {
      tally.attempts += row.attempts;
      tally.failures += row.failures;
      tally.sessions += row.sessions;
      tally.connectedMs += row.connectedMs;
    }
  }
  return [...tallies.values()];
}

/** SQLite's order of keys: NULL first, then numbers, then text by its UTF-8 bytes. */
function compareKeys(a: TallyKey, b: TallyKey): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number" || typeof b === "number") return typeof a === "number" ? -1 : 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The keys with a failure, most failures first, then the higher rate, then the key. */
function topFailing(tallies: KeyTally[], limit: number): KeyTally[] {
  return tallies
    .filter((t) => t.failures > 0)
    .sort((a, b) => b.failures - a.failures || b.failures / b.attempts - a.failures / a.attempts || compareKeys(a.key, b.key))
    .slice(0, limit);
}

function failureTally(row: { attempts: number; failures: number }): FailureTally {
  return { attempts: row.attempts, failures: row.failures, failureRate: row.attempts > 0 ? row.failures / row.attempts : 0 };
}

// ---------------------------------------------------------------------------------------------
// Durations: histogram and percentiles

export interface DurationBucketCount {
  /** Lower bound of the bucket in seconds (inclusive). */
  fromSeconds: number;
  /** Upper bound in seconds (exclusive); null for the open-ended last bucket. */
  toSeconds: number | null;
  count: number;
}

export interface DurationSummary {
  /** Connections with a reported duration. */
  sessions: number;
  connectedSeconds: number;
  /** Read from the histogram: within 19% of the exact value (durationBuckets.ts). null without sessions. */
  p50: number | null;
  p90: number | null;
  p99: number | null;
  /** Non-empty buckets only, shortest first; bucket bounds grow by √2. */
  histogram: DurationBucketCount[];
}

export interface UserDurations extends DurationSummary {
  clientUserId: number | null;
}

export interface HostDurations extends DurationSummary {
  hostComputerName: string | null;
}

/** The duration histogram and percentiles of every session in the range (the filters apply). */
export function durationSummary(sqlite: SqliteConnection, query: InsightsQuery): DurationSummary {
  const q = insightsQuerySchema.parse(query);
  // Without filters, the per-code grain is the smallest that holds every session once.
  const filtered = Boolean(q.users?.length || q.hosts?.length);
  const groups = durationsBy(sqlite, q, filtered ? "user-host-code" : "code", null, null);
  return groups.get(null) ?? summarize(new Map(), 0, 0);
}

/**
 * Per client user: sessions, hours and p50/p90/p99, most sessions first. With `limit`, the first
 * `limit` of that list, exactly, without decoding the histograms of the users left out.
 */
export function durationsByUser(sqlite: SqliteConnection, query: InsightsQuery, limit?: number): UserDurations[] {
  const q = insightsQuerySchema.parse(query);
  return userDurationsFrom(sqlite, q, limit === undefined ? null : keyTallies(sqlite, q, "clientUserId"), limit);
}

function userDurationsFrom(sqlite: SqliteConnection, q: ParsedQuery, tallies: KeyTally[] | null, limit?: number): UserDurations[] {
  return durationsPerKey(sqlite, q, "clientUserId", tallies, limit).map(([key, summary]) => ({ clientUserId: key as number | null, ...summary }));
}

/**
 * Per host computer: sessions, hours and p50/p90/p99, most sessions first. With `limit`, the
 * first `limit` of that list, exactly, without decoding the histograms of the hosts left out.
 */
export function durationsByHost(sqlite: SqliteConnection, query: InsightsQuery, limit?: number): HostDurations[] {
  const q = insightsQuerySchema.parse(query);
  return hostDurationsFrom(sqlite, q, limit === undefined ? null : keyTallies(sqlite, q, "hostComputerName"), limit);
}

function hostDurationsFrom(sqlite: SqliteConnection, q: ParsedQuery, tallies: KeyTally[] | null, limit?: number): HostDurations[] {
  return durationsPerKey(sqlite, q, "hostComputerName", tallies, limit).map(([key, summary]) => ({ hostComputerName: key as string | null, ...summary }));
}

/**
 * Per user or per host (`by`): each key's duration summary, most sessions first (ties by user id,
 * or by name); with `limit`, exactly the first `limit`, decoding only their histograms.
 */
function durationsPerKey(sqlite: SqliteConnection, q: ParsedQuery, by: "clientUserId" | "hostComputerName", tallies: KeyTally[] | null, limit?: number) {
  const keys = tallies && limit !== undefined ? busiestKeys(tallies, limit) : null;
  const filteredByTheOther = by === "clientUserId" ? q.hosts?.length : q.users?.length;
  const dimensions: StartDimensions = filteredByTheOther ? "user-host-code" : by === "clientUserId" ? "user" : "host";
  const byKey = (a: TallyKey | null, b: TallyKey | null) =>
    by === "clientUserId" ? ((a as number | null) ?? -1) - ((b as number | null) ?? -1) : String(a).localeCompare(String(b));
  return [...durationsBy(sqlite, q, dimensions, by, keys).entries()]
    .sort(([keyA, a], [keyB, b]) => b.sessions - a.sessions || byKey(keyA, keyB))
    .slice(0, limit);
}

type ParsedQuery = z.output<typeof insightsQuerySchema>;

/** Keys past which `busiestKeys` reads every row instead of naming them (ties at the cut can be many). */
const MAX_NAMED_KEYS = 500;

function durationsBy(
  sqlite: SqliteConnection,
  q: ParsedQuery,
  dimensions: StartDimensions,
  by: "clientUserId" | "hostComputerName" | null,
  /** Only these keys' histograms (busiestKeys); null: every key's. */
  keys: TallyKey[] | null,
): Map<string | number | null, DurationSummary> {
  const rows = readParts(sqlite, q, rangeParts(q, dimensions), (where) => {
    let sql = where.sql;
    const params = [...where.params];
    if (keys) {
      const named = keys.filter((key) => key !== null);
      const clauses = named.length ? [`"${by}" IN (${named.map(() => "?").join(", ")})`] : [];
      if (named.length < keys.length) clauses.push(`"${by}" IS NULL`);
      sql += ` AND (${clauses.join(" OR ") || "0"})`;
      params.push(...named);
    }
    return sqlite
      .prepare(
        `SELECT ${by ? `"${by}"` : "NULL"} AS key, "sessions", "connectedMs", "durationHistogram" AS histogram
       FROM ${where.from} WHERE ${sql} AND "sessions" > 0`,
      )
      .all(...params) as { key: string | number | null; sessions: number; connectedMs: number; histogram: string }[];
  });
  const groups = new Map<string | number | null, { histogram: DurationHistogram; sessions: number; connectedMs: number }>();
  for (const row of rows) {
    let group = groups.get(row.key);
    if (!group) groups.set(row.key, (group = { histogram: new Map(), sessions: 0, connectedMs: 0 }));
    decodeHistogram(row.histogram, group.histogram);
    group.sessions += row.sessions;
    group.connectedMs += row.connectedMs;
  }
  return new Map([...groups.entries()].map(([key, g]) => [key, summarize(g.histogram, g.sessions, g.connectedMs)]));
}

/**
 * The keys that can be among the first `limit` by sessions: every key with at least as many
 * sessions as the `limit`-th, ties included, so that the caller's own ordering picks among them
 * as it would among all. null: every key (there are no more than `limit`, or too many tie to
 * name them).
 */
function busiestKeys(tallies: KeyTally[], limit: number): TallyKey[] | null {
  const withSessions = tallies.filter((t) => t.sessions > 0);
  if (withSessions.length <= limit) return null;
  const cut = limit > 0 ? withSessions.map((t) => t.sessions).sort((a, b) => b - a)[limit - 1]! : Infinity;
  const keys = withSessions.filter((t) => t.sessions >= cut).map((t) => t.key);
  return keys.length > MAX_NAMED_KEYS ? null : keys;
}

function summarize(histogram: DurationHistogram, sessions: number, connectedMs: number): DurationSummary {
  const merged = addHistogram(new Map(), histogram);
  return {
    sessions,
    connectedSeconds: connectedMs / 1000,
    p50: histogramQuantile(merged, 0.5),
    p90: histogramQuantile(merged, 0.9),
    p99: histogramQuantile(merged, 0.99),
    histogram: [...merged.entries()]
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a - b)
      .map(([bucket, count]) => {
        const { from, to } = durationBucketBounds(bucket);
        return { fromSeconds: from, toSeconds: to, count };
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Hours connected per user per day

export interface UserDayHours {
  /** UTC midnight, ISO: the day the sessions started. */
  day: string;
  clientUserId: number | null;
  /** Connected hours of the sessions that started that day (those still connected: up to `now`). */
  hours: number;
  sessions: number;
}

export interface HoursConnected {
  /** The users with connected time in the range, most hours first (ties: user id), with their hours; with a limit, only those shown. */
  users: { clientUserId: number | null; hours: number }[];
  /** One entry per (day, shown user) with connected time, in day order, then user id. */
  entries: UserDayHours[];
  /** With a limit, per day with connected time: the hours of every user not shown, together. */
  others: { day: string; hours: number; sessions: number }[];
  /** How many users `others` sums up (0 without a limit). */
  otherUsers: number;
}

/**
 * Connected hours per (day, user). With `limit`, at most `limit` series: when more users than
 * that have connected time, the `limit - 1` with the most hours keep their entries and the rest
 * are summed per day in `others`, in SQL, so that a year of a team's users is not carried out
 * of the database one (day, user) row at a time.
 */
export function hoursConnectedPerUserPerDay(sqlite: SqliteConnection, query: InsightsQuery, limit?: number): HoursConnected {
  const q = insightsQuerySchema.parse(query);
  return hoursFrom(sqlite, q, keyTallies(sqlite, q, "clientUserId"), openSessions(sqlite, q), limit);
}

function hoursFrom(sqlite: SqliteConnection, q: ParsedQuery, userTallies: KeyTally[], openNow: OpenSession[], limit?: number): HoursConnected {
  const zoned = daysOf(q);
  // As the rollups: the sessions that started in an hour of the range.
  const open = openNow.filter((session) => session.startedMs >= Math.floor(q.from.getTime() / HOUR_MS) * HOUR_MS);
  const totals = new Map<number | null, number>();
  for (const tally of userTallies) if (tally.sessions > 0) totals.set(tally.key as number | null, tally.connectedMs);
  for (const session of open) totals.set(session.clientUserId, (totals.get(session.clientUserId) ?? 0) + session.connectedMs);
  const ranked = [...totals.entries()]
    .map(([clientUserId, ms]) => ({ clientUserId, hours: ms / HOUR_MS }))
    .sort((a, b) => b.hours - a.hours || (a.clientUserId ?? -Infinity) - (b.clientUserId ?? -Infinity));
  const shown = limit === undefined || ranked.length <= limit ? ranked : ranked.slice(0, Math.max(0, limit - 1));
  const all = shown.length === ranked.length;
  const named = shown.map((u) => u.clientUserId).filter((user): user is number => user !== null);
  const unknownShown = shown.some((u) => u.clientUserId === null);
  // 1 for a shown user's rows; the rest of the users are grouped together under a NULL user.
  const shownSql = all ? "1" : `("clientUserId" IN (${named.map(() => "?").join(", ") || "NULL"})${unknownShown ? ` OR "clientUserId" IS NULL` : ""})`;
  const parts = rangeParts(q, q.hosts?.length ? "user-host-code" : "user", zoned);
  const dayNumber = dayNumberSql(zoned, q.timeZone);
  const rows =
    !all && !q.users?.length && !q.hosts?.length
      ? everyoneByDayWithOthers(sqlite, q, parts, dayNumber, shownSql, named)
      : readParts(
          sqlite,
          q,
          parts,
          (where) =>
            sqlite
              .prepare(
                `SELECT ${dayNumber.sql} AS "zoneDay", MIN("day") AS "day", ${shownSql} AS shown, "clientUserId" AS user, SUM("connectedMs") AS ms, SUM("sessions") AS sessions
       FROM ${where.from} WHERE ${where.sql} AND "sessions" > 0
       GROUP BY "zoneDay", shown, CASE WHEN ${shownSql} THEN "clientUserId" END`,
              )
              .all(...dayNumber.params, ...(all ? [] : named), ...where.params, ...(all ? [] : named)) as DayHoursRow[],
        );

  // Rows are per UTC day or hour: each is added to the day of the zone it falls in.
  const cells = new Map<string, { index: number; shown: boolean; user: number | null; ms: number; sessions: number }>();
  const add = (index: number, shown: boolean, user: number | null, ms: number, sessions: number) => {
    if (index < 0) return;
    const key = `${index}|${shown ? 1 : 0}|${shown ? (user ?? "") : ""}`;
    const cell = cells.get(key);
    if (cell) {
      cell.ms += ms;
      cell.sessions += sessions;
    } else cells.set(key, { index, shown, user: shown ? user : null, ms, sessions });
  };
  for (const row of rows) add(dayIndexOf(zoned, row.day), row.shown === 1, row.user, row.ms, row.sessions);
  // The sessions still connected (a few: no more than the team's seats) join their day's entry.
  const shownUsers = new Set(shown.map((u) => u.clientUserId));
  for (const session of open) add(dayIndexOf(zoned, session.day), shownUsers.has(session.clientUserId), session.clientUserId, session.connectedMs, 1);

  const sorted = [...cells.values()].sort((a, b) => a.index - b.index || (a.user ?? -Infinity) - (b.user ?? -Infinity));
  const entries: UserDayHours[] = [];
  const others: HoursConnected["others"] = [];
  for (const cell of sorted) {
    const day = iso(zoned[cell.index]!.startMs);
    if (cell.shown) entries.push({ day, clientUserId: cell.user, hours: cell.ms / HOUR_MS, sessions: cell.sessions });
    else others.push({ day, hours: cell.ms / HOUR_MS, sessions: cell.sessions });
  }
  return { users: shown, entries, others, otherUsers: ranked.length - shown.length };
}

/** A (period, user) sum of connected time; shown 0 gathers the users not shown, under a NULL user. */
interface DayHoursRow {
  day: number;
  shown: number;
  user: number | null;
  ms: number;
  sessions: number;
}

/**
 * The rows hoursFrom's grouping query gives, for a range without filters, read the cheap way: the
 * shown users' periods through their index (a few hundred rows) and everyone's period totals from
 * the per-code grain, "others" being the difference, instead of grouping every (period, user) row.
 */
function everyoneByDayWithOthers(
  sqlite: SqliteConnection,
  q: ParsedQuery,
  parts: RangePart[],
  dayNumber: DayNumberSql,
  shownSql: string,
  named: number[],
): DayHoursRow[] {
  const rows: DayHoursRow[] = [];
  for (const part of parts) {
    const period = part.grain.startsWith("day-") ? "day" : "start-hour";
    const shownWhere = rollupWhere("ConnectionDailyRollup", "day", part.grain, part.fromMs, part.toMs, q);
    const shownRows = sqlite
      .prepare(
        `SELECT ${dayNumber.sql} AS "zoneDay", MIN("day") AS "day", 1 AS shown, "clientUserId" AS user, SUM("connectedMs") AS ms, SUM("sessions") AS sessions
       FROM "ConnectionDailyRollup" INDEXED BY "ConnectionDailyRollup_grain_clientUserId_day_idx"
       WHERE ${shownWhere.sql} AND ${shownSql} AND "sessions" > 0 GROUP BY "zoneDay", "clientUserId"`,
      )
      .all(...dayNumber.params, ...shownWhere.params, ...named) as (DayHoursRow & { zoneDay: number })[];
    const totalsWhere = rollupWhere("ConnectionDailyRollup", "day", startGrain(period, "code"), part.fromMs, part.toMs, q);
    const totals = sqlite
      .prepare(
        `SELECT ${dayNumber.sql} AS "zoneDay", MIN("day") AS "day", SUM("connectedMs") AS ms, SUM("sessions") AS sessions
         FROM ${totalsWhere.from} WHERE ${totalsWhere.sql} AND "sessions" > 0 GROUP BY "zoneDay"`,
      )
      .all(...dayNumber.params, ...totalsWhere.params) as { zoneDay: number; day: number; ms: number; sessions: number }[];
    const others = new Map(totals.map((t) => [t.zoneDay, { ...t }]));
    for (const row of shownRows) {
      const day = others.get(row.zoneDay)!;
      day.ms -= row.ms;
      day.sessions -= row.sessions;
    }
    rows.push(...shownRows);
    for (const day of others.values()) if (day.sessions > 0) rows.push({ day: day.day, shown: 0, user: null, ms: day.ms, sessions: day.sessions });
  }
  return rows;
}

/** SQL that numbers the day (of the query's zone) of a rollup row's "day", with its parameters. */
interface DayNumberSql {
  sql: string;
  params: number[];
}

/** See zoneDays.ts dayShifts: grouping by this gives one row per zone day instead of one per hour. */
function dayNumberSql(days: readonly ZoneDay[], timeZone: string): DayNumberSql {
  const steps = dayShifts(days, timeZone);
  const last = steps.at(-1)!;
  if (steps.length === 1) return { sql: `(("day" + ?) / ${DAY_MS})`, params: [last.shiftMs] };
  const earlier = steps.slice(0, -1);
  return {
    sql: `(("day" + CASE ${earlier.map(() => `WHEN "day" < ? THEN ?`).join(" ")} ELSE ? END) / ${DAY_MS})`,
    params: [...earlier.flatMap((step) => [step.untilMs!, step.shiftMs]), last.shiftMs],
  };
}

// ---------------------------------------------------------------------------------------------
// Sessions still connected

interface OpenSession {
  clientUserId: number | null;
  startedMs: number;
  /** The start of the day (in the query's zone) it started on: the day the rollups would count it on. */
  day: number;
  /** When it connected (its completion, else its start), Unix ms. */
  fromMs: number;
  /** Connected time up to `now`. */
  connectedMs: number;
}

/**
 * The sessions connected at `now` that match the filters and were connected before the range's
 * end: open, with an event recent enough for it to be still going (connectionStatus.ts). Read
 * through the (status, startedAt) index, which holds every open row, the stale ones too (1,721
 * at a million events, about 3 ms); the page reads them once for both charts (insightsOverview).
 */
function openSessions(sqlite: SqliteConnection, q: ParsedQuery): OpenSession[] {
  const now = q.now ?? new Date();
  const clauses = [displayStatusCondition("active", now), `COALESCE("completedAt", "startedAt") < ?`];
  const params: (string | number)[] = [Math.min(q.to.getTime(), now.getTime())];
  addFilters(q, clauses, params);
  const rows = sqlite
    .prepare(
      `SELECT "clientUserId" AS user, "startedAt" AS started, COALESCE("completedAt", "startedAt") AS "from" FROM "Connection" WHERE ${clauses.join(" AND ")}`,
    )
    .all(...params) as { user: number | null; started: number; from: number }[];
  return rows.map((row) => ({
    clientUserId: row.user,
    startedMs: row.started,
    day: zoneDayStart(row.started, q.timeZone),
    fromMs: row.from,
    connectedMs: Math.max(0, now.getTime() - row.from),
  }));
}

// ---------------------------------------------------------------------------------------------
// Concurrency against seats

export interface ConcurrencyHour {
  /** Start of the UTC hour, ISO. */
  hour: string;
  /** Connected time in the hour / one hour: how many connections were open on average (those still connected included). */
  averageConcurrent: number;
  /** Connections open at some moment of the hour, those still connected included: the peak can be no higher. */
  overlappingSessions: number;
  /** The team's seat count at the end of the hour, or null before any seat count is known. */
  seats: number | null;
}

export interface SeatChange {
  at: string;
  seats: number;
}

export interface ConcurrencyOverTime {
  /** Every UTC hour of the range, empty hours included. */
  hours: ConcurrencyHour[];
  /** The seat counts in force during the range: the last one before it, then every change in it. */
  seatChanges: SeatChange[];
}

export function concurrencyOverTime(sqlite: SqliteConnection, query: InsightsQuery): ConcurrencyOverTime {
  const q = insightsQuerySchema.parse(query);
  return concurrencyFrom(sqlite, q, openSessions(sqlite, q));
}

function concurrencyFrom(sqlite: SqliteConnection, q: ParsedQuery, openNow: OpenSession[]): ConcurrencyOverTime {
  const filtered = Boolean(q.users?.length || q.hosts?.length);
  const where = rollupWhere(
    "ConnectionHourlyRollup",
    "hour",
    filtered ? "hour-user-host" : "hour",
    Math.floor(q.from.getTime() / HOUR_MS) * HOUR_MS,
    q.to.getTime(),
    q,
  );
  const rows = sqlite
    .prepare(
      `SELECT "hour", SUM("sessions") AS sessions, SUM("connectedMs") AS ms
       FROM ${where.from} WHERE ${where.sql} GROUP BY "hour"`,
    )
    .all(...where.params) as { hour: number; sessions: number; ms: number }[];
  const byHour = new Map(rows.map((r) => [r.hour, { sessions: r.sessions, ms: r.ms }]));
  // Sessions still connected: from their connection up to now (or the range's end), hour by hour.
  const untilMs = Math.min(q.to.getTime(), (q.now ?? new Date()).getTime());
  for (const session of openNow) {
    for (let hour = Math.floor(Math.max(session.fromMs, q.from.getTime()) / HOUR_MS) * HOUR_MS; hour < untilMs; hour += HOUR_MS) {
      const inside = Math.max(0, Math.min(untilMs, hour + HOUR_MS) - Math.max(session.fromMs, hour));
      const cell = byHour.get(hour) ?? { sessions: 0, ms: 0 };
      cell.sessions += 1;
      cell.ms += inside;
      byHour.set(hour, cell);
    }
  }
  const seatChanges = teamSeats(sqlite, q.to);
  const inRange = seatChanges.filter((c) => c.atMs >= q.from.getTime());
  const before = seatChanges.filter((c) => c.atMs < q.from.getTime()).at(-1);
  let seatIndex = 0;
  let seats: number | null = null;
  const hours = eachPeriod(q.from, q.to, HOUR_MS).map((hour) => {
    while (seatIndex < seatChanges.length && seatChanges[seatIndex]!.atMs < hour + HOUR_MS) seats = seatChanges[seatIndex++]!.seats;
    const row = byHour.get(hour);
    return {
      hour: iso(hour),
      averageConcurrent: row ? row.ms / HOUR_MS : 0,
      overlappingSessions: row?.sessions ?? 0,
      seats,
    };
  });
  return {
    hours,
    seatChanges: [...(before ? [before] : []), ...inRange].map((c) => ({ at: iso(c.atMs), seats: c.seats })),
  };
}

/**
 * The team's seat count over time, up to `until`: team_create carries `team_seats`, and so does
 * each team_seats_update (a name Parsec does not document, so any event with a numeric
 * `team_seats` among those two names counts). Few events: read straight from the (name, occurredAt) index.
 */
export function teamSeats(sqlite: SqliteConnection, until: Date): { atMs: number; seats: number }[] {
  const rows = sqlite
    .prepare(
      `SELECT "occurredAt" AS at, json_extract("data", '$.team_seats') AS seats FROM "Event"
       WHERE "name" IN ('team_create', 'team_seats_update') AND "occurredAt" < ? ORDER BY "occurredAt", "id"`,
    )
    .all(until.getTime()) as { at: number; seats: unknown }[];
  return rows
    .filter((r): r is { at: number; seats: number } => typeof r.seats === "number" && Number.isFinite(r.seats))
    .map((r) => ({ atMs: r.at, seats: r.seats }));
}

// ---------------------------------------------------------------------------------------------
// Everything at once

export interface InsightsOverview {
  exitCodes: ExitCodesOverTime;
  durations: DurationSummary;
  failingHosts: FailingHost[];
  failingUsers: FailingUser[];
  userDurations: UserDurations[];
  hostDurations: HostDurations[];
  hours: HoursConnected;
  concurrency: ConcurrencyOverTime;
}

/**
 * What /insights shows, as the functions above give it (`top` rows in each top list, the hours
 * chart limited to `hoursSeries` users), with each user's and host's sums and the sessions still
 * connected read once instead of once per chart.
 */
export function insightsOverview(sqlite: SqliteConnection, query: InsightsQuery, options: { top: number; hoursSeries: number }): InsightsOverview {
  const q = insightsQuerySchema.parse(query);
  const users = keyTallies(sqlite, q, "clientUserId");
  const hosts = keyTallies(sqlite, q, "hostComputerName");
  const open = openSessions(sqlite, q);
  return {
    exitCodes: exitCodesOverTime(sqlite, q),
    durations: durationSummary(sqlite, q),
    failingHosts: failingHostsFrom(hosts, options.top),
    failingUsers: failingUsersFrom(users, options.top),
    userDurations: userDurationsFrom(sqlite, q, users, options.top),
    hostDurations: hostDurationsFrom(sqlite, q, hosts, options.top),
    hours: hoursFrom(sqlite, q, users, open, options.hoursSeries),
    concurrency: concurrencyFrom(sqlite, q, open),
  };
}

// ---------------------------------------------------------------------------------------------

/** One stretch of a range and the grain of ConnectionDailyRollup it is read from. */
interface RangePart {
  grain: StartGrain;
  fromMs: number;
  toMs: number;
}

/**
 * The range as rollup reads, covering every UTC hour it touches: the whole UTC days inside it from
 * the daily grain (one row per day), the hours before and after them from the start-hour grain.
 * When `days` (a chart's days) are not UTC days, every hour is read from the start-hour grain, so
 * that each row falls in one of them.
 */
function rangeParts(q: ParsedQuery, dimensions: StartDimensions, days?: readonly ZoneDay[]): RangePart[] {
  const fromMs = Math.floor(q.from.getTime() / HOUR_MS) * HOUR_MS;
  const toMs = Math.ceil(q.to.getTime() / HOUR_MS) * HOUR_MS;
  const hours = (a: number, b: number): RangePart[] => (a < b ? [{ grain: startGrain("start-hour", dimensions), fromMs: a, toMs: b }] : []);
  const firstDay = Math.ceil(fromMs / DAY_MS) * DAY_MS;
  const endDay = Math.floor(toMs / DAY_MS) * DAY_MS;
  if ((days && !areUtcDays(days)) || firstDay >= endDay) return hours(fromMs, toMs);
  return [...hours(fromMs, firstDay), { grain: startGrain("day", dimensions), fromMs: firstDay, toMs: endDay }, ...hours(endDay, toMs)];
}

/** One query per part of the range, their rows together. */
function readParts<Row>(sqlite: SqliteConnection, q: ParsedQuery, parts: RangePart[], read: (where: RollupWhere) => Row[]): Row[] {
  return parts.flatMap((part) => read(rollupWhere("ConnectionDailyRollup", "day", part.grain, part.fromMs, part.toMs, q)));
}

/** The days of the query's range in its zone, the first from the day of `from`. */
function daysOf(q: ParsedQuery): ZoneDay[] {
  return zoneDays(q.from.getTime(), q.to.getTime(), q.timeZone);
}

interface RollupWhere {
  /** The table, with the index to read it by. */
  from: string;
  sql: string;
  params: (string | number)[];
}

/**
 * The rows of one grain in [fromMs, toMs), filtered. Filtered by users or hosts, the rows are read
 * through the (grain, clientUserId | hostComputerName, time) index, named outright: left to
 * itself SQLite prefers an index that spares it a sort (the (grain, time) one, or the one of the
 * column it groups by) and reads every row of the grain, measured at a million events at
 * 300-700 ms instead of a few.
 */
function rollupWhere(table: string, column: "day" | "hour", grain: string, fromMs: number, toMs: number, q: ParsedQuery): RollupWhere {
  const clauses = [`"grain" = ?`, `"${column}" >= ?`, `"${column}" < ?`];
  const params: (string | number)[] = [grain, fromMs, toMs];
  addFilters(q, clauses, params);
  const index = q.users?.length ? "clientUserId" : q.hosts?.length ? "hostComputerName" : null;
  const from = index ? `"${table}" INDEXED BY "${table}_grain_${index}_${column}_idx"` : `"${table}"`;
  return { from, sql: clauses.join(" AND "), params };
}

/** The query's user and host filters as SQL conditions (on the columns both rollups and Connection share). */
function addFilters(q: ParsedQuery, clauses: string[], params: (string | number)[]): void {
  if (q.users?.length) {
    clauses.push(`"clientUserId" IN (${q.users.map(() => "?").join(", ")})`);
    params.push(...q.users);
  }
  if (q.hosts?.length) {
    clauses.push(`"hostComputerName" IN (${q.hosts.map(() => "?").join(", ")})`);
    params.push(...q.hosts);
  }
}

/** The starts of the UTC periods [from, to) touches. */
function eachPeriod(from: Date, to: Date, periodMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(from.getTime() / periodMs) * periodMs; t < to.getTime(); t += periodMs) out.push(t);
  return out;
}

/** "2025-03-03T" of the UTC days seen lately, for `iso`. */
const dayPrefixes = new Map<number, string>();
const MAX_DAY_PREFIXES = 4096;

/**
 * An instant as ISO text. The periods here start on whole UTC hours, and a year of hours is 8,784
 * of them: those are written from their day's text, one Date per day, because constructing a
 * Date is slow in a Next.js server (it wraps the constructor to watch for reads of the clock).
 */
function iso(ms: number): string {
  if (ms % HOUR_MS !== 0) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MAX_DAY_PREFIXES) dayPrefixes.clear();
    prefix = new Date(day).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const hour = (ms - day) / HOUR_MS;
  return `${prefix}${hour < 10 ? "0" : ""}${hour}:00:00.000Z`;
}
