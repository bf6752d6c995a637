import { facetCounts, facetFilters, type Facet, type FacetLimits } from "../facets/facetCounts";
import type { Db } from "../store/client";
import type { SqliteConnection } from "../store/sqlite";
import { getStore } from "../store/store";
import { connectionFiltersSql, type ConnectionFilters } from "./connectionFilters";
import { displayStatusSql } from "./connectionStatus";
import { countConnections } from "./queryConnections";

/** The connections table's facets, in the order shown; each is a filter of the URL with its `not_` twin. */
export const CONNECTION_FACETS = ["status", "exit", "host", "user"] as const;
export type ConnectionFacet = (typeof CONNECTION_FACETS)[number];

const FIELDS = {
  status: { include: "status", exclude: "notStatus" },
  exit: { include: "exit", exclude: "notExit" },
  host: { include: "host", exclude: "notHost" },
  user: { include: "user", exclude: "notUser" },
} as const;

/**
 * The facets of the connections table's filters (lib/facets/facetCounts.ts): status as shown
 * (decided against `nowMs`, as the table's), completion exit code, host and connecting user.
 */
export async function connectionFacets(
  db: Db,
  sqlite: SqliteConnection,
  filters: ConnectionFilters,
  count: number,
  nowMs: number,
  limits?: FacetLimits,
): Promise<Facet<ConnectionFacet>[]> {
  const facet = facetFilters(filters, FIELDS);
  return facetCounts(
    sqlite,
    {
      table: `"Connection"`,
      columns: { status: displayStatusSql(new Date(nowMs)), exit: `"completionExitCode"`, host: `"hostComputerName"`, user: `"clientUserId"` },
      whereWithout: (dimension) => {
        const where = connectionFiltersSql(facet.without(dimension), nowMs);
        return { sql: where.sql, params: where.values };
      },
      isFiltered: facet.isFiltered,
      tableCount: { count, exact: true },
      countWithout: async (dimension) => ({ count: await countConnections(db, facet.without(dimension), nowMs), exact: true }),
      named: facet.named,
    },
    CONNECTION_FACETS,
    limits,
  );
}

/** `connectionFacets` of the store, begun once the current task is done (the page streams them after its list). */
export async function storedConnectionFacets(filters: ConnectionFilters, count: number, nowMs: number): Promise<Facet<ConnectionFacet>[]> {
  await new Promise((resolve) => setImmediate(resolve));
  const { db, sqlite } = await getStore();
  return connectionFacets(db, sqlite, filters, count, nowMs);
}
