// The sync benchmark's targets and its summary for people.
import { cpus } from "node:os";
import path from "node:path";
import type { ProfileSummary } from "../lib/cpuProfile";
import { int, mb, passFail, percent, ratio, seconds, table } from "../lib/format";
import type { SizeResult, SyncBenchOptions } from "./index";
import { PAGE_SIZE, type SyncMeasurement } from "./phases";
import type { InsertPhaseResult } from "./rawInsert";

export const TARGETS = {
  /** Sync rate (wall, spawn to exit) at least this share of the baseline's, at the large size. */
  minRateRatio: 0.5,
  /** At every size. */
  maxPeakRssMb: 400,
  /** Peak RSS of the large run over the small one's: at most this much more... */
  maxGrowthShare: 0.1,
  /** ...or this many MB, whichever is larger (V8 sizes its heap with some slack). */
  maxGrowthMb: 25,
};

export interface Target {
  name: string;
  value: string;
  pass: boolean | null;
}

export interface ProfileRun {
  events: number;
  sync: SyncMeasurement;
  summary: ProfileSummary | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const maxOf = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? Math.max(...present) : null;
};

/** The figures of one size the summary and the targets use: medians over repetitions, worst peak RSS. */
export function summarize(r: SizeResult) {
  const syncRates = r.syncRuns.map((s) => s.eventsPerSecondWall).filter((v): v is number => v !== null);
  const rates = (runs: InsertPhaseResult[]) => runs.map((b) => b.eventsPerSecond);
  // The run whose rate is the median's, for the breakdown of its time.
  const typical = [...r.syncRuns].sort((a, b) => (a.eventsPerSecondWall ?? 0) - (b.eventsPerSecondWall ?? 0))[(r.syncRuns.length - 1) >> 1];
  const baseline = median(rates(r.baselineRuns));
  const direct = median(rates(r.storeDirectRuns));
  return {
    typical,
    syncRates,
    syncRate: median(syncRates),
    syncRunRate: median(r.syncRuns.map((s) => s.eventsPerSecondRun).filter((v): v is number => v !== null)),
    baselineRates: rates(r.baselineRuns),
    baselineRate: baseline,
    directRates: rates(r.storeDirectRuns),
    directRate: direct,
    rateRatio: median(r.rateRatios),
    directRatio: direct !== null && baseline !== null ? direct / baseline : null,
    peakRssKb: maxOf(r.syncRuns.map((s) => s.peakRssKb)),
  };
}

export function evaluateTargets(results: SizeResult[], options: SyncBenchOptions): Target[] {
  const largeResult = results.find((r) => r.requestedEvents === options.events);
  const smallResult = results.find((r) => r.requestedEvents === options.small);
  const large = largeResult && summarize(largeResult);
  const small = smallResult && summarize(smallResult);
  const at = `at ${int(options.events)} events`;
  const targets: Target[] = [];
  const r = large?.rateRatio ?? null;
  targets.push({
    name: `sync rate ≥ ${TARGETS.minRateRatio} × baseline rate, ${at}${options.repeat > 1 ? " (median)" : ""}`,
    value: r !== null ? `${ratio(r)} ×` : "–",
    pass: r !== null ? r >= TARGETS.minRateRatio : null,
  });
  // The cap holds at every size measured: the peak depends on GC timing as much as on the size.
  const peak = large?.peakRssKb ?? null;
  const peaks = results.map((x) => summarize(x).peakRssKb).filter((v): v is number => v !== null);
  const highest = peaks.length > 0 ? Math.max(...peaks) : null;
  targets.push({
    name: `sync peak RSS < ${TARGETS.maxPeakRssMb} MB, at every size (highest)`,
    value: mb(highest),
    pass: highest !== null && peaks.length === results.length ? highest / 1024 < TARGETS.maxPeakRssMb : null,
  });
  if (options.small > 0) {
    const smallPeak = small?.peakRssKb ?? null;
    const growthKb = peak !== null && smallPeak !== null ? peak - smallPeak : null;
    const allowedKb = smallPeak !== null ? Math.max(smallPeak * TARGETS.maxGrowthShare, TARGETS.maxGrowthMb * 1024) : null;
    const sign = (kb: number) => (kb >= 0 ? "+" : "−");
    targets.push({
      name: `peak RSS does not grow ${int(options.small)} → ${int(options.events)} events (≤ +${TARGETS.maxGrowthShare * 100}% or +${TARGETS.maxGrowthMb} MB)`,
      value:
        growthKb !== null && smallPeak !== null
          ? `${sign(growthKb)}${mb(Math.abs(growthKb))} (${sign(growthKb)}${percent(Math.abs(growthKb) / smallPeak)})`
          : "–",
      pass: growthKb !== null && allowedKb !== null ? growthKb <= allowedKb : null,
    });
  }
  return targets;
}

