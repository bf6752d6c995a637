// The events explorer benchmark: a production server (`next start`, the build in .next) over a
// database of a simulated history (a million events by default, built once and kept under
// data/bench/), asked for /events with each scenario's filters over HTTP, beside the SQL behind
// each answer run directly with better-sqlite3 in this process, in the same run and alternating,
// so that the ratio holds on a noisy machine.
import { existsSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import { benchRequest, benchSession, type BenchSession } from "../lib/benchHttp";
import { historyFlags, wholeNumberFlag } from "../lib/flags";
import { cleanEnv, NodeChild, REPO_ROOT } from "../lib/child";
import { int, ratio, table } from "../lib/format";
import { ensureBenchDatabase } from "./benchDatabase";
import { measureClientJs, type ClientJs } from "./clientJs";
import { scenarios, type Scenario } from "./scenarios";

const optionsSchema = z.object({
  events: wholeNumberFlag("events", 1_000).default(1_000_000),
  ...historyFlags,
  requests: wholeNumberFlag("requests", 5, 10_000).default(40),
});
export type EventsBenchOptions = z.infer<typeof optionsSchema>;

/** The targets: p95 under 100 ms and within 3x of the raw SQL for indexed filters; free text under 500 ms. */
export const TARGETS = { indexedP95Ms: 100, indexedRatio: 3, searchP95Ms: 500 } as const;
const WARMUP = 3;

interface Timing {
  p50: number;
  p95: number;
  max: number;
}

interface ScenarioResult {
  name: string;
  kind: Scenario["kind"];
  path: string;
  server: Timing;
  raw: Timing;
  /** server p95 / raw p95. */
  ratioP95: number;
  responseBytes: number;
  meetsTarget: boolean;
}

export const eventsBenchmark = defineBenchmark<EventsBenchOptions>({
  name: "events",
  description: "/events over HTTP (next start) for each filter, the free-text search and the histogram, vs. the same SQL run directly",
  flags: {
    events: { type: "string", help: "events in the history (default 1000000; the database is built once and kept under data/bench/)" },
    seed: { type: "string", help: "simulator seed (default 1)" },
    "end-at": { type: "string", help: "end of the simulated history (default 2025-06-01T00:00:00Z)" },
    requests: { type: "string", help: "timed requests per scenario, and as many raw runs (default 40)" },
  },
  options: optionsSchema,
  run: runEventsBenchmark,
});

async function runEventsBenchmark(options: EventsBenchOptions, ctx: BenchContext) {
  const buildId = path.join(REPO_ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) throw new Error("no production build in .next: run npm run build first");
  const history = { events: options.events, seed: options.seed, endAt: options["end-at"] };
  const { file, builtMs } = await ensureBenchDatabase(history, ctx.log);
  if (builtMs !== null) ctx.log(`built in ${(builtMs / 1000).toFixed(0)} s`);
  const session = await benchSession(file);
  const sizeMb = statSync(file).size / 2 ** 20;

  const port = await freePort();
  ctx.log(`starting next start on port ${port}`);
  const server = NodeChild.start({
    script: "node_modules/next/dist/bin/next",
    noTsx: true,
    args: ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    env: cleanEnv({ DATABASE_URL: `file:${file}`, SYNC_INTERVAL_SECONDS: "0", NEXT_TELEMETRY_DISABLED: "1" }),
    timeoutMs: Math.max(60_000, ctx.deadline - performance.now()),
  });
  const base = `http://127.0.0.1:${port}`;
  const raw = new Database(file, { readonly: true });
  const results: ScenarioResult[] = [];
  try {
    await waitForServer(base, ctx);
    for (const scenario of scenarios(raw)) {
      if (performance.now() > ctx.deadline) throw new Error("the time budget ran out");
      ctx.log(`${scenario.name}: ${scenario.path}`);
      results.push(await measure(scenario, base, session, raw, options.requests));
    }
  } finally {
    raw.close();
    await server.stop();
  }

  const clientJs = measureClientJs();
  const report = {
    benchmark: "events",
    clientJs,
    options: { ...options, "end-at": options["end-at"].toISOString() },
    database: { file: path.relative(REPO_ROOT, file), sizeMb: Math.round(sizeMb), builtMs },
    build: { id: statSync(buildId).mtime.toISOString() },
    targets: TARGETS,
    scenarios: results,
  };
  return { text: render(results, options, sizeMb, clientJs), report, ok: true };
}

/** Alternates one request and one raw run, so that a drift of the machine affects both alike. */
async function measure(scenario: Scenario, base: string, session: BenchSession, sqlite: Database.Database, requests: number): Promise<ScenarioResult> {
  const serverMs: number[] = [];
  const rawMs: number[] = [];
  let responseBytes = 0;
  for (let i = 0; i < WARMUP + requests; i++) {
    let started = performance.now();
    const answer = await benchRequest(base + scenario.path, session);
    const serverTime = performance.now() - started;
    started = performance.now();
    await scenario.raw(sqlite);
    const rawTime = performance.now() - started;
    if (i < WARMUP) continue;
    serverMs.push(serverTime);
    rawMs.push(rawTime);
    responseBytes = answer.bytes;
  }
  const server = timing(serverMs);
  const rawTiming = timing(rawMs);
  const ratioP95 = server.p95 / rawTiming.p95;
  const meetsTarget =
    scenario.kind === "indexed" ? server.p95 < TARGETS.indexedP95Ms && ratioP95 <= TARGETS.indexedRatio : server.p95 < TARGETS.searchP95Ms;
  return { name: scenario.name, kind: scenario.kind, path: scenario.path, server, raw: rawTiming, ratioP95, responseBytes, meetsTarget };
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

/** The budget for the page's browser code, gzipped. */
const CLIENT_JS_BUDGET_BYTES = 200 * 1024;

function render(results: ScenarioResult[], options: EventsBenchOptions, sizeMb: number, clientJs: ClientJs): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (n: number) => n.toFixed(1);
  return [
    `events explorer: ${int(options.events)} events (${int(sizeMb)} MB database), ${options.requests} requests per scenario after ${WARMUP} warm-up`,
    `targets: indexed p95 < ${TARGETS.indexedP95Ms} ms and ≤ ${TARGETS.indexedRatio}x raw; free text p95 < ${TARGETS.searchP95Ms} ms`,
    "",
    table(
      ["scenario", "server p50", "server p95", "raw p50", "raw p95", "p95 ratio", "target"],
      results.map((r) => [r.name, ms(r.server.p50), ms(r.server.p95), ms(r.raw.p50), ms(r.raw.p95), ratio(r.ratioP95), r.meetsTarget ? "met" : "MISSED"]),
    ),
    "",
    "Times in ms. Server: GET over HTTP to next start, whole body read. Raw: the same SQL statements run directly with better-sqlite3.",
    "",
    `client JavaScript for /events: ${kb(clientJs.gzippedBytes)} gzipped (${kb(clientJs.withPolyfillsBytes)} with the legacy polyfills); ` +
      `budget ${kb(CLIENT_JS_BUDGET_BYTES)}: ${clientJs.withPolyfillsBytes < CLIENT_JS_BUDGET_BYTES ? "met" : "MISSED"}`,
  ].join("\n");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForServer(base: string, ctx: BenchContext): Promise<void> {
  const until = performance.now() + 120_000;
  for (;;) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > Math.min(until, ctx.deadline)) throw new Error("next start did not answer /api/health within 2 minutes");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
