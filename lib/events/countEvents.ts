import type { SqliteConnection } from "../db/sqlite";
import { hasFilters, matchesExactly, type EventFilters } from "./eventFilters";
import { eventFiltersSql } from "./eventFiltersSql";
import { countCandidates, countingPlan, planSearch, type SearchPlan } from "./eventSearch";

export interface EventCount {
  count: number;
  /** False when `count` is an upper bound: the search index's candidates, not checked one by one (see `countingPlan`). */
  exact: boolean;
}

/**
 * How many stored events match the filters. Sub-millisecond time bounds are made exact by checking
 * the few rows in the bounds' own milliseconds.
 */
export async function countEvents(sqlite: SqliteConnection, filters: EventFilters, search?: SearchPlan): Promise<EventCount> {
  // Every event: the hourly counts add up to it (a few thousand rows rather than a million index entries).
  if (!hasFilters(filters)) return { count: sqlite.prepare(`SELECT coalesce(sum("count"), 0) FROM "EventHourCount"`).pluck().get() as number, exact: true };
  const plan = countingPlan(sqlite, search ?? planSearch(sqlite, filters.q));
  const exact = plan.kind !== "candidates";
  // The search alone: the index counts its candidates without reading a row.
  if (plan.kind === "candidates" && !hasFilters({ ...filters, q: undefined })) return { count: countCandidates(sqlite, plan.match), exact };
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

function countWhere(sqlite: SqliteConnection, where: string, params: Record<string, string | number>): number {
  return (sqlite.prepare(`SELECT count(*) AS "n" FROM "Event" WHERE ${where}`).get(params) as { n: number }).n;
}
