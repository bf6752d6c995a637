import type { SqliteConnection } from "../store/sqlite";
import { getStore } from "../store/store";
import { hasFilters, matchesExactly, type EventFilters } from "./eventFilters";
import { eventFiltersSql, type SqlCondition } from "./eventFiltersSql";
import { countEvents, countingMethod, type EventCount } from "./countEvents";
import { planSearch, type SearchPlan } from "./eventSearch";
import { estimateBuckets } from "./searchEstimate";
import { exclusionTerms } from "./exclusionTerms";

/** Bucket widths a histogram may use, in milliseconds: round steps a person reads at a glance. */
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const BUCKET_STEPS = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
  30 * DAY,
  365 * DAY,
] as const;

/** At most this many bars: enough to see a shape, few enough to tell one from the next. */
export const MAX_BUCKETS = 120;

export interface HistogramBucket {
  /** Start of the bucket, Unix milliseconds (UTC); it ends where the next starts. */
  start: number;
  count: number;
}

export interface EventHistogram {
  /** The range the bars cover, Unix milliseconds, end exclusive. */
  start: number;
  end: number;
  stepMs: number;
  /** Every bucket of the range in order, empty ones included. */
  buckets: HistogramBucket[];
  /**
   * False when the counts are upper bounds (a free-text search with too many candidates to check
   * each) or, with `estimated`, estimates (see searchEstimate.ts).
   */
  exact: boolean;
  estimated?: boolean;
}

/** The smallest round step that covers `spanMs` in at most MAX_BUCKETS buckets. */
export function bucketStep(spanMs: number): number {
  return BUCKET_STEPS.find((step) => Math.ceil(spanMs / step) <= MAX_BUCKETS) ?? BUCKET_STEPS[BUCKET_STEPS.length - 1]!;
}

/** `eventHistogram` of the store: what GET /events/histogram answers. */
export async function storedEventHistogram(filters: EventFilters): Promise<EventHistogram | null> {
  return eventHistogram((await getStore()).sqlite, filters);
}

/**
 * How many events matching the filters fall in each bucket of the range: the filters' from/to,
 * or the stored history where a bound is missing. One GROUP BY over occurredAt with the page's
 * condition (the same search plan), so the bars add up to the page's count.
 */
export async function eventHistogram(sqlite: SqliteConnection, filters: EventFilters, search?: SearchPlan): Promise<EventHistogram | null> {
  const range = histogramRange(sqlite, filters);
  if (!range) return null;
  const stepMs = bucketStep(range.end - range.start);
  const start = Math.floor(range.start / stepMs) * stepMs;
  return histogramIn(sqlite, filters, search, { start, stepMs, count: Math.max(1, Math.ceil((range.end - start) / stepMs)) });
}

/** A histogram's buckets: they follow only the time bounds and the stored history, never the other filters. */
interface BucketLayout {
  start: number;
  stepMs: number;
  count: number;
}

function histogramOf(layout: BucketLayout, countAt: (bucket: number) => number, exact: boolean): EventHistogram {
  const { start, stepMs, count } = layout;
  return {
    start,
    end: start + count * stepMs,
    stepMs,
    buckets: Array.from({ length: count }, (_, i) => ({ start: start + i * stepMs, count: countAt(i) })),
    exact,
  };
}

