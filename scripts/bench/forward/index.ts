// The forwarding benchmark: the stored events of the events benchmark's history (a million by
// default, built once under data/bench/) delivered by `npm run forward -- --once` to a local S3
// server (s3rver, in this process) and, in a second run, to a local HTTP sink, beside `npm run
// export` of the same events as the baseline, each in a child process of its own with its peak RSS.
// Every run is checked: the sink and the bucket must hold every stored event.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { startLocalS3, S3RVER_ENV } from "@/lib/integrations/destinations/s3/testing";
import { makeTempDir } from "@/lib/store/testing";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import { cleanEnv, runNode, type ChildResult } from "../lib/child";
import { cachedHistoryFlagSpecs, historyFlags, wholeNumberFlag } from "../lib/flags";
import { int, mb, passFail, ratio, seconds, table } from "../lib/format";
import { ensureBenchDatabase } from "../events/benchDatabase";

const optionsSchema = z.object({
  events: wholeNumberFlag("events", 1_000).default(1_000_000),
  ...historyFlags,
});
type ForwardBenchOptions = z.infer<typeof optionsSchema>;

/** The targets: at least half the export's rate, peak RSS under 300 MB. */
export const TARGETS = { minRateRatio: 0.5, maxRssMb: 300 } as const;

interface Phase {
  name: string;
  events: number;
  wallMs: number;
  eventsPerSecond: number;
  peakRssKb: number | null;
  exitCode: number | null;
}

export const forwardBenchmark = defineBenchmark<ForwardBenchOptions>({
  name: "forward",
  description: "npm run forward to a local S3 server and to an HTTP sink, vs. npm run export of the same events",
  flags: { ...cachedHistoryFlagSpecs },
  options: optionsSchema,
  run: runForwardBenchmark,
});

function phaseOf(name: string, result: ChildResult, events: number): Phase {
  if (result.exitCode !== 0) throw new Error(`${name} exited ${result.exitCode ?? result.signal}: ${result.stderrTail.join("\n")}`);
  return { name, events, wallMs: result.wallMs, eventsPerSecond: events / (result.wallMs / 1000), peakRssKb: result.peakRssKb, exitCode: result.exitCode };
}

async function runForwardBenchmark(options: ForwardBenchOptions, ctx: BenchContext) {
  const { file } = await ensureBenchDatabase({ events: options.events, seed: options.seed, endAt: options["end-at"] }, ctx.log);
  const stored = (() => {
    const sqlite = new Database(file);
    try {
      // Each run starts its destinations from the beginning of the history.
      sqlite.prepare(`DELETE FROM "IntegrationState" WHERE "name" LIKE 'bench-%'`).run();
      return (sqlite.prepare(`SELECT count(*) AS n FROM "Event"`).get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  })();
  const dir = makeTempDir("parsec-viewer-bench-forward-");
  const timeoutMs = Math.max(60_000, ctx.deadline - performance.now());
  const env = (extra: Record<string, string> = {}) => cleanEnv({ DATABASE_URL: `file:${file}`, NEXT_TELEMETRY_DISABLED: "1", ...extra });
  const phases: Phase[] = [];
  const checks: Record<string, boolean> = {};
  try {
    ctx.log(`export of ${int(stored)} events (the baseline)`);
    phases.push(phaseOf("npm run export", await runNode({ script: "scripts/export.ts", args: ["--format", "ndjson"], env: env(), timeoutMs }), stored));

    const s3 = await startLocalS3("bench");
    try {
      const integrations = dir.file("s3.json");
      writeFileSync(integrations, JSON.stringify({ destinations: [s3.entry({ name: "bench-s3" })] }));
      ctx.log("forward to the local S3 server");
      phases.push(
        phaseOf(
          "forward → S3 (s3rver)",
          await runNode({ script: "scripts/forward.ts", args: ["--once"], env: env({ INTEGRATIONS_FILE: integrations, ...S3RVER_ENV }), timeoutMs }),
          stored,
        ),
      );
      const objects = await s3.objects();
      const ids = objects.flatMap((object) => object.lines.map((line) => (JSON.parse(line) as { id: string }).id));
      checks.s3ExactlyOnce = ids.length === stored && new Set(ids).size === stored;
    } finally {
      await s3.close();
    }

    let lines = 0;
    const sink = createServer((request, response) => {
      request.on("data", (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 10) lines += 1;
      });
      request.on("end", () => response.writeHead(200).end());
    });
    await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
    try {
      const integrations = dir.file("http.json");
      const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/ingest`;
      writeFileSync(integrations, JSON.stringify({ destinations: [{ name: "bench-http", type: "http", url, batchSize: 500 }] }));
      ctx.log("forward to the HTTP sink");
      phases.push(
        phaseOf(
          "forward → HTTP sink",
          await runNode({ script: "scripts/forward.ts", args: ["--once"], env: env({ INTEGRATIONS_FILE: integrations }), timeoutMs }),
          stored,
        ),
      );
      checks.httpAll = lines === stored;
    } finally {
      sink.closeAllConnections();
      await new Promise((resolve) => sink.close(resolve));
    }
  } finally {
    dir.remove();
  }

  const baseline = phases[0]!;
  const rows = phases.map((phase) => ({
    ...phase,
    rateRatio: phase.eventsPerSecond / baseline.eventsPerSecond,
    meetsRate: phase === baseline ? null : phase.eventsPerSecond / baseline.eventsPerSecond >= TARGETS.minRateRatio,
    meetsRss: phase === baseline ? null : (phase.peakRssKb ?? Infinity) / 1024 < TARGETS.maxRssMb,
  }));
  const text = [
    `Forwarding ${int(stored)} stored events (${path.basename(file)}); targets: rate >= ${TARGETS.minRateRatio} x export, RSS < ${TARGETS.maxRssMb} MB`,
    table(
      ["phase", "wall", "events/s", "x export", "peak RSS", "rate", "RSS"],
      rows.map((r) => [r.name, seconds(r.wallMs), int(r.eventsPerSecond), ratio(r.rateRatio), mb(r.peakRssKb), passFail(r.meetsRate), passFail(r.meetsRss)]),
    ),
    `every event arrived: S3 exactly once by id ${passFail(checks.s3ExactlyOnce ?? false)}, HTTP sink ${passFail(checks.httpAll ?? false)}`,
  ].join("\n");
  return {
    text,
    report: { benchmark: "forward", options: { ...options, "end-at": options["end-at"].toISOString() }, stored, targets: TARGETS, phases: rows, checks },
    ok: Object.values(checks).every(Boolean),
  };
}