export function render(input: {
  results: SizeResult[];
  idle: { nodeKb: number | null; tsxKb: number | null };
  targets: Target[];
  profile: ProfileRun | null;
  options: SyncBenchOptions;
  errors: string[];
  workDir: string;
}): string {
  const { results, idle, targets, profile, options, errors } = input;
  const summaries = results.map((r) => ({ r, s: summarize(r) }));
  const col = (f: (x: (typeof summaries)[number]) => string) => summaries.map(f);
  /** A median, with the range when there were repetitions. */
  const spread = (value: number | null, all: number[], format: (n: number) => string) =>
    value === null ? "–" : all.length > 1 ? `${format(value)} [${format(Math.min(...all))}–${format(Math.max(...all))}]` : format(value);
  const t = (x: (typeof summaries)[number]) => x.s.typical;
  const rows: [string, ...string[]][] = [
    ["events (simulator ground truth)", ...col(({ r }) => (r.expectedEvents === null ? "–" : int(r.expectedEvents)))],
    [`sync wall time (spawn → exit)${options.repeat > 1 ? ", median run" : ""}`, ...col((x) => seconds(t(x)?.wallMs))],
    ["  startup (spawn → run recorded)", ...col((x) => seconds(t(x)?.startupMs))],
    ["  first page committed", ...col((x) => seconds(t(x)?.firstPageMs))],
    ["  run (recorded start → finish)", ...col((x) => seconds(t(x)?.runMs))],
    ["sync events/s (wall)", ...col(({ s }) => spread(s.syncRate, s.syncRates, int))],
    ["sync events/s (run only)", ...col(({ s }) => (s.syncRunRate === null ? "–" : int(s.syncRunRate)))],
    ["baseline events/s (convert + insert)", ...col(({ s }) => spread(s.baselineRate, s.baselineRates, int))],
    ["ratio sync / baseline (wall)", ...col(({ r, s }) => spread(s.rateRatio, r.rateRatios, ratio))],
    ["ratio sync / baseline (run only)", ...col(({ s }) => (s.syncRunRate !== null && s.baselineRate !== null ? ratio(s.syncRunRate / s.baselineRate) : "–"))],
    ...(options["store-direct"]
      ? ([
          ["storeEvents direct events/s (no HTTP)", ...col(({ s }) => spread(s.directRate, s.directRates, int))],
          ["ratio storeEvents direct / baseline", ...col(({ s }) => ratio(s.directRatio))],
        ] as [string, ...string[]][])
      : []),
    ["fetch-only events/s (HTTP + JSON)", ...col(({ r }) => (r.fetchOnly ? int(r.fetchOnly.eventsPerSecond) : "–"))],
    ["sync CPU user + system", ...col((x) => (t(x)?.cpuMs ? `${seconds(t(x)!.cpuMs!.user)} + ${seconds(t(x)!.cpuMs!.system)}` : "–"))],
    ["simulator CPU during the sync", ...col((x) => seconds(t(x)?.simulatorCpuMs))],
    [`sync peak RSS${options.repeat > 1 ? " (highest)" : ""}`, ...col(({ s }) => mb(s.peakRssKb))],
    ["  V8 heap at the highest RSS sample", ...col((x) => mb(t(x)?.memory?.atHighestSampledRss.heapTotalKb))],
    ["  external (buffers, wasm) there", ...col((x) => mb(t(x)?.memory?.atHighestSampledRss.externalKb))],
    ["fetch-only peak RSS", ...col(({ r }) => mb(r.fetchOnly?.peakRssKb))],
    ["simulator peak RSS", ...col(({ r }) => mb(r.simulator?.peakRssKb))],
    [
      "stored count = ground truth",
      ...col(({ r }) =>
        r.verify ? (r.verify.countOk ? `yes (${r.stored.length} databases)` : `NO: ${r.stored.map((x) => `${x.phase} ${int(x.count)}`).join(", ")}`) : "–",
      ),
    ],
    ["same content in all of them (sha256)", ...col(({ r }) => (r.verify ? (r.verify.contentOk ? "yes" : "NO") : "–"))],
  ];
  const lines = [
    `sync benchmark: backfill over loopback HTTP (quota off, pages of ${PAGE_SIZE}), seed ${options.seed}, history ending ${options["end-at"].toISOString()}` +
      (options.repeat > 1 ? `; ${options.repeat} sync/baseline pairs per size, medians [range]` : ""),
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}`,
    "",
    table(["", ...results.map((r) => `${int(r.requestedEvents)} events`)], rows),
    "",
    ...summaries.flatMap(({ r }) =>
      r.syncRuns.map(
        (run, i) =>
          `sync RSS by tenth of its run, ${int(r.requestedEvents)} events${r.syncRuns.length > 1 ? ` #${i + 1}` : ""} (MB): ` +
          run.rssByTenthKb.map((kb) => (kb === null ? "–" : Math.round(kb / 1024))).join(" "),
      ),
    ),
    `idle RSS for reference: node ${mb(idle.nodeKb)}, node --import tsx ${mb(idle.tsxKb)}`,
    "",
    table(
      ["target", "measured", ""],
      targets.map((target) => [target.name, target.value, passFail(target.pass)]),
    ),
  ];
  if (profile) lines.push("", ...renderProfile(profile));
  if (errors.length > 0) lines.push("", ...errors.map((e) => `ERROR: ${e}`));
  if (options["keep-db"]) lines.push("", `databases kept in ${input.workDir}`);
  return lines.join("\n");
}

function renderProfile(profile: ProfileRun): string[] {
  const s = profile.summary;
  const rate = profile.sync.eventsPerSecondWall;
  const lines = [
    `profiled sync, ${int(profile.events)} events (node --cpu-prof; ${rate ? int(rate) : "–"} events/s under the profiler)` +
      (s ? `: ${path.relative(process.cwd(), s.file)}, ${seconds(s.totalMs)} sampled` : ": no profile written"),
  ];
  if (s) {
    const shares = (rows: { name: string; ms: number; share: number }[]) => rows.map((x) => [x.name, seconds(x.ms), percent(x.share)]);
    lines.push("", table(["self time by area", "time", "share"], shares(s.byArea)));
    lines.push("", table(["self time by function", "time", "share"], shares(s.topSelf)));
    lines.push("", table(["our functions, inclusive time", "time", "share"], shares(s.topInclusive)));
  }
  return lines;
}