async function histogramIn(sqlite: SqliteConnection, filters: EventFilters, search: SearchPlan | undefined, layout: BucketLayout): Promise<EventHistogram> {
  const { start, stepMs } = layout;
  // Exclusions over a time range: the same buckets, summed term by term (lib/events/exclusionTerms.ts).
  const terms = exclusionTerms(filters);
  if (terms) {
    const sums = new Array<number>(layout.count).fill(0);
    for (const term of terms) {
      const termHistogram = await histogramIn(sqlite, term.filters, undefined, layout);
      termHistogram.buckets.forEach((bucket, i) => (sums[i] = (sums[i] ?? 0) + term.sign * bucket.count));
    }
    return histogramOf(layout, (i) => sums[i] ?? 0, true);
  }
  const method = await countingMethod(sqlite, filters, search ?? planSearch(sqlite, filters.q));
  if (method.kind === "estimate") {
    const others = await histogramIn(sqlite, { ...filters, q: undefined }, undefined, layout);
    const estimates = estimateBuckets(
      method.share,
      others.buckets.map((bucket) => bucket.count),
      (ms) => Math.floor((ms - start) / stepMs),
    );
    return { ...histogramOf(layout, (i) => estimates[i]!, false), estimated: true };
  }
  const { plan } = method;
  const where = eventFiltersSql(filters, plan);
  const counts =
    onlyTimeFiltered(filters) && stepMs % HOUR === 0
      ? countFromHours(sqlite, filters, start, stepMs)
      : countsByRange(filters)
        ? countByRange(sqlite, where, start, stepMs, layout.count)
        : countByGroup(sqlite, where, start, stepMs);
  // As in countEvents: rows in a bound's own millisecond may lie outside it by the digits after it.
  const boundaryMs = [filters.from, filters.to].flatMap((bound) => (bound === undefined ? [] : [Date.parse(bound)]));
  if (boundaryMs.length > 0) {
    const boundaryRows = sqlite
      .prepare(`SELECT "timestamp", "occurredAt" FROM "Event" WHERE (${where.sql}) AND "occurredAt" IN (${boundaryMs.join(", ")})`)
      .all(where.params) as { timestamp: string; occurredAt: number }[];
    for (const row of boundaryRows) {
      if (matchesExactly(row, filters)) continue;
      const bucket = Math.floor((row.occurredAt - start) / stepMs);
      counts.set(bucket, (counts.get(bucket) ?? 1) - 1);
    }
  }
  return histogramOf(layout, (i) => counts.get(i) ?? 0, plan.kind !== "candidates");
}

/**
 * The explorer's count and histogram of one set of filters, `search` their plan. An exact
 * histogram covers every match (its range is the filters' or the whole stored history), so its
 * bars add up to the count, which then costs no second pass over the matches.
 */
export async function countAndHistogram(
  sqlite: SqliteConnection,
  filters: EventFilters,
  search: SearchPlan,
): Promise<{ count: EventCount; histogram: EventHistogram | null }> {
  const histogram = await eventHistogram(sqlite, filters, search);
  if (histogram?.exact) return { count: { count: histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0), exact: true }, histogram };
  return { count: await countEvents(sqlite, filters, search), histogram };
}

function onlyTimeFiltered(filters: EventFilters): boolean {
  return !hasFilters({ ...filters, from: undefined, to: undefined });
}

/** Per bucket, the rows of `where` (one GROUP BY over occurredAt). */
function countByGroup(sqlite: SqliteConnection, where: SqlCondition, start: number, stepMs: number): Map<number, number> {
  // Literal integers: bound JavaScript numbers are REAL to SQLite, and REAL division would not group.
  const rows = sqlite
    .prepare(`SELECT ("occurredAt" - ${start}) / ${stepMs} AS "bucket", count(*) AS "n" FROM "Event" WHERE ${where.sql} GROUP BY "bucket"`)
    .all(where.params) as { bucket: number; n: number }[];
  return new Map(rows.map((row) => [row.bucket, row.n]));
}

/**
 * Whether `countByRange` suits the filters: one of them is an equality on the first column of a
 * (column, occurredAt) index (user, name, host, an exit code or success), so each bucket is a short
 * range of that index. Not for a search, whose condition would be evaluated again for every
 * bucket, nor for filters without such an index (exit failure, not_user, ip alone), for which
 * each bucket would walk the time index and read every row in it (1.5 s instead of 0.1 s).
 */
function countsByRange(filters: EventFilters): boolean {
  if (filters.q !== undefined) return false;
  return filters.user.length > 0 || filters.name.length > 0 || filters.host.length > 0 || (filters.exit.length > 0 && !filters.exit.includes("failure"));
}

