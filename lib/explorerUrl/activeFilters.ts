import { explorerHref, type ExplorerTable } from "./explorerHref";
import {
  CONNECTION_FILTER_PARAMS,
  FILTER_PARAMS,
  type ConnectionFilterParam,
  type FilterParam,
  type FilterParamValues,
  type PagingParamValues,
} from "./explorerParams";

type Param = FilterParam | ConnectionFilterParam;
/** Filters that take one value each: a chip per value. */
export type ValueParam = Exclude<Param, "from" | "to" | "min_duration" | "max_duration">;

/**
 * One filter that applies to a table, as a chip above it says: a value of a filter (each value of
 * a repeated one on its own), or a range (time, duration) with its bounds. `withoutHref` is the
 * same view without it, back on the first page.
 */
export type ActiveFilter = { withoutHref: string } & (
  { kind: "value"; param: ValueParam; value: string } | { kind: "time"; from?: string; to?: string } | { kind: "duration"; min?: string; max?: string }
);

/** A filter that leaves out what its namesake would select (`not_host` of `host`): its chip says so. */
export function isExclusion(param: ValueParam): boolean {
  return param.startsWith("not_");
}

/** Each range's bounds: its chip stands where its first bound is in the URL's order. */
const RANGE_BOUNDS: readonly Param[] = ["from", "to", "min_duration", "max_duration"];
const isValueParam = (param: Param): param is ValueParam => !RANGE_BOUNDS.includes(param);

/** Every filter of the URL's `filters` that applies to `table`, in the URL's order. */
export function activeFilters(filters: FilterParamValues, paging: PagingParamValues, table: Extract<ExplorerTable, "events" | "connections">): ActiveFilter[] {
  const { cursor: _cursor, ...firstPage } = paging;
  const href = (without: FilterParamValues) => explorerHref({ ...filters, ...without }, firstPage, table);
  const first = (param: Param) => filters[param]?.find((value) => value.trim() !== "");
  const chips: ActiveFilter[] = [];
  for (const param of table === "events" ? FILTER_PARAMS : CONNECTION_FILTER_PARAMS) {
    if (isValueParam(param)) {
      const values = (filters[param] ?? []).filter((value) => value.trim() !== "");
      for (const [i, value] of values.entries()) {
        chips.push({ kind: "value", param, value, withoutHref: href({ [param]: values.filter((_, j) => j !== i) }) });
      }
    } else if (param === "from") {
      const [from, to] = [first("from"), first("to")];
      if (from !== undefined || to !== undefined) chips.push({ kind: "time", from, to, withoutHref: href({ from: [], to: [] }) });
    } else if (param === "min_duration") {
      const [min, max] = [first("min_duration"), first("max_duration")];
      if (min !== undefined || max !== undefined) chips.push({ kind: "duration", min, max, withoutHref: href({ min_duration: [], max_duration: [] }) });
    }
  }
  return chips;
}
