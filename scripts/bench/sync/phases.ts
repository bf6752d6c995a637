// The child-process phases of the sync benchmark: the sync itself, and the fetch-only diagnostic.
import { execFileSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { cleanEnv, NodeChild, runNode, type ChildResult, type RssSample } from "../lib/child";
import type { SimulatorProcess } from "../lib/simulatorProcess";
import { readLastSyncRun, type SyncRunRecord } from "./inspectDatabase";

export const PAGE_SIZE = 1000;

export interface SyncMeasurement {
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  wallMs: number;
  /** Spawn to the SyncRun row's startedAt: node and tsx start, migrations, Prisma connect, lock. */
  startupMs: number | null;
  /** Spawn to the first progress line, printed once the first page is committed. */
  firstPageMs: number | null;
  /** The SyncRun row's startedAt to finishedAt. */
  runMs: number | null;
  /** Events stored over the wall time (spawn to exit): the rate the target is about. */
  eventsPerSecondWall: number | null;
  eventsPerSecondRun: number | null;
  peakRssKb: number | null;
  /** Sampled inside the child: V8 heap, external (buffers, wasm) and so on. */
  memory: NonNullable<ChildResult["usage"]>["memory"] | null;
  cpuMs: { user: number; system: number } | null;
  simulatorCpuMs: number | null;
  /** Highest RSS within each tenth of the wall time. */
  rssByTenthKb: (number | null)[];
  /** RSS about every second. */
  rssSamples: RssSample[];
  run: SyncRunRecord | null;
  stderrTail: string[];
}

export interface FetchOnlyMeasurement {
  events: number;
  pages: number;
  /** Inside the child, first request to last page (no node/tsx start). */
  ms: number;
  eventsPerSecond: number;
  peakRssKb: number | null;
  cpuMs: number | null;
  simulatorCpuMs: number | null;
}

/** `node --import tsx scripts/sync.ts` against the simulator, into a fresh database file. */
export async function runSync(options: {
  sim: SimulatorProcess;
  databaseFile: string;
  timeoutMs: number;
  cpuProfileDir?: string;
  onStderrLine?: (line: string) => void;
}): Promise<SyncMeasurement> {
  const { sim, databaseFile } = options;
  const simCpuBefore = sim.child.cpuMs();
  const spawnedAt = performance.now();
  let firstPageAt: number | null = null;
  const child = NodeChild.start({
    script: "scripts/sync.ts",
    nodeArgs: options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
    env: cleanEnv({
      DATABASE_URL: `file:${databaseFile}`,
      PARSEC_API_BASE_URL: sim.url,
      PARSEC_API_KEY: sim.apiKey,
      PARSEC_TEAM_ID: sim.teamId,
      PARSEC_RATE_LIMIT: "off",
      PARSEC_PAGE_SIZE: String(PAGE_SIZE),
      SYNC_INTERVAL_SECONDS: "0",
    }),
    timeoutMs: options.timeoutMs,
    onStderrLine: (line) => {
      if (firstPageAt === null && /\d pages?\b/.test(line)) firstPageAt = performance.now();
      options.onStderrLine?.(line);
    },
  });
  const done = await child.done;
  const simCpuAfter = sim.child.cpuMs();
  const run = fileHasData(databaseFile) ? safely(() => readLastSyncRun(databaseFile)) : null;
  const runMs = run?.finishedAt != null ? run.finishedAt - run.startedAt : null;
  const ok = done.exitCode === 0 && run !== null;
  return {
    command: done.command,
    exitCode: done.exitCode,
    timedOut: done.timedOut,
    wallMs: done.wallMs,
    startupMs: run ? run.startedAt - done.startedAtMs : null,
    firstPageMs: firstPageAt === null ? null : firstPageAt - spawnedAt,
    runMs,
    eventsPerSecondWall: ok ? (run.inserted / done.wallMs) * 1000 : null,
    eventsPerSecondRun: ok && runMs ? (run.inserted / runMs) * 1000 : null,
    peakRssKb: done.peakRssKb,
    memory: done.usage?.memory ?? null,
    cpuMs: done.usage ? { user: done.usage.userCpuMs, system: done.usage.systemCpuMs } : null,
    simulatorCpuMs: simCpuBefore !== null && simCpuAfter !== null ? simCpuAfter - simCpuBefore : null,
    rssByTenthKb: byTenth(done.samples, done.wallMs),
    rssSamples: thin(done.samples, 1_000),
    run,
    stderrTail: done.stderrTail,
  };
}

/** Pages through the simulator like the sync and stores nothing (fetchOnly.ts). */
export async function runFetchOnly(options: {
  sim: SimulatorProcess;
  timeoutMs: number;
  onStderrLine?: (line: string) => void;
}): Promise<FetchOnlyMeasurement> {
  const { sim } = options;
  const simCpuBefore = sim.child.cpuMs();
  const child = await runNode({
    script: "scripts/bench/sync/fetchOnly.ts",
    args: [String(PAGE_SIZE)],
    env: cleanEnv({ PARSEC_API_BASE_URL: sim.url, PARSEC_API_KEY: sim.apiKey, PARSEC_TEAM_ID: sim.teamId }),
    timeoutMs: options.timeoutMs,
    onStderrLine: options.onStderrLine,
  });
  const simCpuAfter = sim.child.cpuMs();
  const line = child.stdout.trim().split("\n").pop() ?? "";
  if (child.exitCode !== 0 || !line.startsWith("{")) {
    throw new Error(`the fetch-only run failed (exit ${child.exitCode}):\n  ${child.stderrTail.slice(-10).join("\n  ")}`);
  }
  const out = JSON.parse(line) as { events: number; pages: number; ms: number };
  return {
    ...out,
    eventsPerSecond: (out.events / out.ms) * 1000,
    peakRssKb: child.peakRssKb,
    cpuMs: child.usage ? child.usage.userCpuMs + child.usage.systemCpuMs : null,
    simulatorCpuMs: simCpuBefore !== null && simCpuAfter !== null ? simCpuAfter - simCpuBefore : null,
  };
}

export function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

/**
 * Writes out every dirty page (sync(1)) before a timed phase: inserting is dominated by WAL writes
 * and checkpoints, and the last phase's write-back would otherwise slow the next one down.
 */
export function flushDisks(): void {
  try {
    execFileSync("sync");
  } catch {
    // Not worth failing a benchmark over: the figures are only a little noisier.
  }
}

function fileHasData(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function byTenth(samples: RssSample[], wallMs: number): (number | null)[] {
  const tenths: (number | null)[] = Array.from({ length: 10 }, () => null);
  for (const s of samples) {
    const i = Math.min(9, Math.floor((s.atMs / wallMs) * 10));
    tenths[i] = Math.max(tenths[i] ?? 0, s.rssKb);
  }
  return tenths;
}

/** At most one sample per `everyMs`, keeping the highest of each stretch. */
function thin(samples: RssSample[], everyMs: number): RssSample[] {
  const out: RssSample[] = [];
  for (const s of samples) {
    const last = out[out.length - 1];
    if (last && Math.floor(last.atMs / everyMs) === Math.floor(s.atMs / everyMs)) {
      if (s.rssKb > last.rssKb) out[out.length - 1] = { atMs: last.atMs, rssKb: s.rssKb };
    } else out.push(s);
  }
  return out;
}
