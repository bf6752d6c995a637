import { getConfig } from "../config";
import { pickerOptions } from "../events/pickerOptions";
import { getStore } from "../store/store";
import { storedConnectionFacets } from "./connectionFacets";
import { listConnectionHosts } from "./listConnectionHosts";
import { parseConnectionsParams } from "./parseConnectionsParams";
import { countConnections, emailLookup, queryConnections } from "./queryConnections";

/** Everything /connections shows, from its URL: the parameters (with the ones it ignored), one page of rows, the count, the filter bar's choices, and how to ask for the facets. */
export async function connectionsPageData(searchParams: Record<string, string | string[] | undefined>, nowMs: number) {
  const { db } = await getStore();
  const { filters, paging, problems } = parseConnectionsParams(searchParams);
  const cursor = paging.cursor ?? null;
  const options = await pickerOptions(db);
  const [page, count, hosts] = await Promise.all([
    queryConnections(db, { filters, limit: paging.limit, order: paging.order, sort: paging.sort, cursor, nowMs }, emailLookup(options.users)),
    countConnections(db, filters, nowMs),
    listConnectionHosts(db),
  ]);
  // Asked for only where the page shows them, after its list (a promise nobody awaits would fail unseen).
  const facets = getConfig().facets ? () => storedConnectionFacets(filters, count, nowMs) : null;
  return { filters, paging, problems, cursor, page, count, users: options.users, hosts, facets };
}
