/**
 * The events explorer's URL vocabulary: parameter names, page sizes and orders. The server parses
 * these (lib/events/eventFilters.ts, eventPaging.ts) and the browser writes them (the filter bar),
 * so this module depends on nothing: importing it adds a few hundred bytes to a page, not zod.
 * `npm run export` takes the same names as flags (`not_user` as `--not-user`). A `not_` parameter
 * leaves out what its namesake would select (`not_host=会議室PC`: every event but that host's).
 */

/** Filter parameters, in the order they appear in URLs, file names and summaries. */
export const FILTER_PARAMS = ["user", "not_user", "name", "not_name", "from", "to", "host", "not_host", "exit", "not_exit", "attempt", "ip", "q"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** Filters given at most once; every other filter may be repeated, its values being alternatives (OR). */
export const SINGLE_FILTER_PARAMS = ["from", "to", "q", "min_duration", "max_duration"] as const;

export function isRepeatedFilterParam(param: FilterParam | ConnectionFilterParam): boolean {
  return !(SINGLE_FILTER_PARAMS as readonly string[]).includes(param);
}

/**
 * The connections table's filters (/connections, its export, and the links of the user, host and
 * insights pages): the explorer's names where they mean the same, plus a connection's status and
 * bounds on its duration (`min_duration`, `max_duration`: seconds, or a number with s, m or h).
 */
export const CONNECTION_FILTER_PARAMS = [
  "user",
  "not_user",
  "host",
  "not_host",
  "status",
  "not_status",
  "exit",
  "not_exit",
  "min_duration",
  "max_duration",
  "from",
  "to",
] as const;
export type ConnectionFilterParam = (typeof CONNECTION_FILTER_PARAMS)[number];

/** The insights page's filters: a time range, and users and hosts to narrow every chart to. */
export const INSIGHTS_FILTER_PARAMS = ["user", "host", "from", "to"] as const;

/** A connection's status as the table shows and filters it; "active", "stale" and "incomplete" are decided by age (lib/connections). */
export const CONNECTION_STATUSES = ["connecting", "failed", "active", "stale", "ended", "incomplete"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** Filter values as the URL carries them: text, a list for every parameter (at most one item for single ones). */
export type FilterParamValues = Partial<Record<FilterParam | ConnectionFilterParam, string[]>>;

export const PAGING_PARAMS = ["limit", "order", "cursor"] as const;
export type PagingParam = (typeof PAGING_PARAMS)[number];

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;

export const EVENT_ORDERS = ["newest", "oldest"] as const;
export type EventOrder = (typeof EVENT_ORDERS)[number];
export const DEFAULT_EVENT_ORDER: EventOrder = "newest";

/**
 * The events explorer's sort columns (`sort`): time, or an indexed column with time then id
 * breaking ties; `order` says which way (newest = descending). Only /events takes `sort`.
 */
export const EVENT_SORTS = ["time", "name", "user", "host", "exit"] as const;
export type EventSort = (typeof EVENT_SORTS)[number];
export const DEFAULT_EVENT_SORT: EventSort = "time";
export const SORT_PARAM = "sort";

/**
 * The connections table's sort columns (`sort`): its start, or another column with the start then
 * the attempt id breaking ties; `order` says which way (newest = descending), as on /events.
 * A status sorts in the order of CONNECTION_STATUSES.
 */
export const CONNECTION_SORTS = ["start", "duration", "user", "host", "exit", "status"] as const;
export type ConnectionSort = (typeof CONNECTION_SORTS)[number];
export const DEFAULT_CONNECTION_SORT: ConnectionSort = "start";

/** True for the sorts by time (the start, for connections): their pages read as newer and older. */
export function isTimeSort(sort: EventSort | ConnectionSort | undefined): boolean {
  return sort === undefined || sort === DEFAULT_EVENT_SORT || sort === DEFAULT_CONNECTION_SORT;
}

export interface PagingParamValues {
  limit?: PageSize;
  order?: EventOrder;
  cursor?: string;
  sort?: EventSort | ConnectionSort;
}

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** As `npm run export`: NDJSON is lossless, CSV is for spreadsheets. */
export const DEFAULT_EXPORT_FORMAT: ExportFormat = "ndjson";

export const EVENTS_PATH = "/events";
export const EVENTS_EXPORT_PATH = "/events/export";
export const CONNECTIONS_PATH = "/connections";
export const CONNECTIONS_EXPORT_PATH = "/connections/export";
export const INSIGHTS_PATH = "/insights";
