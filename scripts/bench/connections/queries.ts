// Times every insights query of lib/connections/insights.ts on a synced database, the way the
// /insights page calls them: the whole history, its last week, one user, three hosts.
import type { SqliteConnection } from "@/lib/store/sqlite";
import * as insights from "@/lib/connections/insights";
import type { InsightsQuery } from "@/lib/connections/insights";
import { HOURS_CHART_SERIES } from "@/lib/connections/insightsCharts";
import { INSIGHTS_TOP } from "@/lib/connections/insightsPage";

export const INSIGHTS_QUERIES = {
  exitCodesOverTime: (s: SqliteConnection, q: InsightsQuery) => insights.exitCodesOverTime(s, q),
  topFailingHosts: (s: SqliteConnection, q: InsightsQuery) => insights.topFailingHosts(s, q, INSIGHTS_TOP),
  topFailingUsers: (s: SqliteConnection, q: InsightsQuery) => insights.topFailingUsers(s, q, INSIGHTS_TOP),
  durationSummary: (s: SqliteConnection, q: InsightsQuery) => insights.durationSummary(s, q),
  durationsByUser: (s: SqliteConnection, q: InsightsQuery) => insights.durationsByUser(s, q, INSIGHTS_TOP),
  durationsByHost: (s: SqliteConnection, q: InsightsQuery) => insights.durationsByHost(s, q, INSIGHTS_TOP),
  hoursConnectedPerUserPerDay: (s: SqliteConnection, q: InsightsQuery) => insights.hoursConnectedPerUserPerDay(s, q, HOURS_CHART_SERIES),
  concurrencyOverTime: (s: SqliteConnection, q: InsightsQuery) => insights.concurrencyOverTime(s, q),
  // All of the above as /insights asks for them: each user's and host's sums read once.
  insightsOverview: (s: SqliteConnection, q: InsightsQuery) => insights.insightsOverview(s, q, { top: INSIGHTS_TOP, hoursSeries: HOURS_CHART_SERIES }),
};

export interface QueryTiming {
  query: string;
  scenario: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const WARMUP = 3;

export function timeInsightsQueries(sqlite: SqliteConnection, runs: number): { scenarios: Record<string, InsightsQuery>; timings: QueryTiming[] } {
  const span = sqlite.prepare(`SELECT MIN("startedAt") AS first, MAX("startedAt") AS last FROM "Connection"`).get() as { first: number; last: number };
  const to = new Date(span.last + 1);
  const from = new Date(span.first);
  const topUser = sqlite
    .prepare(`SELECT "clientUserId" AS user FROM "ConnectionDailyRollup" WHERE "grain" = 'day-user' GROUP BY 1 ORDER BY SUM("attempts") DESC LIMIT 1`)
    .get() as { user: number };
  const topHosts = (
    sqlite
      .prepare(`SELECT "hostComputerName" AS host FROM "ConnectionDailyRollup" WHERE "grain" = 'day-host' GROUP BY 1 ORDER BY SUM("attempts") DESC LIMIT 3`)
      .all() as { host: string }[]
  ).map((r) => r.host);
  const scenarios: Record<string, InsightsQuery> = {
    "whole history": { from, to },
    "last 7 days": { from: new Date(to.getTime() - 7 * 86_400_000), to },
    "one user, whole history": { from, to, users: [topUser.user] },
    "three hosts, whole history": { from, to, hosts: topHosts },
    // Tokyo's days are not UTC days: every hour is read from the start-hour rollups.
    "whole history, Tokyo days": { from, to, timeZone: "Asia/Tokyo" },
    "one user, whole history, Tokyo days": { from, to, users: [topUser.user], timeZone: "Asia/Tokyo" },
  };
  const timings: QueryTiming[] = [];
  for (const [name, run] of Object.entries(INSIGHTS_QUERIES)) {
    for (const [scenario, query] of Object.entries(scenarios)) {
      const samples: number[] = [];
      for (let i = 0; i < WARMUP + runs; i++) {
        const started = performance.now();
        run(sqlite, query);
        if (i >= WARMUP) samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      timings.push({
        query: name,
        scenario,
        runs,
        p50Ms: samples[Math.floor(0.5 * (samples.length - 1))]!,
        p95Ms: samples[Math.ceil(0.95 * (samples.length - 1))]!,
        maxMs: samples[samples.length - 1]!,
      });
    }
  }
  return { scenarios, timings };
}
