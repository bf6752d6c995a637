import { explorerHref } from "./explorerHref";
import type { FilterParamValues, PagingParamValues } from "./explorerParams";

/** The filters a facet's values are clicked into, each with its `not_` twin that leaves values out. */
export const FACET_PARAMS = { user: "not_user", name: "not_name", host: "not_host", exit: "not_exit", status: "not_status" } as const;
export type FacetParam = keyof typeof FACET_PARAMS;

export interface FacetValueLinks {
  /** Whether the filters show only this value (with any others included) or leave it out. */
  state: "included" | "excluded" | null;
  /** Includes the value (the first page, its exclusion dropped), or, when included, stops including it. */
  includeHref: string;
  /** Leaves the value out (its inclusion dropped), or, when left out, brings it back. */
  excludeHref: string;
}

/** The two links of a facet's value on `table` (/events or /connections), the rest of the view kept. */
export function facetValueLinks(
  filters: FilterParamValues,
  paging: PagingParamValues,
  table: "events" | "connections",
  param: FacetParam,
  value: string,
): FacetValueLinks {
  const { cursor: _cursor, ...firstPage } = paging;
  const not = FACET_PARAMS[param];
  const [included, excluded] = [filters[param] ?? [], filters[not] ?? []];
  const without = (values: readonly string[]) => values.filter((v) => v !== value);
  const href = (changes: FilterParamValues) => explorerHref({ ...filters, ...changes }, firstPage, table);
  const state = included.includes(value) ? "included" : excluded.includes(value) ? "excluded" : null;
  return {
    state,
    includeHref: href(state === "included" ? { [param]: without(included) } : { [param]: [...included, value], [not]: without(excluded) }),
    excludeHref: href(state === "excluded" ? { [not]: without(excluded) } : { [not]: [...excluded, value], [param]: without(included) }),
  };
}
