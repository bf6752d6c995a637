import {
  DEFAULT_EVENT_ORDER,
  DEFAULT_PAGE_SIZE,
  EVENTS_EXPORT_PATH,
  EVENTS_PATH,
  FILTER_PARAMS,
  type ExportFormat,
  type FilterParamValues,
  type PagingParamValues,
} from "./explorerParams";

/** The query string of these filters and paging choices; defaults are left out so that URLs stay short and stable. */
export function explorerSearchParams(filters: FilterParamValues, paging: PagingParamValues = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const param of FILTER_PARAMS) {
    for (const value of filters[param] ?? []) if (value.trim() !== "") params.append(param, value);
  }
  if (paging.order && paging.order !== DEFAULT_EVENT_ORDER) params.set("order", paging.order);
  if (paging.limit && paging.limit !== DEFAULT_PAGE_SIZE) params.set("limit", String(paging.limit));
  if (paging.cursor) params.set("cursor", paging.cursor);
  return params;
}

/** A link to the explorer showing these filters. */
export function explorerHref(filters: FilterParamValues, paging: PagingParamValues = {}): string {
  return withQuery(EVENTS_PATH, explorerSearchParams(filters, paging));
}

/** The download of every event matching these filters. */
export function exportHref(filters: FilterParamValues, format: ExportFormat): string {
  const params = explorerSearchParams(filters);
  params.set("format", format);
  return withQuery(EVENTS_EXPORT_PATH, params);
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
