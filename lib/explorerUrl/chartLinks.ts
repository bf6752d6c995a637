import { connectionsHref } from "./explorerHref";
import type { FilterParamValues } from "./explorerParams";

/**
 * Where a chart's bar leads: the connections of the chart's scope (its user and host filters),
 * narrowed by the bar's row (a day, a host, a user) and its series (an exit code, a status).
 * Built from the three parts when needed, so that a chart of a year of days by forty exit codes
 * does not carry fourteen thousand links to the browser. null: the bar stands for no single
 * filter (an unknown host, "other codes").
 */
export function chartBarHref(scope: FilterParamValues, row: { filter: FilterParamValues | null }, series: { filter: FilterParamValues | null }): string | null {
  if (row.filter === null || series.filter === null) return null;
  return connectionsHref({ ...scope, ...row.filter, ...series.filter });
}

/** The connections of the scope that started in [startMs, startMs + lengthMs): a period of a chart over time. */
export function periodHref(scope: FilterParamValues, startMs: number, lengthMs: number): string {
  return connectionsHref({ ...scope, from: [new Date(startMs).toISOString()], to: [new Date(startMs + lengthMs - 1).toISOString()] });
}
