import { z } from "zod";
import { compareInstants } from "../events/eventFilters";
import { dateTimeParam, repeated, single, text, userIdParam } from "../events/paramSchemas";
import { paramProblem, parseLeniently, unknownParamProblems, type ParamProblem } from "../events/parseExplorerParams";
import { INSIGHTS_FILTER_PARAMS, type FilterParamValues } from "../explorerUrl/explorerParams";
import type { InsightsQuery } from "./insights";
import { paramMessage } from "../events/paramMessages";
import { zoneDayStart } from "./zoneDays";

/** Rollups answer any range fast, but a chart of years of days is unreadable: a range is at most this long. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

const insightsParamsSchema = z
  .object({
    user: repeated(userIdParam).pipe(z.array(z.number()).max(100, { message: paramMessage({ reason: "atMostTimes", max: 100 }) })),
    host: repeated(text("computerName", 256)).pipe(z.array(z.string()).max(100, { message: paramMessage({ reason: "atMostTimes", max: 100 }) })),
    from: single(dateTimeParam),
    to: single(dateTimeParam),
  })
  .refine((f) => !f.from || !f.to || compareInstants(f.from, f.to) < 0, { message: paramMessage({ reason: "earlierThanTo" }), path: ["from"] });

export interface InsightsView {
  /** The range as the rollups count it: `from` at the start of its day in the viewer's zone. */
  query: InsightsQuery & { from: Date; to: Date; users: number[]; hosts: string[] };
  /** Whether the whole history was asked for (no `from`) but was longer than MAX_RANGE_DAYS. */
  capped: boolean;
  /** The URL's filters, for the filter bar and for links that keep them. */
  filters: FilterParamValues;
  problems: ParamProblem[];
}

/**
 * The insights page's URL (`user`, `host`, `from`, `to`: the connections table's names, so a
 * chart's link carries them over unchanged), as forgiving as the explorer's: a bad value is
 * named on the page and its default applies.
 */
export function parseInsightsParams(
  raw: Record<string, string | string[] | undefined>,
  nowMs: number,
  historyStartMs: number | null,
  timeZone = "UTC",
): InsightsView {
  const problems = unknownParamProblems(raw, new Set(INSIGHTS_FILTER_PARAMS));
  const parsed = parseLeniently(insightsParamsSchema, raw, problems);
  const toMs = parsed.to ? Date.parse(parsed.to) : nowMs;
  const earliestMs = toMs - MAX_RANGE_DAYS * DAY_MS;
  // Without `from`, the whole history: what the time filter's "all" says.
  let fromMs = parsed.from ? Date.parse(parsed.from) : Math.min(historyStartMs ?? toMs - DAY_MS, toMs - DAY_MS);
  const capped = fromMs < earliestMs;
  if (capped && parsed.from) problems.push(paramProblem("from", parsed.from, { reason: "rangeCapped", days: MAX_RANGE_DAYS }));
  if (capped) fromMs = earliestMs;
  // The charts count whole days: the range starts where its first day does, so that every
  // chart's count and the connections its link opens agree.
  fromMs = zoneDayStart(fromMs, timeZone);
  const filters: FilterParamValues = {
    user: parsed.user.map(String),
    host: parsed.host,
    from: parsed.from && !capped ? [parsed.from] : [],
    to: parsed.to ? [parsed.to] : [],
  };
  return {
    query: { from: new Date(fromMs), to: new Date(toMs), users: parsed.user, hosts: parsed.host },
    capped: capped && !parsed.from,
    filters,
    problems,
  };
}
