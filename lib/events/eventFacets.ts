import { facetCounts, type Facet, type FacetLimits } from "../facets/facetCounts";
import type { SqliteConnection } from "../store/sqlite";
import { getStore } from "../store/store";
import { countEvents, type EventCount } from "./countEvents";
import { matchesExactly, needsExactCheck, type EventFilters } from "./eventFilters";
import { eventFiltersSql } from "./eventFiltersSql";
import { asScan, countingPlan, type SearchPlan } from "./eventSearch";

/** The explorer's facets, in the order shown; each is a filter of the URL (`user`, `host`...) with its `not_` twin. */
export const EVENT_FACETS = ["exit", "host", "user", "name"] as const;
export type EventFacet = (typeof EVENT_FACETS)[number];

const DIMENSIONS = {
  exit: { column: `"exitCode"`, include: "exit", exclude: "notExit" },
  host: { column: `"hostComputerName"`, include: "host", exclude: "notHost" },
  user: { column: `"userId"`, include: "user", exclude: "notUser" },
  name: { column: `"name"`, include: "name", exclude: "notName" },
} as const satisfies Record<EventFacet, { column: string; include: keyof EventFilters; exclude: keyof EventFilters }>;

/** The filters without those of one facet: the events its counts are of. */
export function withoutFacet(filters: EventFilters, facet: EventFacet): EventFilters {
  const { include, exclude } = DIMENSIONS[facet];
  return { ...filters, [include]: [], [exclude]: [] };
}

/**
 * The facets of the explorer's filters: for each of EVENT_FACETS, the events of every filter but
 * its own, by value (lib/facets/facetCounts.ts). `search` is the page's plan for `q` and `count` the
 * page's count; each row is checked against `q` exactly, as the page's rows are.
 */
export async function eventFacets(
  sqlite: SqliteConnection,
  filters: EventFilters,
  search: SearchPlan,
  count: EventCount,
  limits?: FacetLimits,
): Promise<Facet<EventFacet>[]> {
  const counting = countingPlan(sqlite, search);
  // The index's candidates alone are a superset: check each row read.
  const rowPlan = counting.kind === "candidates" ? asScan(counting) : counting;
  return facetCounts(
    sqlite,
    {
      table: `"Event"`,
      columns: Object.fromEntries(EVENT_FACETS.map((facet) => [facet, DIMENSIONS[facet].column])) as Record<EventFacet, string>,
      whereWithout: (facet, on) => eventFiltersSql(withoutFacet(filters, facet), on === "sample" && rowPlan.kind !== "none" ? asScan(rowPlan) : rowPlan),
      isFiltered: (facet) => filters[DIMENSIONS[facet].include].length + filters[DIMENSIONS[facet].exclude].length > 0,
      tableCount: count,
      // A plan of its own: a count's plan remembers the filters it was first asked with.
      countWithout: (facet) => countEvents(sqlite, withoutFacet(filters, facet)),
      named: (facet) => namedValues(filters, facet),
      exactCheck: needsExactCheck(filters) ? { columns: ["timestamp"], keep: (row) => matchesExactly(row as { timestamp: string }, filters) } : undefined,
    },
    EVENT_FACETS,
    limits,
  );
}

/**
 * `eventFacets` of the store, begun once the current task is done: the page sends its list first
 * and streams the facets after it.
 */
export async function storedEventFacets(filters: EventFilters, search: SearchPlan, count: EventCount): Promise<Facet<EventFacet>[]> {
  await new Promise((resolve) => setImmediate(resolve));
  return eventFacets((await getStore()).sqlite, filters, search, count);
}

/** The values a facet's filters name, as its counts key them (an exit filter's "success" and "failure" are no one code). */
function namedValues(filters: EventFilters, facet: EventFacet): string[] {
  const { include, exclude } = DIMENSIONS[facet];
  return [...filters[include], ...filters[exclude]].filter((value) => value !== "success" && value !== "failure").map(String);
}
