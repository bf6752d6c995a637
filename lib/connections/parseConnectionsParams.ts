import { eventPagingSchema, type EventPaging } from "../events/eventPaging";
import { parseLeniently, unknownParamProblems, type ParamProblem } from "../events/parseExplorerParams";
import { CONNECTION_FILTER_PARAMS, PAGING_PARAMS } from "../explorerUrl/explorerParams";
import { connectionFiltersSchema, type ConnectionFilters } from "./connectionFilters";

export interface ConnectionsParams {
  filters: ConnectionFilters;
  paging: EventPaging;
  problems: ParamProblem[];
}

const KNOWN_PARAMS = new Set<string>([...CONNECTION_FILTER_PARAMS, ...PAGING_PARAMS]);

/**
 * The connections table's URL parameters, as forgiving as the explorer's: a parameter that does
 * not parse is dropped (its default applies) and named on the page with what it expects.
 */
export function parseConnectionsParams(raw: Record<string, string | string[] | undefined>): ConnectionsParams {
  const problems = unknownParamProblems(raw, KNOWN_PARAMS);
  const filters = parseLeniently(connectionFiltersSchema, raw, problems);
  const paging = parseLeniently(eventPagingSchema, raw, problems);
  return { filters, paging, problems };
}
