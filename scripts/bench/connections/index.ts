// The connections benchmark. On one simulated history (default a million events):
// 1. what keeping connections costs the sync: the same backfill over loopback HTTP into a fresh
//    database twice, in child processes started the same way, with the Connection table and its
//    rollups kept as the sync keeps them, in batches of new events ("with", see
//    lib/ingest/connectionBacklog.ts), and without ("without"); the ratio of their rates is
//    the figure (target: stitching costs under 20% of sync throughput);
// 2. a rebuild from the events on the "with" database, which must leave exactly the rows the
//    page-by-page maintenance left (same digest);
// 3. every insights query's p95 on that database (target: under 100 ms each).
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { rebuildConnections } from "@/lib/ingest/rebuildConnections";
import { CONNECTION_COLUMNS } from "@/lib/connections/connectionRows";
import { openDatabase } from "@/lib/store/client";
import { openSqlite, type SqliteConnection } from "@/lib/store/sqlite";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import { cleanEnv, runNode } from "../lib/child";
import { cachedHistoryFlagSpecs, historyFlags, wholeNumberFlag } from "../lib/flags";
import { int, percent, ratio, seconds, table } from "../lib/format";
import { startSimulatorProcess } from "../lib/simulatorProcess";
import { flushDisks, PAGE_SIZE, removeDatabase } from "../sync/phases";
import { timeInsightsQueries, type QueryTiming } from "./queries";
import { measureStoreLevel, type StoreLevelResult } from "./storeLevel";

const TARGETS = { maxStitchingCost: 0.2, maxQueryP95Ms: 100 };

const optionsSchema = z.object({
  events: wholeNumberFlag("events", 1_000).default(1_000_000),
  ...historyFlags,
  "query-runs": wholeNumberFlag("query-runs", 1, 10_000).default(30),
  "store-level-events": wholeNumberFlag("store-level-events", 0).default(100_000),
  "keep-db": z.boolean().default(false),
  "queries-on": z.string().min(1).optional(),
});
type Options = z.infer<typeof optionsSchema>;

interface SyncPhase {
  mode: "with" | "without";
  events: number;
  pages: number;
  ms: number;
  eventsPerSecond: number;
  peakRssKb: number | null;
}

export const connectionsBenchmark = defineBenchmark<Options>({
  name: "connections",
  description: "sync throughput with connection stitching vs without, rebuild = incremental, insights query p95",
  flags: {
    ...cachedHistoryFlagSpecs,
    events: { type: "string", help: "events in the history (default 1000000)" },
    "query-runs": { type: "string", help: "timed runs of each insights query per scenario (default 30)" },
    "store-level-events": {
      type: "string",
      help: "events of the in-process diagnostic that times storeEvents and stitching apart, no HTTP (default 100000; 0 skips it)",
    },
    "keep-db": { type: "boolean", help: "keep the database files (their directory is printed)" },
    "queries-on": {
      type: "string",
      help: "only time the insights queries, on this existing database file (e.g. one kept with --keep-db)",
    },
  },
  options: optionsSchema,
  run: runConnectionsBenchmark,
});

