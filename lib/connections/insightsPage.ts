import type { Locale } from "../i18n/locales";
import { getStore, type Store } from "../store/store";
import { pickerOptions } from "../events/pickerOptions";
import { insightsOverview } from "./insights";
import {
  concurrencyChart,
  durationHistogramChart,
  HOURS_CHART_SERIES,
  exitCodeLegend,
  exitCodesChart,
  failingHostsChart,
  failingUsersChart,
  hostPercentilesChart,
  hoursPerUserChart,
  userPercentilesChart,
} from "./insightsCharts";
import { parseInsightsParams } from "./insightsParams";
import { firstConnectionStart, listConnectionHosts } from "./listConnectionHosts";
import { emailLookup } from "./queryConnections";
import { hasWholeHourDays } from "./zoneDays";

/** Bars shown in each "top" chart. */
export const INSIGHTS_TOP = 10;

/**
 * Everything /insights shows, from its URL: every query and chart model, without React, so that
 * the page only renders it and the benchmark (`npm run bench -- --only connection-pages`) can
 * time this part apart from the rendering, on a store of its own. `locale` is the language of the
 * exit codes' meanings.
 */
export async function insightsPageData(
  searchParams: Record<string, string | string[] | undefined>,
  nowMs: number,
  { store, locale = "en", timeZone = "UTC" }: { store?: Store; locale?: Locale; timeZone?: string } = {},
) {
  const { db, sqlite } = store ?? (await getStore());
  const [options, hosts, historyStartMs] = await Promise.all([pickerOptions(db), listConnectionHosts(db), firstConnectionStart(db)]);
  const parsed = parseInsightsParams(searchParams, nowMs, historyStartMs, timeZone);
  const { filters, problems, capped } = parsed;
  const query = { ...parsed.query, now: new Date(nowMs), timeZone };
  const emailOf = emailLookup(options.users);
  const scope = { user: filters.user ?? [], host: filters.host ?? [] };
  const range = { from: [query.from.toISOString()], to: [query.to.toISOString()] };

  const { exitCodes, durations, failingHosts, failingUsers, userDurations, hostDurations, hours, concurrency } = insightsOverview(sqlite, query, {
    top: INSIGHTS_TOP,
    hoursSeries: HOURS_CHART_SERIES,
  });
  const charts = {
    exitCodes: exitCodesChart(exitCodes, scope, locale, timeZone),
    failingHosts: failingHostsChart(failingHosts, scope, range),
    failingUsers: failingUsersChart(failingUsers, scope, range, emailOf),
    histogram: durationHistogramChart(durations, scope, range),
    userPercentiles: userPercentilesChart(userDurations, scope, range, emailOf),
    hostPercentiles: hostPercentilesChart(hostDurations, scope, range),
    hours: hoursPerUserChart(hours, exitCodes.days, scope, emailOf, timeZone),
  };
  return {
    query,
    timeZone,
    /** Whether the zone's days start at local midnight, or at the whole UTC hour before it (zoneDays.ts). */
    daysStartAtMidnight: hasWholeHourDays(query.from.getTime(), query.to.getTime(), timeZone),
    filters,
    problems,
    capped,
    users: options.users,
    hosts,
    durations,
    charts,
    exitCodeLegend: exitCodeLegend(exitCodes, scope, range, locale),
    seatChanges: concurrency.seatChanges,
    concurrency: concurrencyChart(concurrency, scope, timeZone),
    attempts: exitCodes.days.reduce((sum, day) => sum + day.attempts, 0),
    failures: exitCodes.days.reduce((sum, day) => sum + day.failures, 0),
  };
}

export type InsightsPageData = Awaited<ReturnType<typeof insightsPageData>>;
