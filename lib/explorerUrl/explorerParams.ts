/**
 * The events explorer's URL vocabulary: parameter names, page sizes and orders. The server parses
 * these (lib/events/eventFilters.ts, eventPaging.ts) and the browser writes them (the filter bar),
 * so this module depends on nothing: importing it adds a few hundred bytes to a page, not zod.
 * `npm run export` takes the same names as flags (`not_user` as `--not-user`).
 */

/** Filter parameters, in the order they appear in URLs, file names and summaries. */
export const FILTER_PARAMS = ["user", "not_user", "name", "from", "to", "host", "exit", "attempt", "ip", "q"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** Filters given at most once; every other filter may be repeated, its values being alternatives (OR). */
export const SINGLE_FILTER_PARAMS = ["from", "to", "q"] as const satisfies readonly FilterParam[];

export function isRepeatedFilterParam(param: FilterParam): boolean {
  return !(SINGLE_FILTER_PARAMS as readonly string[]).includes(param);
}

/** Filter values as the URL carries them: text, a list for every parameter (at most one item for single ones). */
export type FilterParamValues = Partial<Record<FilterParam, string[]>>;

export const PAGING_PARAMS = ["limit", "order", "cursor"] as const;
export type PagingParam = (typeof PAGING_PARAMS)[number];

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;

export const EVENT_ORDERS = ["newest", "oldest"] as const;
export type EventOrder = (typeof EVENT_ORDERS)[number];
export const DEFAULT_EVENT_ORDER: EventOrder = "newest";

export interface PagingParamValues {
  limit?: PageSize;
  order?: EventOrder;
  cursor?: string;
}

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** As `npm run export`: NDJSON is lossless, CSV is for spreadsheets. */
export const DEFAULT_EXPORT_FORMAT: ExportFormat = "ndjson";

export const EVENTS_PATH = "/events";
export const EVENTS_EXPORT_PATH = "/events/export";
