// The events explorer benchmark: the production server (`npm start`'s scripts/serve.mjs, the build in .next) over a
// database of a simulated history (a million events by default, built once and kept under
// data/bench/), asked for /events with each scenario's filters over HTTP, beside the SQL behind
// each answer run directly with better-sqlite3 in this process, in the same run and alternating,
// so that the ratio holds on a noisy machine.
import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { defineBenchmark, type BenchContext } from "../lib/benchmark";
import {
  benchSession,
  requireProductionBuild,
  startBenchServer,
  benchRequest,
  timeRequestsBesideDirect,
  timing,
  type BenchSession,
  type Timing,
} from "../lib/benchHttp";
import { cachedHistoryFlagSpecs, historyFlags, wholeNumberFlag } from "../lib/flags";
import { REPO_ROOT } from "../lib/child";
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

/** A page of /events with its facets and without them (a second server, FACETS=off), requested in turn. */
interface FacetsResult {
  name: string;
  withFacets: Timing;
  withoutFacets: Timing;
  /** p95 with / p95 without. */
  ratioP95: number;
  /** The same SQL run directly: the page's reads with the facets, p95 / without, p95. */
  rawRatioP95: number;
}

export const eventsBenchmark = defineBenchmark<EventsBenchOptions>({
  name: "events",
  description:
    "/events over HTTP (the production server) for each filter, the free-text search and the histogram, vs. the same SQL run directly; each page with its facets vs. a server without (FACETS=off)",
  flags: {
    ...cachedHistoryFlagSpecs,
    requests: { type: "string", help: "timed requests per scenario, and as many raw runs (default 40)" },
  },
  options: optionsSchema,
  run: runEventsBenchmark,
});

async function runEventsBenchmark(options: EventsBenchOptions, ctx: BenchContext) {
  const buildId = requireProductionBuild();
  const history = { events: options.events, seed: options.seed, endAt: options["end-at"] };
  const { file, builtMs } = await ensureBenchDatabase(history, ctx.log);
  if (builtMs !== null) ctx.log(`built in ${(builtMs / 1000).toFixed(0)} s`);
  const session = await benchSession(file);
  const sizeMb = statSync(file).size / 2 ** 20;

  const server = await startBenchServer(file, ctx);
  const withoutFacets = await startBenchServer(file, ctx, { FACETS: "off" });
  const base = server.base;
  const raw = new Database(file, { readonly: true });
  const results: ScenarioResult[] = [];
  const facets: FacetsResult[] = [];
  try {
    for (const scenario of scenarios(raw)) {
      if (performance.now() > ctx.deadline) throw new Error("the time budget ran out");
      ctx.log(`${scenario.name}: ${scenario.path}`);
      results.push(await measure(scenario, base, session, raw, options.requests));
      if (scenario.rawWithoutFacets) facets.push(await measureFacets(scenario, [base, withoutFacets.base], session, raw, options.requests));
    }
  } finally {
    raw.close();
    await Promise.all([server.stop(), withoutFacets.stop()]);
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
    facets,
  };
  return { text: render(results, facets, options, sizeMb, clientJs), report, ok: true };
}

async function measure(scenario: Scenario, base: string, session: BenchSession, sqlite: Database.Database, requests: number): Promise<ScenarioResult> {
  const {
    server,
    direct: rawTiming,
    responseBytes,
  } = await timeRequestsBesideDirect(base + scenario.path, session, () => scenario.raw(sqlite), requests, WARMUP);
  const ratioP95 = server.p95 / rawTiming.p95;
  const meetsTarget =
    scenario.kind === "floor"
      ? true
      : scenario.kind === "indexed"
        ? server.p95 < TARGETS.indexedP95Ms && ratioP95 <= TARGETS.indexedRatio
        : server.p95 < TARGETS.searchP95Ms;
  return { name: scenario.name, kind: scenario.kind, path: scenario.path, server, raw: rawTiming, ratioP95, responseBytes, meetsTarget };
}

