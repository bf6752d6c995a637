// The forwarding benchmark: the stored events of the events benchmark's history (a million by
// default, built once under data/bench/) delivered by `npm run forward -- --once` to a local S3
// server (s3rver, in this process) and, in a second run, to a local HTTP sink, beside `npm run
// export` of the same events as the baseline, each in a child process of its own with its peak RSS.
// Then the production server (the build in .next) is asked for a few of the explorer's /events
// pages (the events benchmark's scenarios), idle, while a third `npm run forward` delivers the
// whole history to the HTTP sink again, and idle again after it, in turn, one request at a time.
// Every run is checked: the sink and the bucket must hold every stored event.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { setPriority } from "node:os";
import Database from "better-sqlite3";
import { z } from "zod";
import { startLocalS3, S3RVER_ENV } from "@/lib/integrations/destinations/s3/testing";
import { makeTempDir } from "@/lib/store/testing";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import { benchSession, idleBusyTiming, requireProductionBuild, sampleRounds, startBenchServer, type IdleBusyTiming } from "../lib/benchHttp";
import { cleanEnv, NodeChild, runNode, type ChildResult, type ProcessUsage } from "../lib/child";
import { cachedHistoryFlagSpecs, historyFlags, wholeNumberFlag } from "../lib/flags";
import { int, mb, passFail, ratio, seconds, table } from "../lib/format";
import { ensureBenchDatabase } from "../events/benchDatabase";
import { scenarios } from "../events/scenarios";

const optionsSchema = z.object({
  events: wholeNumberFlag("events", 1_000).default(1_000_000),
  ...historyFlags,
  "idle-seconds": wholeNumberFlag("idle-seconds", 1, 600).default(15),
});
type ForwardBenchOptions = z.infer<typeof optionsSchema>;

/**
 * The targets: at least half the export's rate, peak RSS under 300 MB, and /events p95
 * while forwarding within 10% of its p95 idle.
 */
export const TARGETS = { minRateRatio: 0.5, maxRssMb: 300, maxPagesP95Ratio: 1.1 } as const;
const WARMUP_ROUNDS = 3;

interface Phase {
  name: string;
  events: number;
  wallMs: number;
  eventsPerSecond: number;
  peakRssKb: number | null;
  exitCode: number | null;
  /** Where the RSS went (V8 heap, buffers), from the child's own samples. */
  memory: ProcessUsage["memory"] | null;
}

interface PageResult extends IdleBusyTiming {
  name: string;
  path: string;
}

/**
 * Every /events request together (idle before and after, and while forwarding), and each page's.
 * The target is each page's: the slowest page's times make most of the pooled p95.
 */
interface PagesResult extends IdleBusyTiming {
  pages: PageResult[];
  /** The forward that ran beside the pages. */
  forward: Phase;
  sinkGotEveryEvent: boolean;
}

export const forwardBenchmark = defineBenchmark<ForwardBenchOptions>({
  name: "forward",
  description:
    "npm run forward to a local S3 server and to an HTTP sink, vs. npm run export of the same events; /events p95 (production server) idle and while npm run forward runs",
  flags: {
    ...cachedHistoryFlagSpecs,
    "idle-seconds": { type: "string", help: "how long the /events pages are asked for before the forward beside them, and again after it (default 15)" },
  },
  options: optionsSchema,
  run: runForwardBenchmark,
});

function phaseOf(name: string, result: ChildResult, events: number): Phase {
  if (result.exitCode !== 0) throw new Error(`${name} exited ${result.exitCode ?? result.signal}: ${result.stderrTail.join("\n")}`);
  return {
    name,
    events,
    wallMs: result.wallMs,
    eventsPerSecond: events / (result.wallMs / 1000),
    peakRssKb: result.peakRssKb,
    exitCode: result.exitCode,
    memory: result.usage?.memory ?? null,
  };
}

