// The sync benchmark: a backfill of a simulated history over loopback HTTP (quota off, so this
// measures our pipeline, not the API's pacing) into a fresh database, against the same events
// inserted directly with better-sqlite3, both in the same invocation so that the ratio holds on a
// noisy machine. Run at two sizes to see whether peak memory grows with the history.
//
// Per size: the simulator starts in a process of its own; a fetch-only child pages through it
// (the ceiling HTTP and JSON put on any sync); then, --repeat times, `node --import tsx
// scripts/sync.ts` runs against it with its RSS sampled, and the baseline runs in this process
// (alternating which goes first). Every database is checked against the simulator's count and
// against the others' content, and deleted before the next phase; dirty pages are flushed before
// each timed phase.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { z } from "zod";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import { historyFlags, wholeNumberFlag } from "../lib/flags";
import { cleanEnv, runNode, type ChildResult } from "../lib/child";
import { summarizeCpuProfile } from "../lib/cpuProfile";
import { int } from "../lib/format";
import { startSimulatorProcess, type HistoryOptions } from "../lib/simulatorProcess";
import { countEvents, eventsDigest } from "./inspectDatabase";
import { flushDisks, PAGE_SIZE, removeDatabase, runFetchOnly, runSync, type FetchOnlyMeasurement, type SyncMeasurement } from "./phases";
import { rawInsertBaseline, storeEventsDirect, type InsertPhaseResult } from "./rawInsert";
import { evaluateTargets, render, TARGETS, type ProfileRun } from "./report";

const count = wholeNumberFlag;

const optionsSchema = z
  .object({
    events: count("events", 1).default(1_000_000),
    small: count("small", 0).default(250_000),
    repeat: count("repeat", 1, 10).default(1),
    ...historyFlags,
    "store-direct": z.boolean().default(false),
    "cpu-prof": z.boolean().default(false),
    "skip-fetch-only": z.boolean().default(false),
    "keep-db": z.boolean().default(false),
    verbose: z.boolean().default(false),
  })
  .refine((o) => o.small < o.events, { message: "--small must be less than --events (0 skips the small run)" });
export type SyncBenchOptions = z.infer<typeof optionsSchema>;

export interface SizeResult {
  requestedEvents: number;
  /** Valid events of the simulated history: what every database must hold. */
  expectedEvents: number | null;
  simulator: { generated: number; generationMs: number; peakRssKb: number | null } | null;
  fetchOnly: FetchOnlyMeasurement | null;
  syncRuns: SyncMeasurement[];
  baselineRuns: InsertPhaseResult[];
  storeDirectRuns: InsertPhaseResult[];
  /** Per repetition: sync events/s (wall) over the baseline's events/s of the same repetition. */
  rateRatios: number[];
  /** What each database held: its count and the SHA-256 of its events (see eventsDigest). */
  stored: { phase: string; count: number; digest: string }[];
  /** Every database held exactly the ground truth's count, and all held the same content. */
  verify: { countOk: boolean; contentOk: boolean } | null;
  error: string | null;
}

export const syncBenchmark = defineBenchmark<SyncBenchOptions>({
  name: "sync",
  description: "backfill of a simulated history over loopback HTTP vs. raw better-sqlite3 inserts; rate and peak RSS",
  flags: {
    events: { type: "string", help: "events in the history (default 1000000)" },
    small: { type: "string", help: "events in the smaller history the peak RSS is compared with (default 250000; 0 skips it)" },
    repeat: { type: "string", help: "sync/baseline pairs per size; figures are medians (default 1)" },
    seed: { type: "string", help: "simulator seed (default 1)" },
    "end-at": { type: "string", help: "end of the simulated history, fixed so every process generates the same events (default 2025-06-01T00:00:00Z)" },
    "store-direct": {
      type: "boolean",
      help: "also time storeEvents called directly on the same pages (no HTTP): splits the sync's overhead into storage and transport",
    },
    "cpu-prof": { type: "boolean", help: "then profile one more sync (node --cpu-prof, smaller size) and summarize where its time goes" },
    "skip-fetch-only": { type: "boolean", help: "skip the fetch-only diagnostic run" },
    "keep-db": { type: "boolean", help: "keep the database files (their directory is printed)" },
    verbose: { type: "boolean", help: "echo the children's progress lines" },
  },
  options: optionsSchema,
  run: runSyncBenchmark,
});