/**
 * Per bucket, the rows of `where`, as one count per bucket's time range: SQLite answers each from
 * the filter's (column, occurredAt) index and never sorts, where one GROUP BY over the buckets
 * sorts every matching row by bucket (a quarter of a million events: 12 ms instead of 60 ms).
 */
function countByRange(sqlite: SqliteConnection, where: SqlCondition, start: number, stepMs: number, bucketCount: number): Map<number, number> {
  const rows = sqlite
    .prepare(
      `WITH RECURSIVE "bucket"("i") AS (SELECT 0 UNION ALL SELECT "i" + 1 FROM "bucket" WHERE "i" < ${bucketCount - 1})
      SELECT "i" AS "bucket", (SELECT count(*) FROM "Event" WHERE (${where.sql})
        AND "occurredAt" >= ${start} + "i" * ${stepMs} AND "occurredAt" < ${start} + ("i" + 1) * ${stepMs}) AS "n" FROM "bucket"`,
    )
    .all(where.params) as { bucket: number; n: number }[];
  return new Map(rows.filter((row) => row.n > 0).map((row) => [row.bucket, row.n]));
}

function addCounts(into: Map<number, number>, more: Map<number, number>): void {
  for (const [bucket, n] of more) into.set(bucket, (into.get(bucket) ?? 0) + n);
}

/**
 * Per bucket, with only time filtered and buckets of whole hours: the hours wholly inside the range
 * from the hourly counts (a few hundred rows instead of a million index entries), the parts of
 * the hours the bounds cut through counted from the events themselves.
 */
function countFromHours(sqlite: SqliteConnection, filters: EventFilters, start: number, stepMs: number): Map<number, number> {
  const lo = filters.from !== undefined ? Date.parse(filters.from) : -Infinity;
  const hi = filters.to !== undefined ? Date.parse(filters.to) + 1 : Infinity; // exclusive
  const firstHour = Number.isFinite(lo) ? Math.ceil(lo / HOUR) : -1;
  const endHour = Number.isFinite(hi) ? Math.floor(hi / HOUR) : Number.MAX_SAFE_INTEGER;
  const counts = new Map<number, number>();
  // The range lies within one hour (or two partial ones): count it directly.
  if (firstHour >= endHour) return countByGroup(sqlite, eventFiltersSql(filters, { kind: "none" }), start, stepMs);
  const hours = sqlite.prepare(`SELECT "hour", "count" FROM "EventHourCount" WHERE "hour" >= ${firstHour} AND "hour" < ${endHour} AND "count" > 0`).all() as {
    hour: number;
    count: number;
  }[];
  for (const { hour, count } of hours) {
    const bucket = Math.floor((hour * HOUR - start) / stepMs);
    counts.set(bucket, (counts.get(bucket) ?? 0) + count);
  }
  const edge = (from: number, to: number) =>
    addCounts(counts, countByGroup(sqlite, { sql: `"occurredAt" >= ${from} AND "occurredAt" < ${to}`, params: {} }, start, stepMs));
  if (Number.isFinite(lo) && lo < firstHour * HOUR) edge(lo, firstHour * HOUR);
  if (Number.isFinite(hi) && endHour * HOUR < hi) edge(endHour * HOUR, hi);
  return counts;
}

/** The filters' time range, a missing bound taken from the stored history; null when nothing is stored. */
function histogramRange(sqlite: SqliteConnection, filters: EventFilters): { start: number; end: number } | null {
  // Two subqueries: SQLite reads a lone min() or max() off the end of the index, but not both at once.
  const stored = sqlite.prepare(`SELECT (SELECT min("occurredAt") FROM "Event") AS "first", (SELECT max("occurredAt") FROM "Event") AS "last"`).get() as {
    first: number | null;
    last: number | null;
  };
  if (stored.first === null || stored.last === null) return null;
  const start = filters.from !== undefined ? Date.parse(filters.from) : stored.first;
  // End exclusive: the last millisecond counts too.
  const end = (filters.to !== undefined ? Date.parse(filters.to) : stored.last) + 1;
  return end > start ? { start, end } : null;
}