interface HttpSink {
  /** The URL to POST to. */
  url: string;
  /** NDJSON lines received so far. */
  lines(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A local HTTP sink that answers every POST 200 and counts the NDJSON lines it was sent (`GET
 * /lines` tells how many), in a process of its own, so that its work does not queue in front of
 * the page timings of this process's event loop. Beside the pages it runs at nice 19: it stands
 * for a collector on another machine, and should take the CPU from neither the forward nor the
 * server (as the backfill benchmark's simulator stands for Parsec's servers).
 */
async function startHttpSink(ctx: BenchContext, niceness = 0): Promise<HttpSink> {
  const child = NodeChild.start({
    noTsx: true,
    eval: `let lines = 0;
      const server = require("node:http").createServer((request, response) => {
        if (request.method === "GET") return response.writeHead(200).end(String(lines));
        request.on("data", (chunk) => { for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1; });
        request.on("end", () => response.writeHead(200).end());
      });
      server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
      process.on("SIGTERM", () => { server.closeAllConnections(); server.close(() => process.exit(0)); });`,
    env: cleanEnv({}),
    timeoutMs: Math.max(60_000, ctx.deadline - performance.now()),
  });
  if (niceness !== 0) setPriority(child.pid, niceness);
  const port = await child.waitForStdout((stdout) => /^port (\d+)$/m.exec(stdout)?.[1], 10_000);
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/ingest`,
    lines: async () => Number(await (await fetch(`${base}/lines`)).text()),
    close: () => child.stop().then(() => undefined),
  };
}

/** An integrations file of one HTTP destination that delivers to `url`. */
function httpIntegrations(file: string, name: string, url: string): string {
  writeFileSync(file, JSON.stringify({ destinations: [{ name, type: "http", url, batchSize: 500 }] }));
  return file;
}

async function runForwardBenchmark(options: ForwardBenchOptions, ctx: BenchContext) {
  requireProductionBuild();
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
  let pages: PagesResult;
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

    const sink = await startHttpSink(ctx);
    try {
      const integrations = httpIntegrations(dir.file("http.json"), "bench-http", sink.url);
      ctx.log("forward to the HTTP sink");
      phases.push(
        phaseOf(
          "forward → HTTP sink",
          await runNode({ script: "scripts/forward.ts", args: ["--once"], env: env({ INTEGRATIONS_FILE: integrations }), timeoutMs }),
          stored,
        ),
      );
      checks.httpAll = (await sink.lines()) === stored;
    } finally {
      await sink.close();
    }

    pages = await measurePagesWhileForwarding(file, stored, dir.file("pages.json"), env, options, ctx);
    checks.httpAllBesidePages = pages.sinkGotEveryEvent;
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
  const ms = (n: number) => n.toFixed(1);
  const atPeak = (phase: Phase) => phase.memory?.atHighestSampledRss;
  const text = [
    `Forwarding ${int(stored)} stored events (${path.basename(file)}); targets: rate >= ${TARGETS.minRateRatio} x export, RSS < ${TARGETS.maxRssMb} MB`,
    table(
      ["phase", "wall", "events/s", "x export", "peak RSS", "heap / external at peak", "rate", "RSS"],
      rows.map((r) => [
        r.name,
        seconds(r.wallMs),
        int(r.eventsPerSecond),
        ratio(r.rateRatio),
        mb(r.peakRssKb),
        atPeak(r) ? `${mb(atPeak(r)!.heapTotalKb)} / ${mb(atPeak(r)!.externalKb)}` : "–",
        passFail(r.meetsRate),
        passFail(r.meetsRss),
      ]),
    ),
    `every event arrived: S3 exactly once by id ${passFail(checks.s3ExactlyOnce ?? false)}, HTTP sink ${passFail(checks.httpAll ?? false)}, HTTP sink beside the pages ${passFail(checks.httpAllBesidePages ?? false)}`,
    "",
    `/events while npm run forward delivers the ${int(stored)} events to the HTTP sink again (${seconds(pages.forward.wallMs)}, ${int(pages.forward.eventsPerSecond)} events/s); ` +
      `target: each page's p95 within ${TARGETS.maxPagesP95Ratio}x of its idle p95 (${passFail(pages.meetsTarget)}; idle: ${options["idle-seconds"]} s before and ${options["idle-seconds"]} s after it, together)`,
    table(
      ["page", "idle p50", "idle p95", "forwarding p50", "forwarding p95", "p95 ratio"],
      [
        ...pages.pages.map((p) => [p.name, ms(p.idle.p50), ms(p.idle.p95), ms(p.busy.p50), ms(p.busy.p95), `${ratio(p.ratioP95)} ${passFail(p.meetsTarget)}`]),
        [
          `all ${pages.pages.length} pages (${pages.idle.samples} idle / ${pages.busy.samples} forwarding)`,
          ms(pages.idle.p50),
          ms(pages.idle.p95),
          ms(pages.busy.p50),
          ms(pages.busy.p95),
          ratio(pages.ratioP95),
        ],
      ],
    ),
    `idle p95 before/after: ${ms(pages.idleBefore.p95)}/${ms(pages.idleAfter.p95)}. Times in ms: GET over HTTP to the production server as a signed-in admin, whole body read, one request at a time, the pages in turn.`,
  ].join("\n");
  return {
    text,
    report: { benchmark: "forward", options: { ...options, "end-at": options["end-at"].toISOString() }, stored, targets: TARGETS, phases: rows, pages, checks },
    ok: Object.values(checks).every(Boolean),
  };
}

/**
 * The explorer's indexed /events pages (the events benchmark's scenarios, free text left out),
 * asked for in turn from the production server: idle, then while `npm run forward -- --once`
 * delivers every stored event to an HTTP sink (a destination of its own, from the beginning),
 * then idle again, so that a drift of the machine does not read as the forward's cost.
 */
async function measurePagesWhileForwarding(
  file: string,
  stored: number,
  integrationsFile: string,
  env: (extra?: Record<string, string>) => NodeJS.ProcessEnv,
  options: ForwardBenchOptions,
  ctx: BenchContext,
): Promise<PagesResult> {
  const session = await benchSession(file);
  const pageScenarios = (() => {
    const sqlite = new Database(file, { readonly: true });
    try {
      return scenarios(sqlite).filter((scenario) => scenario.kind === "indexed" && scenario.path.startsWith("/events?"));
    } finally {
      sqlite.close();
    }
  })();
  const sink = await startHttpSink(ctx, 19);
  // The server forwards nothing itself: only the npm run forward beside it does.
  const server = await startBenchServer(file, ctx, { INTEGRATIONS_FILE: "" });
  try {
    const requests = pageScenarios.map((scenario) => ({ url: server.base + scenario.path, session }));
    await sampleRounds(requests, { rounds: WARMUP_ROUNDS });
    ctx.log(`/events idle for ${options["idle-seconds"]} s (${requests.length} pages in turn)`);
    const idleBefore = await sampleRounds(requests, { ms: options["idle-seconds"] * 1000 });

    const integrations = httpIntegrations(integrationsFile, "bench-http-pages", sink.url);
    ctx.log("/events while npm run forward delivers to the HTTP sink");
    const forward = NodeChild.start({
      script: "scripts/forward.ts",
      args: ["--once"],
      env: env({ INTEGRATIONS_FILE: integrations }),
      timeoutMs: Math.max(60_000, ctx.deadline - performance.now()),
    });
    let forwarding = true;
    void forward.done.then(() => (forwarding = false));
    const busy = await sampleRounds(requests, { stop: () => !forwarding });
    const forwardPhase = phaseOf("forward → HTTP sink, beside the pages", await forward.done, stored);
    const sinkGotEveryEvent = (await sink.lines()) === stored;
    if (busy.some((samples) => samples.length === 0))
      throw new Error("npm run forward ended before every page was asked for once beside it: give --events more");

    ctx.log(`/events idle again for ${options["idle-seconds"]} s`);
    const idleAfter = await sampleRounds(requests, { ms: options["idle-seconds"] * 1000 });

    const pages = pageScenarios.map((scenario, i) => ({
      name: scenario.name,
      path: scenario.path,
      ...idleBusyTiming(idleBefore[i]!, idleAfter[i]!, busy[i]!, TARGETS.maxPagesP95Ratio),
    }));
    return {
      ...idleBusyTiming(idleBefore.flat(), idleAfter.flat(), busy.flat(), TARGETS.maxPagesP95Ratio),
      meetsTarget: pages.every((page) => page.meetsTarget),
      pages,
      forward: forwardPhase,
      sinkGotEveryEvent,
    };
  } finally {
    await server.stop();
    await sink.close();
  }
}
