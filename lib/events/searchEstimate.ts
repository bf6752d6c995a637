import type { SqliteConnection } from "../store/sqlite";
import type { EventFilters } from "./eventFilters";
import { eventFiltersSql } from "./eventFiltersSql";
import { asScan, searchCondition, searchParams, type TextSearchPlan } from "./eventSearch";

/**
 * Counts for a free-text search too broad to check every match (countingPlan's "candidates": more
 * than EXACT_SEARCH_COUNT_LIMIT events proposed by the index, each of which would have to be read,
 * and more than as many events of the other filters; see countingMethod in countEvents.ts):
 * the share of the other filters' events that match `q`, measured on an even sample of the stored
 * events, applied to the other filters' exact count and histogram. Marked "about" where shown; the
 * rows of the page stay exact. On a million events a word in most of them took 100 ms to count
 * as candidates and 500-800 ms to chart; the sample reads 4,000 rows (about 12 ms).
 */

/**
 * The sample: this many runs of consecutive rowids, spread evenly over the store. Runs rather than
 * single rows because neighbouring rows share pages: 4,000 rows in 200 runs read in about 12 ms
 * on a million events, 4,000 single rows in about 45 ms. The count in each histogram bucket leans
 * on the overall share where its runs are few (BUCKET_PRIOR).
 */
const SAMPLE_RUNS = 201;
const SAMPLE_RUN_LENGTH = 20;
/**
 * Fewer sampled events than this pass the other filters (they select about a tenth of the store
 * or less): the share would be too uncertain, and the count falls back to the index's candidates
 * (countingMethod).
 */
export const MIN_SEARCH_SAMPLE = 400;
/** Weight of the overall share in each histogram bucket's share, in sampled events. */
const BUCKET_PRIOR = 20;

export interface SearchShare {
  /** occurredAt (Unix ms) of each sampled event that passes the other filters. */
  sampled: number[];
  /** occurredAt of those that also match `q`. */
  matched: number[];
}

/**
 * The share of the other filters' events that match the search (its exact condition), on
 * an even sample of the store (all of it when its rowids span fewer than 4,020); null when
 * nothing is stored. Too few sampled events (MIN_SEARCH_SAMPLE) make too uncertain a share.
 */
export function sampleSearchShare(sqlite: SqliteConnection, filters: EventFilters, search: TextSearchPlan): SearchShare | null {
  const others = eventFiltersSql({ ...filters, q: undefined }, { kind: "none" });
  const scan = asScan(search);
  // Two queries: SQLite reads a lone min() or max() off the end of the rowids, but not both at once.
  const low = sqlite.prepare(`SELECT min("rowid") FROM "Event"`).pluck().get() as number | null;
  const high = sqlite.prepare(`SELECT max("rowid") FROM "Event"`).pluck().get() as number | null;
  if (low === null || high === null) return null;
  const runStep = Math.max(SAMPLE_RUN_LENGTH, Math.floor((high - low + 1) / SAMPLE_RUNS));
  // Each rowid looked up by its key: no index walk, no scan (a rowid deleted since is skipped).
  const rows = sqlite
    .prepare(
      `WITH RECURSIVE "sample"("i") AS (SELECT 0 UNION ALL SELECT "i" + 1 FROM "sample" WHERE "i" < ${SAMPLE_RUNS * SAMPLE_RUN_LENGTH - 1})
      SELECT "occurredAt", ${searchCondition(scan)} AS "matches"
      FROM "sample" CROSS JOIN "Event" ON "Event"."rowid" = ${low} + ("sample"."i" / ${SAMPLE_RUN_LENGTH}) * ${runStep} + "sample"."i" % ${SAMPLE_RUN_LENGTH}
      WHERE "Event"."rowid" <= ${high} AND ${others.sql}`,
    )
    .all({ ...others.params, ...searchParams(scan) }) as { occurredAt: number; matches: number }[];
  return { sampled: rows.map((row) => row.occurredAt), matched: rows.filter((row) => row.matches).map((row) => row.occurredAt) };
}

/** The estimated number of matches among `othersCount` events of the other filters, to three significant digits. */
export function estimateCount(share: SearchShare, othersCount: number): number {
  return roundTo3Digits((othersCount * share.matched.length) / share.sampled.length);
}

/**
 * Per bucket (counts of the other filters, `bucketOf` an instant's bucket index): its estimated
 * matches. Each bucket's share leans on its own sampled events, and on the overall share where it
 * has few (a bucket without any sampled event gets the overall share).
 */
export function estimateBuckets(share: SearchShare, othersCounts: readonly number[], bucketOf: (ms: number) => number): number[] {
  const overall = share.matched.length / share.sampled.length;
  const sampled = tally(share.sampled, bucketOf);
  const matched = tally(share.matched, bucketOf);
  return othersCounts.map((count, bucket) => {
    const bucketShare = ((matched.get(bucket) ?? 0) + BUCKET_PRIOR * overall) / ((sampled.get(bucket) ?? 0) + BUCKET_PRIOR);
    return Math.round(count * bucketShare);
  });
}

function tally(instants: readonly number[], bucketOf: (ms: number) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const ms of instants) {
    const bucket = bucketOf(ms);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return counts;
}

function roundTo3Digits(n: number): number {
  if (n < 1_000) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.round(n / unit) * unit;
}
