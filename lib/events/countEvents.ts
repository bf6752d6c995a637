import type { Db } from "../db/client";
import { countAllEvents } from "./countAllEvents";
import { EXACT_CHECK_SELECT, eventFiltersWhere, hasFilters, hasSearchWildcards, matchesExactly, type EventFilters } from "./eventFilters";

export interface EventCount {
  count: number;
  /** False when `count` is an upper bound: the database's condition lets through rows the exact check would drop. */
  exact: boolean;
}

/**
 * How many stored events match the filters. Sub-millisecond time bounds are made exact by checking
 * the few rows in the bounds' own milliseconds; a search for a literal `%` or `_` would need every
 * candidate row read, so that count is given as an upper bound instead.
 */
export async function countEvents(db: Db, filters: EventFilters): Promise<EventCount> {
  if (!hasFilters(filters)) return { count: await countAllEvents(db), exact: true };
  const where = eventFiltersWhere(filters);
  const count = await db.event.count({ where });
  if (hasSearchWildcards(filters)) return { count, exact: false };
  const boundaryMs = [filters.from, filters.to].flatMap((bound) => (bound === undefined ? [] : [new Date(bound)]));
  if (boundaryMs.length === 0) return { count, exact: true };
  // Only rows in a bound's millisecond can pass the database's condition and fail the exact one.
  const boundaryRows = await db.event.findMany({
    where: { AND: [where, { occurredAt: { in: boundaryMs } }] },
    select: EXACT_CHECK_SELECT,
  });
  const excluded = boundaryRows.filter((row) => !matchesExactly(row, filters)).length;
  return { count: count - excluded, exact: true };
}
