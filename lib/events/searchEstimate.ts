import type { SqliteConnection } from "../store/sqlite";
import type { EventFilters } from "./eventFilters";
import { eventFiltersSql } from "./eventFiltersSql";
import { evenSample, roundTo3Digits } from "../store/evenSample";
import { asScan, searchCondition, searchParams, type TextSearchPlan } from "./eventSearch";

/**
 * Counts for a free-text search too broad to check every match (countingPlan's "candidates": more
 * than EXACT_SEARCH_COUNT_LIMIT events proposed by the index, each of which would have to be read,
 * and more than as many events of the other filters; see countingMethod in countEvents.ts):
 * the share of the other filters' events that match `q`, measured on an even sample of the stored
 * events, applied to the other filters' exact count and histogram. Marked "about" where shown; the
 * rows of the page stay exact. On a million events a word in most of them took 100 ms to count
 * as candidates and 500-800 ms to chart; the sample (lib/store/evenSample.ts) reads 4,000 rows
 * (about 12 ms). The count in each histogram bucket leans on the overall share where its runs are
 * few (BUCKET_PRIOR).
 */

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
  const sample = evenSample(sqlite, `"Event"`);
  if (sample === null) return null;
  const rows = sqlite
    .prepare(`${sample.with} SELECT "occurredAt", ${searchCondition(scan)} AS "matches" FROM ${sample.from} WHERE ${sample.where} AND ${others.sql}`)
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
