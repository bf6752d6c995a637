import type { SqliteConnection } from "../store/sqlite";
import { hasFilters, matchesExactly, type EventFilters } from "./eventFilters";
import { eventFiltersSql } from "./eventFiltersSql";
import { exclusionTerms } from "./exclusionTerms";
import { asScan, countingPlan, countSearchCandidates, EXACT_SEARCH_COUNT_LIMIT, planSearch, type SearchPlan, type TextSearchPlan } from "./eventSearch";
import { estimateCount, MIN_SEARCH_SAMPLE, sampleSearchShare, type SearchShare } from "./searchEstimate";

export interface EventCount {
  count: number;
  /**
   * False when `count` is an upper bound (the search index's candidates, not checked one by one,
   * see `countingPlan`) or, with `estimated`, an estimate (see searchEstimate.ts).
   */
  exact: boolean;
  estimated?: boolean;
}

/**
 * How many stored events match the filters. Sub-millisecond time bounds are made exact by checking
 * the few rows in the bounds' own milliseconds.
 */
export async function countEvents(sqlite: SqliteConnection, filters: EventFilters, search?: SearchPlan): Promise<EventCount> {
  // Every event: the hourly counts add up to it (a few thousand rows rather than a million index entries).
  if (!hasFilters(filters)) return { count: sqlite.prepare(`SELECT coalesce(sum("count"), 0) FROM "EventHourCount"`).pluck().get() as number, exact: true };
  const terms = exclusionTerms(filters);
  if (terms) {
    let count = 0;
    for (const term of terms) count += term.sign * (await countEvents(sqlite, term.filters)).count;
    return { count, exact: true };
  }
  const method = await countingMethod(sqlite, filters, search ?? planSearch(sqlite, filters.q));
  if (method.kind === "estimate") return { count: estimateCount(method.share, method.othersCount), exact: false, estimated: true };
  const { plan } = method;
  const exact = plan.kind !== "candidates";
  // The search alone: the index counts its candidates without reading a row.
  if (plan.kind === "candidates" && !hasFilters({ ...filters, q: undefined })) return { count: countSearchCandidates(sqlite, plan, undefined, true), exact };
  const where = eventFiltersSql(filters, plan);
  const count = countWhere(sqlite, where.sql, where.params);
  const boundaryMs = [filters.from, filters.to].flatMap((bound) => (bound === undefined ? [] : [Date.parse(bound)]));
  if (boundaryMs.length === 0) return { count, exact };
  // Only rows in a bound's millisecond can pass the database's condition and fail the exact one.
  const boundaryRows = sqlite
    .prepare(`SELECT "timestamp" FROM "Event" WHERE (${where.sql}) AND "occurredAt" IN (${boundaryMs.join(", ")})`)
    .all(where.params) as { timestamp: string }[];
  const excluded = boundaryRows.filter((row) => !matchesExactly(row, filters)).length;
  return { count: count - excluded, exact };
}

/**
 * How a count or histogram applies the search: with `plan` (exact, but for "candidates": an upper
 * bound), or, for a search too broad to check each candidate (countingPlan), as an estimate from
 * a sample of the other filters' events when they are too many to check each one either.
 */
export type CountingMethod = { kind: "plan"; plan: SearchPlan } | { kind: "estimate"; share: SearchShare; othersCount: number };

const countingMethods = new WeakMap<SearchPlan, Promise<CountingMethod>>();

/**
 * Decided (and sampled) once per `search`: one page's count and histogram ask with the same plan,
 * and then agree. `limits` are for tests, which have no million events.
 */
export function countingMethod(
  sqlite: SqliteConnection,
  filters: EventFilters,
  search: SearchPlan,
  limits = { exactCount: EXACT_SEARCH_COUNT_LIMIT, minSample: MIN_SEARCH_SAMPLE },
): Promise<CountingMethod> {
  const plan = countingPlan(sqlite, search);
  if (plan.kind !== "candidates") return Promise.resolve({ kind: "plan", plan });
  let method = countingMethods.get(search);
  if (!method) {
    method = broadSearchMethod(sqlite, filters, plan, limits);
    countingMethods.set(search, method);
  }
  return method;
}

async function broadSearchMethod(
  sqlite: SqliteConnection,
  filters: EventFilters,
  candidates: TextSearchPlan,
  limits: { exactCount: number; minSample: number },
): Promise<CountingMethod> {
  const othersCount = (await countEvents(sqlite, { ...filters, q: undefined })).count;
  // Few events pass the other filters (a user, a day): checking each of them is exact and cheap.
  if (othersCount <= limits.exactCount) return { kind: "plan", plan: asScan(candidates) };
  const share = sampleSearchShare(sqlite, filters, candidates);
  return share && share.sampled.length >= Math.max(1, limits.minSample) ? { kind: "estimate", share, othersCount } : { kind: "plan", plan: candidates };
}

function countWhere(sqlite: SqliteConnection, where: string, params: Record<string, string | number>): number {
  return (sqlite.prepare(`SELECT count(*) AS "n" FROM "Event" WHERE ${where}`).get(params) as { n: number }).n;
}
