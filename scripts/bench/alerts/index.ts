// The alerts benchmark: the same backfill of a simulated history (default a million events) over
// loopback HTTP into a fresh database, in child processes started the same way, with the built-in
// alert rules off, on (enabled before the backfill, so that its history, older than the enabling,
// only has to be passed over), and evaluated on every event (enabled at the epoch: the worst case,
// reported beside the target). Target: with the rules on, the sync's throughput within 10% of off.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import { cleanEnv, runNode } from "../lib/child";
import { cachedHistoryFlagSpecs, historyFlags, wholeNumberFlag } from "../lib/flags";
import { int, percent, seconds, table } from "../lib/format";
import { startSimulatorProcess } from "../lib/simulatorProcess";
import { flushDisks, PAGE_SIZE, removeDatabase } from "../sync/phases";

const TARGET_MAX_COST = 0.1;
const MODES = ["off", "on", "every-event"] as const;

const optionsSchema = z.object({
  events: wholeNumberFlag("events", 1_000).default(1_000_000),
  ...historyFlags,
  "skip-every-event": z.boolean().default(false),
  rounds: wholeNumberFlag("rounds", 1, 20).default(3),
});
type Options = z.infer<typeof optionsSchema>;

interface Phase {
  mode: (typeof MODES)[number];
  events: number;
  pages: number;
  ms: number;
  cpuMs: number;
  alerts: number;
  eventsPerSecond: number;
  /** Events per second of the sync process's own CPU time. */
  eventsPerCpuSecond: number;
}

export const alertsBenchmark = defineBenchmark<Options>({
  name: "alerts",
  description: "sync throughput with the built-in alert rules on vs off (and evaluated on every event)",
  flags: {
    ...cachedHistoryFlagSpecs,
    events: { type: "string", help: "events in the history (default 1000000)" },
    "skip-every-event": { type: "boolean", help: "leave out the worst case (every event evaluated)" },
    rounds: { type: "string", help: "runs of each mode, interleaved, whose median counts (default 3): the machine's load varies" },
  },
  options: optionsSchema,
  run: runAlertsBenchmark,
});

async function runAlertsBenchmark(options: Options, ctx: BenchContext) {
  const startedAt = new Date();
  const workDir = mkdtempSync(path.join(tmpdir(), "bench-alerts-"));
  const loadBefore = loadavg();
  const history = { events: options.events, seed: options.seed, endAt: options["end-at"] };
  const runs: Phase[] = [];
  const errors: string[] = [];
  try {
    ctx.log(`${int(options.events)} events: starting the simulator`);
    const sim = await startSimulatorProcess(history, Math.max(1_000, ctx.deadline - performance.now()));
    try {
      const modes = MODES.filter((m) => !(options["skip-every-event"] && m === "every-event"));
      for (const [round, mode] of Array.from({ length: options.rounds }, (_, r) => modes.map((m) => [r, m] as const)).flat()) {
        const file = path.join(workDir, `${mode}-${round}.db`);
        ctx.log(`${int(options.events)} events: sync with the built-in rules ${mode} (round ${round + 1} of ${options.rounds})`);
        flushDisks();
        const child = await runNode({
          script: "scripts/bench/alerts/syncChild.ts",
          args: [file, mode, String(PAGE_SIZE)],
          env: cleanEnv({ PARSEC_API_BASE_URL: sim.url, PARSEC_API_KEY: sim.apiKey, PARSEC_TEAM_ID: sim.teamId }),
          timeoutMs: Math.max(1_000, ctx.deadline - performance.now()),
        });
        const line = child.stdout.trim().split("\n").pop() ?? "";
        if (child.exitCode !== 0 || !line.startsWith("{")) {
          throw new Error(`the sync with rules ${mode} failed (exit ${child.exitCode}):\n  ${child.stderrTail.slice(-10).join("\n  ")}`);
        }
        const out = JSON.parse(line) as Omit<Phase, "mode" | "eventsPerSecond" | "eventsPerCpuSecond">;
        runs.push({ mode, ...out, eventsPerSecond: (out.events / out.ms) * 1000, eventsPerCpuSecond: (out.events / out.cpuMs) * 1000 });
        removeDatabase(file);
      }
    } finally {
      await sim.stop();
    }
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  // Per mode, the run of median throughput.
  const phases = MODES.flatMap((mode) => {
    const of = runs.filter((r) => r.mode === mode).sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
    return of.length > 0 ? [of[Math.floor(of.length / 2)]!] : [];
  });
  const off = phases.find((p) => p.mode === "off");
  const cost = (mode: Phase["mode"]) => {
    const phase = phases.find((p) => p.mode === mode);
    return off && phase ? 1 - phase.eventsPerSecond / off.eventsPerSecond : null;
  };
  /** The same by CPU time: each mode's median run by events per CPU second. */
  const cpuCost = (mode: Phase["mode"]) => {
    const median = (m: Phase["mode"]) => {
      const of = runs
        .filter((r) => r.mode === m)
        .map((r) => r.eventsPerCpuSecond)
        .sort((a, b) => a - b);
      return of.length > 0 ? of[Math.floor(of.length / 2)]! : null;
    };
    const [base, with_] = [median("off"), median(mode)];
    return base !== null && with_ !== null ? 1 - with_ / base : null;
  };
  const onCost = cost("on");
  const on = phases.find((p) => p.mode === "on");
  const ok = errors.length === 0 && onCost !== null && onCost < TARGET_MAX_COST && on?.alerts === 0 && runs.every((p) => p.events === runs[0]!.events);
  const report = {
    benchmark: "alerts",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
    options: { ...options, "end-at": options["end-at"].toISOString(), pageSize: PAGE_SIZE },
    target: { maxCost: TARGET_MAX_COST },
    sync: phases,
    runs,
    onCost,
    onCpuCost: cpuCost("on"),
    everyEventCost: cost("every-event"),
    everyEventCpuCost: cpuCost("every-event"),
    errors,
    ok,
  };
  const lines = [`alerts: ${int(options.events)} events, pages of ${PAGE_SIZE}`];
  if (phases.length > 0) {
    lines.push(
      table(
        ["built-in rules (median run)", "events", "pages", "time", "events/s", "alerts fired", "cost", "events/CPU s", "CPU cost"],
        phases.map((p) => [
          p.mode,
          int(p.events),
          int(p.pages),
          seconds(p.ms),
          int(p.eventsPerSecond),
          int(p.alerts),
          p.mode === "off" ? "–" : percent(cost(p.mode) ?? 0),
          int(p.eventsPerCpuSecond),
          p.mode === "off" ? "–" : percent(cpuCost(p.mode) ?? 0),
        ]),
      ),
    );
  }
  if (onCost !== null) {
    lines.push(
      `rules on cost ${percent(onCost)} of sync throughput (target under ${percent(TARGET_MAX_COST)}: ${onCost < TARGET_MAX_COST ? "PASS" : "FAIL"}); ` +
        `a backfill of history older than the enabling fired ${int(on?.alerts ?? 0)} alerts (must be 0)`,
    );
  }
  if (errors.length > 0) lines.push(`errors:\n  ${errors.join("\n  ")}`);
  return { text: lines.join("\n\n"), report, ok };
}