async function runSyncBenchmark(options: SyncBenchOptions, ctx: BenchContext) {
  const started = new Date();
  const workDir = mkdtempSync(path.join(tmpdir(), "bench-sync-"));
  const sizes = [...(options.small > 0 ? [options.small] : []), options.events];
  const results: SizeResult[] = [];
  const errors: string[] = [];
  const idle: { nodeKb: number | null; tsxKb: number | null } = { nodeKb: null, tsxKb: null };
  let profile: ProfileRun | null = null;
  const loadBefore = loadavg();

  try {
    ctx.log("idle RSS of node and of node --import tsx");
    idle.nodeKb = (await runNode({ noTsx: true, eval: "setTimeout(() => {}, 2000)", env: cleanEnv({}), timeoutMs: 30_000 })).peakRssKb;
    idle.tsxKb = (await runNode({ eval: "setTimeout(() => {}, 2000)", env: cleanEnv({}), timeoutMs: 30_000 })).peakRssKb;

    for (const events of sizes) {
      const result = await measureSize(events, options, ctx, workDir);
      results.push(result);
      if (result.error) {
        errors.push(`${int(events)} events: ${result.error}`);
        break;
      }
    }
    if (options["cpu-prof"] && errors.length === 0) profile = await profileSync(sizes[0]!, options, ctx, workDir);
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  } finally {
    if (options["keep-db"]) ctx.log(`databases kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }

  const targets = evaluateTargets(results, options);
  const ok = errors.length === 0 && results.every((r) => r.verify?.countOk && r.verify.contentOk);
  const report = {
    benchmark: "sync",
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      totalMemoryMb: Math.round(totalmem() / 2 ** 20),
      node: process.version,
      platform: process.platform,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
    },
    options: { ...options, "end-at": options["end-at"].toISOString(), pageSize: PAGE_SIZE, quota: "off" },
    targets: { definition: TARGETS, results: targets },
    idleRss: { nodeKb: idle.nodeKb, nodeWithTsxKb: idle.tsxKb },
    sizes: results,
    profile,
    errors,
    ok,
  };
  return { text: render({ results, idle, targets, profile, options, errors, workDir }), report, ok };
}

function historyOf(events: number, options: SyncBenchOptions): HistoryOptions {
  return { events, seed: options.seed, endAt: options["end-at"] };
}

const remaining = (ctx: BenchContext) => Math.max(1_000, ctx.deadline - performance.now());

async function measureSize(events: number, options: SyncBenchOptions, ctx: BenchContext, workDir: string): Promise<SizeResult> {
  const result: SizeResult = {
    requestedEvents: events,
    expectedEvents: null,
    simulator: null,
    fetchOnly: null,
    syncRuns: [],
    baselineRuns: [],
    storeDirectRuns: [],
    rateRatios: [],
    stored: [],
    verify: null,
    error: null,
  };
  const history = historyOf(events, options);
  const label = (what: string, i: number) => `${int(events)} events: ${what}${options.repeat > 1 ? ` (${i + 1}/${options.repeat})` : ""}`;
  const echo = options.verbose ? (line: string) => ctx.log(`  ${line}`) : undefined;
  /** A fresh database file for one phase, checked and deleted once the phase is over. */
  const withDatabase = async <T>(phase: string, work: (file: string) => Promise<T>): Promise<T> => {
    const file = path.join(workDir, `${phase}-${events}.db`);
    try {
      flushDisks();
      const value = await work(file);
      result.stored.push({ phase, count: countEvents(file), digest: eventsDigest(file) });
      return value;
    } finally {
      if (!options["keep-db"]) removeDatabase(file);
    }
  };
  const phaseOptions = (file: string) => ({ databaseFile: file, history, pageSize: PAGE_SIZE, deadline: ctx.deadline });

  let simResult: ChildResult | null = null;
  try {
    ctx.log(`${int(events)} events: starting the simulator`);
    const sim = await startSimulatorProcess(history, remaining(ctx));
    try {
      result.simulator = { generated: sim.generated, generationMs: sim.generationMs, peakRssKb: null };
      if (!options["skip-fetch-only"]) {
        ctx.log(`${int(events)} events: fetch only (HTTP + JSON, nothing stored)`);
        result.fetchOnly = await runFetchOnly({ sim, timeoutMs: remaining(ctx), onStderrLine: echo });
      }
      for (let i = 0; i < options.repeat; i++) {
        // Alternating which goes first, so that a drift of the machine does not favour one side.
        const order = i % 2 === 0 ? (["sync", "baseline"] as const) : (["baseline", "sync"] as const);
        let sync: SyncMeasurement | undefined;
        let baseline: InsertPhaseResult | undefined;
        for (const phase of order) {
          if (phase === "sync") {
            ctx.log(label("sync", i));
            sync = await withDatabase(`sync-${i + 1}`, async (file) => {
              const measured = await runSync({ sim, databaseFile: file, timeoutMs: remaining(ctx), onStderrLine: echo });
              result.syncRuns.push(measured);
              if (measured.exitCode !== 0 || measured.eventsPerSecondWall === null) {
                const why = measured.timedOut ? "ran out of time" : `exited with ${measured.exitCode}`;
                throw new Error(`the sync ${why}:\n  ${measured.stderrTail.slice(-10).join("\n  ")}`);
              }
              return measured;
            });
          } else {
            ctx.log(label(`baseline (toEventRow + prepared INSERT, one transaction per ${PAGE_SIZE} rows)`, i));
            baseline = await withDatabase(`baseline-${i + 1}`, (file) => rawInsertBaseline(phaseOptions(file)));
            result.baselineRuns.push(baseline);
            result.expectedEvents = baseline.expected;
          }
        }
        result.rateRatios.push(sync!.eventsPerSecondWall! / baseline!.eventsPerSecond);
        if (options["store-direct"]) {
          ctx.log(label("storeEvents called directly (no HTTP)", i));
          result.storeDirectRuns.push(await withDatabase(`store-direct-${i + 1}`, (file) => storeEventsDirect(phaseOptions(file))));
        }
      }
    } finally {
      simResult = await sim.stop();
    }
    result.verify = {
      countOk: result.stored.every((s) => s.count === result.expectedEvents),
      contentOk: result.stored.every((s) => s.digest === result.stored[0]!.digest),
    };
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  if (result.simulator && simResult) result.simulator.peakRssKb = simResult.peakRssKb;
  return result;
}

/** One more sync under node --cpu-prof; its figures are not used (the profiler slows it down). */
async function profileSync(events: number, options: SyncBenchOptions, ctx: BenchContext, workDir: string): Promise<ProfileRun> {
  ctx.log(`${int(events)} events: profiled sync (node --cpu-prof), not used for the figures`);
  const profileDir = path.join(ctx.outDir, `sync-${ctx.stamp}-cpuprofile`);
  const sim = await startSimulatorProcess(historyOf(events, options), remaining(ctx));
  const databaseFile = path.join(workDir, "profiled.db");
  try {
    flushDisks();
    const sync = await runSync({ sim, databaseFile, timeoutMs: remaining(ctx), cpuProfileDir: profileDir });
    // One file per thread (tsx runs its loader in one too): the sync's is the largest.
    const files = readdirSync(profileDir)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(profileDir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size);
    return { events, sync: { ...sync, rssSamples: [] }, summary: files[0] ? summarizeCpuProfile(files[0]) : null };
  } finally {
    await sim.stop();
    removeDatabase(databaseFile);
  }
}