async function runConnectionsBenchmark(options: Options, ctx: BenchContext) {
  const startedAt = new Date();
  const workDir = mkdtempSync(path.join(tmpdir(), "bench-connections-"));
  const loadBefore = loadavg();
  const history = { events: options.events, seed: options.seed, endAt: options["end-at"] };
  const phases: SyncPhase[] = [];
  const errors: string[] = [];
  // Typed by a cast, not narrowed to null: measureAll() below assigns them.
  let rebuild = null as { ms: number; attempts: number; sameAsIncremental: boolean; connections: number; dailyRows: number; hourlyRows: number } | null;
  let queries = null as { scenarios: Record<string, unknown>; timings: QueryTiming[] } | null;
  let storeLevel = null as StoreLevelResult | null;
  const withFile = options["queries-on"] ?? path.join(workDir, "with.db");
  try {
    if (options["queries-on"]) {
      const sqlite = openSqlite(withFile);
      try {
        ctx.log(`insights queries on ${withFile}, ${options["query-runs"]} timed runs each`);
        queries = timeInsightsQueries(sqlite, options["query-runs"]);
      } finally {
        sqlite.close();
      }
    } else await measureAll();
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  } finally {
    if (options["keep-db"]) ctx.log(`databases kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }

  async function measureAll(): Promise<void> {
    ctx.log(`${int(options.events)} events: starting the simulator`);
    const sim = await startSimulatorProcess(history, Math.max(1_000, ctx.deadline - performance.now()));
    try {
      // "without" first, then "with": the database the later phases read is the last one written.
      for (const mode of ["without", "with"] as const) {
        const file = path.join(workDir, `${mode}.db`);
        ctx.log(`${int(options.events)} events: sync ${mode} connections`);
        flushDisks();
        const child = await runNode({
          script: "scripts/bench/connections/syncChild.ts",
          args: [file, mode, String(PAGE_SIZE)],
          env: cleanEnv({ PARSEC_API_BASE_URL: sim.url, PARSEC_API_KEY: sim.apiKey, PARSEC_TEAM_ID: sim.teamId }),
          timeoutMs: Math.max(1_000, ctx.deadline - performance.now()),
        });
        const line = child.stdout.trim().split("\n").pop() ?? "";
        if (child.exitCode !== 0 || !line.startsWith("{")) {
          throw new Error(`the sync ${mode} connections failed (exit ${child.exitCode}):\n  ${child.stderrTail.slice(-10).join("\n  ")}`);
        }
        const out = JSON.parse(line) as { events: number; pages: number; ms: number };
        phases.push({ mode, ...out, eventsPerSecond: (out.events / out.ms) * 1000, peakRssKb: child.peakRssKb });
        if (mode === "without" && !options["keep-db"]) removeDatabase(file);
      }
    } finally {
      await sim.stop();
    }

    const sqlite = openSqlite(withFile);
    try {
      const before = digestConnections(sqlite);
      ctx.log("rebuild from the events (npm run connections:rebuild)");
      const db = await openDatabase(withFile);
      try {
        const result = await rebuildConnections({ db, sqlite });
        const after = digestConnections(sqlite);
        rebuild = { ...result, sameAsIncremental: before.digest === after.digest, ...after.counts };
      } finally {
        await db.$disconnect();
      }
      ctx.log(`insights queries, ${options["query-runs"]} timed runs each`);
      queries = timeInsightsQueries(sqlite, options["query-runs"]);
    } finally {
      sqlite.close();
    }
    if (options["store-level-events"] > 0) {
      ctx.log(`${int(options["store-level-events"])} events: storeEvents and stitching timed apart (in process, no HTTP)`);
      storeLevel = await measureStoreLevel(path.join(workDir, "store-level.db"), { ...history, events: options["store-level-events"] }, PAGE_SIZE);
    }
  }

  const without = phases.find((p) => p.mode === "without");
  const withStitching = phases.find((p) => p.mode === "with");
  const rateRatio = without && withStitching ? withStitching.eventsPerSecond / without.eventsPerSecond : null;
  const stitchingCost = rateRatio === null ? null : 1 - rateRatio;
  const slowest = queries ? Math.max(...queries.timings.map((t) => t.p95Ms)) : null;
  const ok =
    errors.length === 0 &&
    (options["queries-on"] ? queries !== null : rebuild?.sameAsIncremental === true && phases.every((p) => p.events === phases[0]!.events));
  const report = {
    benchmark: "connections",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
    options: { ...options, "end-at": options["end-at"].toISOString(), pageSize: PAGE_SIZE },
    targets: TARGETS,
    sync: phases,
    rateRatio,
    stitchingCost,
    rebuild,
    queries,
    storeLevel,
    errors,
    ok,
  };

  const lines: string[] = [
    options["queries-on"] ? `connections: insights queries on ${options["queries-on"]}` : `connections: ${int(options.events)} events, pages of ${PAGE_SIZE}`,
  ];
  if (phases.length > 0) {
    lines.push(
      table(
        ["sync", "events", "pages", "time", "events/s", "peak RSS"],
        phases.map((p) => [
          `${p.mode} connections`,
          int(p.events),
          int(p.pages),
          seconds(p.ms),
          int(p.eventsPerSecond),
          p.peakRssKb === null ? "–" : `${Math.round(p.peakRssKb / 1024)} MB`,
        ]),
      ),
    );
  }
  if (rateRatio !== null && stitchingCost !== null) {
    lines.push(
      `rate with / without: ${ratio(rateRatio)}; stitching costs ${percent(stitchingCost)} of sync throughput ` +
        `(target under ${percent(TARGETS.maxStitchingCost)}: ${stitchingCost < TARGETS.maxStitchingCost ? "PASS" : "FAIL"})`,
    );
  }
  if (rebuild) {
    lines.push(
      `rebuild: ${int(rebuild.attempts)} attempts in ${seconds(rebuild.ms)}; ${int(rebuild.connections)} connections, ` +
        `${int(rebuild.dailyRows)} daily and ${int(rebuild.hourlyRows)} hourly rollup rows; ` +
        `same as kept by the sync: ${rebuild.sameAsIncremental ? "yes" : "NO"}`,
    );
  }
  if (queries) {
    lines.push(
      table(
        ["insights query", "scenario", "p50 ms", "p95 ms", "max ms"],
        queries.timings.map((t) => [t.query, t.scenario, t.p50Ms.toFixed(1), t.p95Ms.toFixed(1), t.maxMs.toFixed(1)]),
      ),
    );
    lines.push(`slowest p95: ${slowest!.toFixed(1)} ms (target under ${TARGETS.maxQueryP95Ms} ms: ${slowest! < TARGETS.maxQueryP95Ms ? "PASS" : "FAIL"})`);
  }
  if (storeLevel) {
    const per1000 = (ms: number) => ((ms / storeLevel!.events) * 1000).toFixed(1);
    lines.push(
      `store level, ${int(storeLevel.events)} events in ${storeLevel.pages} pages, no HTTP: storeEvents ${per1000(storeLevel.storeMs)} ms per 1,000 events, ` +
        `stitching ${per1000(storeLevel.stitchMs)} ms per 1,000 events (${int(storeLevel.refreshes)} attempt refreshes, ` +
        `${((storeLevel.stitchMs / storeLevel.refreshes) * 1000).toFixed(0)} µs each): stitching adds ${percent(storeLevel.stitchMs / storeLevel.storeMs)} to storing`,
    );
  }
  if (errors.length > 0) lines.push(`errors:\n  ${errors.join("\n  ")}`);
  return { text: lines.join("\n\n"), report, ok };
}

/** A SHA-256 over every Connection row (write time aside) and every rollup row, in key order, and their counts. */
function digestConnections(sqlite: SqliteConnection): { digest: string; counts: { connections: number; dailyRows: number; hourlyRows: number } } {
  const hash = createHash("sha256");
  const columns = CONNECTION_COLUMNS.filter((c) => c !== "updatedAt")
    .map((c) => `"${c}"`)
    .join(", ");
  const counts = { connections: 0, dailyRows: 0, hourlyRows: 0 };
  const feed = (sql: string, key: keyof typeof counts) => {
    for (const row of sqlite.prepare(sql).raw().iterate()) {
      hash.update(JSON.stringify(row));
      counts[key] += 1;
    }
  };
  feed(`SELECT ${columns} FROM "Connection" ORDER BY "attemptId"`, "connections");
  feed(`SELECT * FROM "ConnectionDailyRollup" ORDER BY "id"`, "dailyRows");
  feed(`SELECT * FROM "ConnectionHourlyRollup" ORDER BY "id"`, "hourlyRows");
  return { digest: hash.digest("hex"), counts };
}
