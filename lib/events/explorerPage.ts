import { getConfig } from "../config";
import { exitCodesMatching } from "../parsec/exitCodeSearch";
import { getStore } from "../store/store";
import { storedEventFacets } from "./eventFacets";
import { countAndHistogram } from "./eventHistogram";
import { planSearch } from "./eventSearch";
import { parseExplorerParams } from "./parseExplorerParams";
import { pickerOptions } from "./pickerOptions";
import { queryEvents } from "./queryEvents";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Everything /events shows, from its URL: the parameters (with the ones it ignored), one page of
 * rows, the count and histogram of every match, how the search runs (with the exit codes it
 * names), the filter bar's choices, and how to ask for the facets.
 */
export async function explorerPageData(searchParams: SearchParams, nowMs: number) {
  const { db, sqlite } = await getStore();
  const { filters, paging, problems } = parseExplorerParams(searchParams);
  const cursor = paging.cursor ?? null;
  const search = planSearch(sqlite, filters.q);
  const [page, { count, histogram }, options] = await Promise.all([
    queryEvents(sqlite, { filters, limit: paging.limit, order: paging.order, cursor, sort: paging.sort }, search),
    countAndHistogram(sqlite, filters, search),
    pickerOptions(db, nowMs, { staleWhileRefreshing: true }),
  ]);
  // Asked for only where the page shows them, after its list (a promise nobody awaits would fail unseen).
  const facets = getConfig().facets ? () => storedEventFacets(filters, search, count) : null;
  return { filters, paging, problems, cursor, searchKind: search.kind, codeSearch: exitCodesMatching(filters.q), page, count, histogram, options, facets };
}
