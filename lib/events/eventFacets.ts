import { facetCounts, facetFilters, type Facet, type FacetLimits } from "../facets/facetCounts";
import type { SqliteConnection } from "../store/sqlite";
import { getStore } from "../store/store";
import { countEvents, type EventCount } from "./countEvents";
import { matchesExactly, needsExactCheck, type EventFilters } from "./eventFilters";
import { eventFiltersSql } from "./eventFiltersSql";
import { asScan, countingPlan, type SearchPlan } from "./eventSearch";

/** The explorer's facets, in the order shown; each is a filter of the URL (`user`, `host`...) with its `not_` twin. */
export const EVENT_FACETS = ["exit", "host", "user", "name"] as const;
export type EventFacet = (typeof EVENT_FACETS)[number];

const COLUMNS = { exit: `"exitCode"`, host: `"hostComputerName"`, user: `"userId"`, name: `"name"` } satisfies Record<EventFacet, string>;
const FIELDS = {
  exit: { include: "exit", exclude: "notExit" },
  host: { include: "host", exclude: "notHost" },
  user: { include: "user", exclude: "notUser" },
  name: { include: "name", exclude: "notName" },
} as const;

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
  const facet = facetFilters(filters, FIELDS);
  return facetCounts(
    sqlite,
    {
      table: `"Event"`,
      columns: COLUMNS,
      whereWithout: (dimension, on) => eventFiltersSql(facet.without(dimension), on === "sample" && rowPlan.kind !== "none" ? asScan(rowPlan) : rowPlan),
      isFiltered: facet.isFiltered,
      tableCount: count,
      // A plan of its own: a count's plan remembers the filters it was first asked with.
      countWithout: (dimension) => countEvents(sqlite, facet.without(dimension)),
      named: facet.named,
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
