// The connection pages benchmark: the production server (`npm start`'s scripts/serve.mjs, the build in .next) over a
// simulated history with its connections and rollups (a million events by default, cached under
// data/bench/, see pagesDatabase.ts), asked for /insights, /users/[id] and /hosts/[name] over HTTP
// as a signed-in admin, beside the same lib functions the page calls run directly in this process
// on the same file, alternating, in the same run: the ratio is what rendering and HTTP add.
import { statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { insightsPageData } from "@/lib/connections/insightsPage";
import { timelinePageData } from "@/lib/connections/timelinePage";
import { groupByLane, timelineTotals, type TimelineSubject } from "@/lib/connections/timelineConnections";
import { openDatabase, type Db } from "@/lib/store/client";
import { openSqlite, type SqliteConnection } from "@/lib/store/sqlite";
import { hostHref, userHref, type TimelineSpan } from "@/lib/explorerUrl/entityHref";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import { benchSession, requireProductionBuild, startBenchServer, timeRequestsBesideDirect, type BenchSession, type Timing } from "../lib/benchHttp";
import { REPO_ROOT } from "../lib/child";
import { cachedHistoryFlagSpecs, historyFlags, wholeNumberFlag } from "../lib/flags";
import { int, ratio, table } from "../lib/format";
import { ensureConnectionsBenchDatabase } from "./pagesDatabase";

const optionsSchema = z.object({
  events: wholeNumberFlag("events", 1_000).default(1_000_000),
  ...historyFlags,
  requests: wholeNumberFlag("requests", 5, 10_000).default(40),
});
type Options = z.infer<typeof optionsSchema>;

/** The target: each insights chart under 100 ms p95; a page is held to it as a whole. */
export const PAGE_TARGET_P95_MS = 100;
const WARMUP = 3;
const DAY_MS = 86_400_000;

interface PageScenario {
  name: string;
  path: string;
  /** The page's lib work, without React: what the page awaits before it renders. */
  direct(): Promise<unknown>;
}

interface PageResult {
  name: string;
  path: string;
  server: Timing;
  direct: Timing;
  /** server p95 / direct p95. */
  ratioP95: number;
  responseBytes: number;
  meetsTarget: boolean;
}

export const connectionPagesBenchmark = defineBenchmark<Options>({
  name: "connection-pages",
  description:
    "/insights, /users/[id] and /hosts/[name] over HTTP (the production server) on connections of a simulated history, vs. the page's lib calls run directly",
  flags: {
    ...cachedHistoryFlagSpecs,
    requests: { type: "string", help: "timed requests per scenario, and as many direct runs (default 40)" },
  },
  options: optionsSchema,
  run: runPagesBenchmark,
});

async function runPagesBenchmark(options: Options, ctx: BenchContext) {
  const buildId = requireProductionBuild();
  const history = { events: options.events, seed: options.seed, endAt: options["end-at"] };
  const { file, builtMs } = await ensureConnectionsBenchDatabase(history, ctx.log);
  if (builtMs !== null) ctx.log(`built in ${(builtMs / 1000).toFixed(0)} s`);
  const session = await benchSession(file);
  const sizeMb = statSync(file).size / 2 ** 20;

  const db = await openDatabase(file);
  const sqlite = openSqlite(file);
  const results: PageResult[] = [];
  const server = await startBenchServer(file, ctx);
  try {
    for (const scenario of pageScenarios(db, sqlite)) {
      if (performance.now() > ctx.deadline) throw new Error("the time budget ran out");
      ctx.log(`${scenario.name}: ${scenario.path}`);
      results.push(await measure(scenario, server.base, session, options.requests));
    }
  } finally {
    await server.stop();
    sqlite.close();
    await db.$disconnect();
  }
  const report = {
    benchmark: "connection-pages",
    options: { ...options, "end-at": options["end-at"].toISOString() },
    database: { file: path.relative(REPO_ROOT, file), sizeMb: Math.round(sizeMb), builtMs },
    build: { id: statSync(buildId).mtime.toISOString() },
    targetP95Ms: PAGE_TARGET_P95_MS,
    scenarios: results,
  };
  return { text: render(results, options, sizeMb), report, ok: true };
}

/**
 * The pages as an admin opens them, on the history's own time (the simulated history ends long
 * before today, so every URL names its range): /insights over the whole history (its default
 * when the history is recent), a year, the last month, the busiest user and the busiest host;
 * the busiest user's timeline for a day, a week and a month around their busiest day, and the
 * busiest host's week.
 */
function pageScenarios(db: Db, sqlite: SqliteConnection): PageScenario[] {
  const span = sqlite.prepare(`SELECT MIN("startedAt") AS first, MAX("startedAt") AS last FROM "Connection"`).get() as {
    first: number | null;
    last: number | null;
  };
  if (span.first === null || span.last === null) throw new Error("the database has no connections");
  const to = new Date(span.last + 1).toISOString();
  const busiest = (grain: string, column: string) =>
    sqlite
      .prepare(
        `SELECT "${column}" AS key FROM "ConnectionDailyRollup" WHERE "grain" = ? AND "${column}" IS NOT NULL GROUP BY 1 ORDER BY SUM("attempts") DESC LIMIT 1`,
      )
      .get(grain) as { key: string | number };
  const userId = Number(busiest("day-user", "clientUserId").key);
  const hostName = String(busiest("day-host", "hostComputerName").key);
  const busiestDay = (column: string, key: string | number, grain: string) => {
    const row = sqlite
      .prepare(
        `SELECT "day" FROM "ConnectionDailyRollup" WHERE "grain" = ? AND "${column}" = ? GROUP BY "day" ORDER BY SUM("attempts") DESC, "day" DESC LIMIT 1`,
      )
      .get(grain, key) as { day: number };
    return new Date(row.day).toISOString().slice(0, 10);
  };
  const userDay = busiestDay("clientUserId", userId, "day-user");
  const hostDay = busiestDay("hostComputerName", hostName, "day-host");

  const insights = (name: string, params: Record<string, string>): PageScenario => {
    const search = new URLSearchParams(params).toString();
    return { name: `/insights ${name}`, path: `/insights?${search}`, direct: () => insightsPageData(params, Date.now(), { store: { db, sqlite } }) };
  };
  const timeline = (name: string, subject: TimelineSubject, spanName: TimelineSpan, date: string): PageScenario => {
    const path = "userId" in subject ? userHref(subject.userId, { span: spanName, date }) : hostHref(subject.hostComputerName, { span: spanName, date });
    return { name, path, direct: () => timelinePageWork(db, sqlite, subject, { span: spanName, date }) };
  };
  const monthAgo = new Date(span.last + 1 - 30 * DAY_MS).toISOString();
  const yearAgo = new Date(span.last + 1 - 366 * DAY_MS).toISOString();
  return [
    insights("whole history", { to }),
    insights("one year", { from: yearAgo, to }),
    insights("last month", { from: monthAgo, to }),
    insights(`user ${userId}`, { to, user: String(userId) }),
    insights(`host ${hostName}`, { to, host: hostName }),
    timeline(`/users/${userId} day`, { userId }, "day", userDay),
    timeline(`/users/${userId} week`, { userId }, "week", userDay),
    timeline(`/users/${userId} month`, { userId }, "month", userDay),
    timeline(`/hosts/${hostName} week`, { hostComputerName: hostName }, "week", hostDay),
  ];
}

/** What app/users/[userId] and app/hosts/[hostName] await before rendering (the window in UTC: the bench sends no zone cookie). */
async function timelinePageWork(db: Db, sqlite: SqliteConnection, subject: TimelineSubject, params: { span: TimelineSpan; date: string }) {
  const { window, connections, adminActions: actions } = await timelinePageData(subject, params, undefined, Date.now(), { db, sqlite });
  const laneOf =
    "userId" in subject ? (c: { hostComputerName: string | null }) => c.hostComputerName ?? "" : (c: { clientUserId: number | null }) => String(c.clientUserId);
  return { lanes: groupByLane(connections, laneOf), totals: timelineTotals(connections, window, laneOf), actions };
}

async function measure(scenario: PageScenario, base: string, session: BenchSession, requests: number): Promise<PageResult> {
  const { server, direct, responseBytes } = await timeRequestsBesideDirect(base + scenario.path, session, scenario.direct, requests, WARMUP);
  return {
    name: scenario.name,
    path: scenario.path,
    server,
    direct,
    ratioP95: server.p95 / direct.p95,
    responseBytes,
    meetsTarget: server.p95 < PAGE_TARGET_P95_MS,
  };
}

function render(results: PageResult[], options: Options, sizeMb: number): string {
  const ms = (n: number) => n.toFixed(1);
  return [
    `connection pages: ${int(options.events)} events (${int(sizeMb)} MB database with connections and rollups), ${options.requests} requests per page after ${WARMUP} warm-up`,
    `target: server p95 < ${PAGE_TARGET_P95_MS} ms per page`,
    "",
    table(
      ["page", "server p50", "server p95", "direct p50", "direct p95", "p95 ratio", "HTML", "target"],
      results.map((r) => [
        r.name,
        ms(r.server.p50),
        ms(r.server.p95),
        ms(r.direct.p50),
        ms(r.direct.p95),
        ratio(r.ratioP95),
        `${(r.responseBytes / 1024).toFixed(0)} KB`,
        r.meetsTarget ? "met" : "MISSED",
      ]),
    ),
    "",
    "Times in ms. Server: GET over HTTP to the production server as a signed-in admin, whole body read. Direct: the lib calls the page awaits",
    "(lib/connections/insightsPage.ts insightsPageData, lib/connections/timelinePage.ts timelinePageData; groupByLane, timelineTotals), in this process.",
  ].join("\n");
}
