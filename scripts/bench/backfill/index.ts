// The pages-during-backfill benchmark: the production server (scripts/serve.mjs over the build in
// .next) on a copy of a cached history with its connections (connections/pagesDatabase.ts), asked
// for /events and /api/health back to back, idle, then while it backfills another team's
// history from the simulated Parsec API (in a process of its own, quota off) at full speed,
// started by POST /api/sync, then idle again on what the backfill stored (after a restart, whose
// SIGTERM stops the backfill). Twice in the same run: with the write path on the server's main
// thread (INGEST_RUNNER=main-thread, the old design) and in its ingest runner's worker thread.
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { setPriority, tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { openDatabase } from "@/lib/store/client";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import { benchSession, idleBusyTiming, requireProductionBuild, sampleRounds, startBenchServer, type BenchServer, type IdleBusyTiming } from "../lib/benchHttp";
import { REPO_ROOT } from "../lib/child";
import { historyFlags, wholeNumberFlag } from "../lib/flags";
import { int, ratio, table } from "../lib/format";
import { startSimulatorProcess, type SimulatorProcess } from "../lib/simulatorProcess";
import { ensureConnectionsBenchDatabase } from "../connections/pagesDatabase";

const optionsSchema = z.object({
  "base-events": wholeNumberFlag("base-events", 1_000).default(100_000),
  "backfill-events": wholeNumberFlag("backfill-events", 10_000).default(300_000),
  "idle-seconds": wholeNumberFlag("idle-seconds", 1, 600).default(10),
  "busy-seconds": wholeNumberFlag("busy-seconds", 1, 600).default(30),
  ...historyFlags,
});
type Options = z.infer<typeof optionsSchema>;

/** The issue's target: during a full-speed backfill, each page's p95 within 1.5 times its idle p95. */
export const BACKFILL_TARGET_RATIO = 1.5;
const PATHS = ["/events", "/api/health"] as const;
const MODES = ["main-thread", "worker"] as const;
type Mode = (typeof MODES)[number];
const SYNC_TOKEN = "bench-backfill-sync-token-0123456789";
const WARMUP_ROUNDS = 5;

interface PathResult extends IdleBusyTiming {
  path: string;
}

interface ModeResult {
  mode: Mode;
  paths: PathResult[];
  /** The backfill was still running when the busy measurement ended (else it measured less than asked). */
  backfillLastedTheMeasurement: boolean;
  busyMs: number;
  /** Events the backfill had stored when the measurement ended. */
  backfillEventsStored: number;
}

export const backfillBenchmark = defineBenchmark<Options>({
  name: "pages-during-backfill",
  description: "/events and /api/health p95 (production server) idle and during a full-speed backfill, write path on the main thread vs. in the ingest runner",
  flags: {
    "base-events": { type: "string", help: "events already stored when the backfill starts (default 100000; cached under data/bench/)" },
    "backfill-events": { type: "string", help: "events of the team being backfilled (default 300000; large enough to last the measurement)" },
    "idle-seconds": { type: "string", help: "how long the pages are asked for before the backfill, and again after it (default 10)" },
    "busy-seconds": { type: "string", help: "how long they are asked for during it (default 30)" },
    seed: { type: "string", help: "simulator seed of the stored history (default 1; the backfilled team's is the next one)" },
    "end-at": { type: "string", help: "end of the simulated histories (default 2025-06-01T00:00:00Z)" },
  },
  options: optionsSchema,
  run: runBackfillBenchmark,
});

async function runBackfillBenchmark(options: Options, ctx: BenchContext) {
  const buildId = requireProductionBuild();
  const base = await ensureConnectionsBenchDatabase({ events: options["base-events"], seed: options.seed, endAt: options["end-at"] }, ctx.log);
  ctx.log(`generating the backfilled team's ${int(options["backfill-events"])} events in the simulator's process`);
  const simulator = await startSimulatorProcess(
    { events: options["backfill-events"], seed: options.seed + 1, endAt: options["end-at"] },
    Math.max(60_000, ctx.deadline - performance.now()),
  );
  // It stands for Parsec's servers, which run on other machines: here it should take the CPU from
  // neither the server's pages nor its sync, in either mode.
  setPriority(simulator.child.pid, 19);
  const results: ModeResult[] = [];
  try {
    for (const mode of MODES) results.push(await measureMode(mode, base.file, simulator, options, ctx));
  } finally {
    await simulator.stop();
  }
  const report = {
    benchmark: "pages-during-backfill",
    options: { ...options, "end-at": options["end-at"].toISOString() },
    database: { file: path.relative(REPO_ROOT, base.file), sizeMb: Math.round(statSync(base.file).size / 2 ** 20) },
    build: { id: statSync(buildId).mtime.toISOString() },
    targetRatio: BACKFILL_TARGET_RATIO,
    modes: results,
  };
  return { text: render(results, options), report, ok: true };
}

async function measureMode(mode: Mode, baseFile: string, simulator: SimulatorProcess, options: Options, ctx: BenchContext): Promise<ModeResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-backfill-"));
  const file = path.join(dir, "viewer.db");
  copyFileSync(baseFile, file);
  const session = await benchSession(file);
  const db = await openDatabase(file);
  const env = {
    INGEST_RUNNER: mode,
    PARSEC_API_KEY: simulator.apiKey,
    PARSEC_TEAM_ID: simulator.teamId,
    PARSEC_API_BASE_URL: simulator.url,
    PARSEC_RATE_LIMIT: "off",
    SYNC_TOKEN,
  };
  const pages = (server: BenchServer) => PATHS.map((pagePath) => ({ url: server.base + pagePath, session: pagePath === "/api/health" ? null : session }));
  const idleFor = async (server: BenchServer, when: string) => {
    await sampleRounds(pages(server), { rounds: WARMUP_ROUNDS });
    ctx.log(`${mode}: idle ${when} for ${options["idle-seconds"]} s`);
    return sampleRounds(pages(server), { ms: options["idle-seconds"] * 1000 });
  };
  try {
    ctx.log(`${mode}: starting the server over a copy of ${path.relative(REPO_ROOT, baseFile)}`);
    let server = await startBenchServer(file, ctx, env);
    let idleBefore: number[][];
    let busy: number[][];
    let busyMs: number;
    let runId: number;
    try {
      idleBefore = await idleFor(server, "before the backfill");
      const started = await fetch(`${server.base}/api/sync`, { method: "POST", headers: { authorization: `Bearer ${SYNC_TOKEN}` } });
      if (started.status !== 202) throw new Error(`POST /api/sync answered ${started.status}: ${await started.text()}`);
      ({ runId } = (await started.json()) as { runId: number });
      ctx.log(`${mode}: backfill run ${runId} started; pages for ${options["busy-seconds"]} s`);
      const busyFrom = performance.now();
      busy = await sampleRounds(pages(server), { ms: options["busy-seconds"] * 1000 });
      busyMs = performance.now() - busyFrom;
    } finally {
      // SIGTERM: the backfill stops at its next page (the runner's clean stop).
      await server.stop();
    }
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    const lasted = run.status !== "succeeded";
    if (!lasted) ctx.log(`${mode}: the backfill ended before the measurement did: give --backfill-events more`);
    // Idle again on what the backfill left (more events, a longer log), so that neither the larger
    // store nor a drift of the machine's load while the backfill ran reads as the backfill's cost.
    server = await startBenchServer(file, ctx, env);
    let idleAfter: number[][];
    try {
      idleAfter = await idleFor(server, "after the backfill");
    } finally {
      await server.stop();
    }
    return {
      mode,
      paths: PATHS.map((pagePath, i) => ({ path: pagePath, ...idleBusyTiming(idleBefore[i]!, idleAfter[i]!, busy[i]!, BACKFILL_TARGET_RATIO) })),
      backfillLastedTheMeasurement: lasted,
      busyMs,
      backfillEventsStored: run.inserted,
    };
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(results: ModeResult[], options: Options): string {
  const ms = (n: number) => n.toFixed(0);
  return [
    `pages during a backfill: ${int(options["base-events"])} events stored, a full-speed backfill of ${int(options["backfill-events"])} more (quota off; the simulator at nice 19)`,
    `target: busy p95 within ${BACKFILL_TARGET_RATIO}x of idle p95 (idle: before and after the backfill together), per page`,
    "",
    table(
      ["write path", "page", "idle p50", "idle p95", "idle max", "busy p50", "busy p95", "busy max", "p95 ratio", "samples idle/busy", "target"],
      results.flatMap((result) =>
        result.paths.map((r) => [
          result.mode,
          r.path,
          ms(r.idle.p50),
          ms(r.idle.p95),
          ms(r.idle.max),
          ms(r.busy.p50),
          ms(r.busy.p95),
          ms(r.busy.max),
          ratio(r.ratioP95),
          `${r.idle.samples}/${r.busy.samples}`,
          r.meetsTarget ? "met" : "MISSED",
        ]),
      ),
    ),
    "",
    ...results.map(
      (r) =>
        `${r.mode}: the backfill stored ${int(r.backfillEventsStored)} events in the ${(r.busyMs / 1000).toFixed(0)} s measured` +
        (r.backfillLastedTheMeasurement ? "" : " and ENDED before the measurement did (give --backfill-events more)") +
        `; idle p95 before/after it: ${r.paths.map((p) => `${p.path} ${ms(p.idleBefore.p95)}/${ms(p.idleAfter.p95)}`).join(", ")}`,
    ),
    "Times in ms: GET over HTTP to the production server (/events as a signed-in admin), whole body read, one request at a time.",
    "main-thread: INGEST_RUNNER=main-thread (the old design, for this comparison); worker: the default, the write path in the ingest runner's thread.",
  ].join("\n");
}
