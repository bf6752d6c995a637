import { FILTER_PARAMS } from "../explorerUrl/explorerParams";
import { parseEventFilters, type EventFilters } from "./eventFilters";
import { refuseUnknownParams } from "./parseExportParams";

/** GET /events/histogram's query: the explorer's filters, strict like the export (a FilterError names a wrong one). */
export function parseHistogramParams(raw: Record<string, string | string[]>): EventFilters {
  refuseUnknownParams(raw, FILTER_PARAMS, "the histogram");
  return parseEventFilters(Object.fromEntries(Object.entries(raw).filter(([param]) => (FILTER_PARAMS as readonly string[]).includes(param))));
}
