import { z } from "zod";
import { DEFAULT_EXPORT_FORMAT, EXPORT_FORMATS, FILTER_PARAMS, PAGING_PARAMS, type ExportFormat } from "../explorerUrl/explorerParams";
import { FilterError, parseEventFilters, type EventFilters } from "./eventFilters";
import { single } from "./paramSchemas";

const formatSchema = single(z.enum(EXPORT_FORMATS, { error: `must be ${EXPORT_FORMATS.join(" or ")}` })).transform((v) => v ?? DEFAULT_EXPORT_FORMAT);
/** Paging parameters come along when a page's URL is reused; an export is always the whole set, oldest first. */
const IGNORED = new Set<string>(PAGING_PARAMS);

/**
 * The parameters of an export download: the explorer's filters (the same schema as the page and
 * `npm run export`) and `format`. Strict, unlike the page: a file must hold exactly what was
 * asked for, so anything wrong is a FilterError naming the parameter.
 */
export function parseExportParams(raw: Record<string, string | string[]>): { filters: EventFilters; format: ExportFormat } {
  return parseExportParamsOf(raw, FILTER_PARAMS, parseEventFilters);
}

/** `parseExportParams` for any table's filters: its parameter names and its strict filter parser. */
export function parseExportParamsOf<F>(
  raw: Record<string, string | string[]>,
  filterParams: readonly string[],
  parseFilters: (raw: Record<string, unknown>) => F,
): { filters: F; format: ExportFormat } {
  refuseUnknownParams(raw, [...filterParams, "format"], "the export");
  const format = formatSchema.safeParse(raw.format);
  if (!format.success) throw new FilterError(`format ${format.error.issues[0]?.message ?? "is not valid"}`);
  const { format: _format, ...filters } = raw;
  return { filters: parseFilters(filters), format: format.data };
}

/**
 * A FilterError naming every parameter of `raw` that `what` (a download, the histogram) does not
 * take; the paging parameters of a page's URL pass, since they come along when it is reused.
 */
export function refuseUnknownParams(raw: Record<string, unknown>, known: readonly string[], what: string): void {
  const unknown = Object.keys(raw).filter((param) => !known.includes(param) && !IGNORED.has(param));
  if (unknown.length > 0) throw new FilterError(`${unknown.join(", ")} is not a parameter of ${what} (it takes ${known.join(", ")})`);
}