async function measureFacets(
  scenario: Scenario,
  bases: readonly [string, string],
  session: BenchSession,
  sqlite: Database.Database,
  requests: number,
): Promise<FacetsResult> {
  // One round: the page from each server, then its SQL with and without the facets; in turn, so
  // that a drift of the machine affects all four alike (and no connection idles long enough to be closed).
  const samples: [number[], number[], number[], number[]] = [[], [], [], []];
  const runs = [
    () => benchRequest(bases[0] + scenario.path, session),
    () => benchRequest(bases[1] + scenario.path, session),
    () => scenario.raw(sqlite),
    () => scenario.rawWithoutFacets!(sqlite),
  ];
  for (let i = 0; i < WARMUP + requests; i++) {
    for (const [which, run] of runs.entries()) {
      const started = performance.now();
      await run();
      if (i >= WARMUP) samples[which]!.push(performance.now() - started);
    }
  }
  const [withFacets, withoutFacets, rawWith, rawWithout] = samples.map(timing) as [Timing, Timing, Timing, Timing];
  return { name: scenario.name, withFacets, withoutFacets, ratioP95: withFacets.p95 / withoutFacets.p95, rawRatioP95: rawWith.p95 / rawWithout.p95 };
}

/** The budget for the page's browser code, gzipped. */
const CLIENT_JS_BUDGET_BYTES = 200 * 1024;

function render(results: ScenarioResult[], facets: FacetsResult[], options: EventsBenchOptions, sizeMb: number, clientJs: ClientJs): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (n: number) => n.toFixed(1);
  return [
    `events explorer: ${int(options.events)} events (${int(sizeMb)} MB database), ${options.requests} requests per scenario after ${WARMUP} warm-up`,
    `targets: indexed p95 < ${TARGETS.indexedP95Ms} ms and ≤ ${TARGETS.indexedRatio}x raw; free text p95 < ${TARGETS.searchP95Ms} ms`,
    "",
    table(
      ["scenario", "server p50", "server p95", "raw p50", "raw p95", "p95 ratio", "answer", "target"],
      results.map((r) =>
        r.kind === "floor"
          ? [r.name, ms(r.server.p50), ms(r.server.p95), "–", "–", "–", kb(r.responseBytes), "–"]
          : [
              r.name,
              ms(r.server.p50),
              ms(r.server.p95),
              ms(r.raw.p50),
              ms(r.raw.p95),
              ratio(r.ratioP95),
              kb(r.responseBytes),
              r.meetsTarget ? "met" : "MISSED",
            ],
      ),
    ),
    "",
    "Times in ms. Server: GET over HTTP to the production server, whole body read (answer: its size). Raw: the same SQL statements run directly with better-sqlite3.",
    "Floor: /admin/password, a signed-in page that reads nothing but the session: what every page costs before its own queries.",
    "",
    table(
      ["page with facets vs without", "with p50", "with p95", "without p50", "without p95", "p95 ratio", "raw p95 ratio"],
      facets.map((r) => [
        r.name,
        ms(r.withFacets.p50),
        ms(r.withFacets.p95),
        ms(r.withoutFacets.p50),
        ms(r.withoutFacets.p95),
        ratio(r.ratioP95),
        ratio(r.rawRatioP95),
      ]),
    ),
    "",
    "With: the server above; without: a second one on the same database with FACETS=off, asked in turn. Raw: the page's SQL run directly, with and without the facets' reads.",
    "",
    `client JavaScript for /events: ${kb(clientJs.gzippedBytes)} gzipped (${kb(clientJs.withPolyfillsBytes)} with the legacy polyfills); ` +
      `budget ${kb(CLIENT_JS_BUDGET_BYTES)}: ${clientJs.withPolyfillsBytes < CLIENT_JS_BUDGET_BYTES ? "met" : "MISSED"}`,
  ].join("\n");
}
