import { connectionSortSchema, eventPagingSchema, type EventPaging } from "../events/eventPaging";
import { parseLeniently, unknownParamProblems, withSortedCursor, type ParamProblem } from "../events/parseExplorerParams";
import { CONNECTION_FILTER_PARAMS, PAGING_PARAMS, SORT_PARAM, type ConnectionSort } from "../explorerUrl/explorerParams";
import { connectionFiltersSchema, type ConnectionFilters } from "./connectionFilters";

export interface ConnectionsParams {
  filters: ConnectionFilters;
  paging: EventPaging & { sort: ConnectionSort };
  problems: ParamProblem[];
}

const KNOWN_PARAMS = new Set<string>([...CONNECTION_FILTER_PARAMS, ...PAGING_PARAMS, SORT_PARAM]);

/**
 * The connections table's URL parameters, as forgiving as the explorer's: a parameter that does
 * not parse is dropped (its default applies) and named on the page with what it expects.
 */
export function parseConnectionsParams(raw: Record<string, string | string[] | undefined>): ConnectionsParams {
  const problems = unknownParamProblems(raw, KNOWN_PARAMS);
  const filters = parseLeniently(connectionFiltersSchema, raw, problems);
  const paging = parseLeniently(eventPagingSchema, raw, problems);
  const { sort } = parseLeniently(connectionSortSchema, raw, problems);
  return { filters, paging: withSortedCursor(paging, sort, "start", raw, problems), problems };
}
