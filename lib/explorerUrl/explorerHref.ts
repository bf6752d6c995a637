import {
  CONNECTION_FILTER_PARAMS,
  CONNECTIONS_EXPORT_PATH,
  CONNECTIONS_PATH,
  DEFAULT_CONNECTION_SORT,
  DEFAULT_EVENT_ORDER,
  DEFAULT_EVENT_SORT,
  DEFAULT_PAGE_SIZE,
  EVENTS_EXPORT_PATH,
  EVENTS_PATH,
  FILTER_PARAMS,
  INSIGHTS_FILTER_PARAMS,
  INSIGHTS_PATH,
  type ExportFormat,
  type FilterParamValues,
  type PagingParamValues,
} from "./explorerParams";

/** The filtered, paged tables: where each lives, where its export is, and its filter parameters in URL order. */
const TABLES = {
  events: { path: EVENTS_PATH, exportPath: EVENTS_EXPORT_PATH, filterParams: FILTER_PARAMS },
  connections: { path: CONNECTIONS_PATH, exportPath: CONNECTIONS_EXPORT_PATH, filterParams: CONNECTION_FILTER_PARAMS },
  // Charts, not a table: no export, and paging never appears in its URLs (defaults are left out).
  insights: { path: INSIGHTS_PATH, exportPath: INSIGHTS_PATH, filterParams: INSIGHTS_FILTER_PARAMS },
} as const;
export type ExplorerTable = keyof typeof TABLES;

/** The query string of these filters and paging choices; defaults are left out so that URLs stay short and stable. */
export function explorerSearchParams(filters: FilterParamValues, paging: PagingParamValues = {}, table: ExplorerTable = "events"): URLSearchParams {
  const params = new URLSearchParams();
  for (const param of TABLES[table].filterParams) {
    for (const value of filters[param] ?? []) if (value.trim() !== "") params.append(param, value);
  }
  if (paging.sort && paging.sort !== DEFAULT_EVENT_SORT && paging.sort !== DEFAULT_CONNECTION_SORT) params.set("sort", paging.sort);
  if (paging.order && paging.order !== DEFAULT_EVENT_ORDER) params.set("order", paging.order);
  if (paging.limit && paging.limit !== DEFAULT_PAGE_SIZE) params.set("limit", String(paging.limit));
  if (paging.cursor) params.set("cursor", paging.cursor);
  return params;
}

/** A link to the explorer (or, with `table`, the connections table) showing these filters. */
export function explorerHref(filters: FilterParamValues, paging: PagingParamValues = {}, table: ExplorerTable = "events"): string {
  return withQuery(TABLES[table].path, explorerSearchParams(filters, paging, table));
}

/** The connections table showing these filters. */
export function connectionsHref(filters: FilterParamValues, paging: PagingParamValues = {}): string {
  return explorerHref(filters, paging, "connections");
}

/** The download of every event (or connection) matching these filters. */
export function exportHref(filters: FilterParamValues, format: ExportFormat, table: ExplorerTable = "events"): string {
  const params = explorerSearchParams(filters, {}, table);
  params.set("format", format);
  return withQuery(TABLES[table].exportPath, params);
}

/** One stored event in full (app/events/detail/route.ts), what an opened row of the explorer fetches. */
export function eventDetailHref(id: string): string {
  return `/events/detail?${new URLSearchParams({ id })}`;
}

/** A URL's parameters in the shape Next.js hands a page its `searchParams`: repeated ones as arrays. */
export function searchParamsRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}

function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
