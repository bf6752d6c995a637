// Every HTTP request a benchmark makes to the app goes through `benchRequest`, so that whatever a
// request needs to be let in (today: an admin's session cookie, see `benchSession`) is added in
// one place, and an answer that is not the page (a redirect to sign-in, an error) fails the
// benchmark instead of being timed as if it were.
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { openDatabase } from "@/lib/store/client";
import { ensureInitialAdmin } from "@/lib/auth/adminAccounts";
import { SESSION_COOKIE } from "@/lib/auth/sessionCookie";
import { createSession } from "@/lib/auth/sessions";
import type { BenchContext } from "./benchmark";
import { cleanEnv, NodeChild, REPO_ROOT } from "./child";

export interface BenchSession {
  /** The Cookie header value that signs the requests in. */
  cookie: string;
}

const BENCH_ADMIN = { email: "bench@localhost", password: "bench-only-password-0123456789" };

/**
 * A signed-in admin for the benchmark's requests: the database's first admin (created as the
 * server's first start would, when there is none) with a fresh session written straight into the
 * database, as signing in would write it.
 */
export async function benchSession(databaseFile: string): Promise<BenchSession> {
  const db = await openDatabase(databaseFile);
  try {
    await ensureInitialAdmin(db, BENCH_ADMIN);
    const admin = await db.adminAccount.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
    await db.adminAccount.update({ where: { id: admin.id }, data: { mustChangePassword: false } });
    const { token } = await createSession(db, admin.id, "password", { idleMs: 3_600_000, maxMs: 12 * 3_600_000 });
    return { cookie: `${SESSION_COOKIE}=${token}` };
  } finally {
    await db.$disconnect();
  }
}

/** GET `url` as the benchmark's admin; the whole body is read, and anything but a 200 is an error. */
export async function benchRequest(url: string, session: BenchSession | null): Promise<{ status: number; bytes: number; body: string }> {
  const response = await fetch(url, { redirect: "manual", headers: session ? { cookie: session.cookie } : {} });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(
      `GET ${url} answered ${response.status}${response.headers.get("location") ? ` (to ${response.headers.get("location")})` : ""}: ${body.slice(0, 200)}`,
    );
  }
  return { status: response.status, bytes: Buffer.byteLength(body), body };
}

/** The production build's BUILD_ID file; throws when there is no build to start. */
export function requireProductionBuild(): string {
  const buildId = path.join(REPO_ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) throw new Error("no production build in .next: run npm run build first");
  return buildId;
}

export interface BenchServer {
  /** http://127.0.0.1:<port> */
  base: string;
  stop(): Promise<void>;
}

/**
 * The production server (`npm start`'s scripts/serve.mjs over the build in .next) on a free port over
 * `databaseFile`, without its scheduled sync, once it answers /api/health; `env` adds settings.
 */
export async function startBenchServer(databaseFile: string, ctx: BenchContext, env: Record<string, string> = {}): Promise<BenchServer> {
  requireProductionBuild();
  const port = await freePort();
  ctx.log(`starting the production server (scripts/serve.mjs) on port ${port}`);
  const server = NodeChild.start({
    script: "scripts/serve.mjs",
    noTsx: true,
    args: ["--port", String(port), "--hostname", "127.0.0.1"],
    env: cleanEnv({ DATABASE_URL: `file:${databaseFile}`, SYNC_INTERVAL_SECONDS: "0", NEXT_TELEMETRY_DISABLED: "1", ...env }),
    timeoutMs: Math.max(60_000, ctx.deadline - performance.now()),
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(base, ctx);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { base, stop: () => server.stop().then(() => undefined) };
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

/**
 * `runs` GETs of `url` as `session`, each followed by one run of `direct` (the same work done in
 * this process), after `warmup` untimed pairs: alternating, so that a drift of the machine
 * affects both alike. The answer's size is the last one's.
 */
export async function timeRequestsBesideDirect(
  url: string,
  session: BenchSession,
  direct: () => unknown,
  runs: number,
  warmup: number,
): Promise<{ server: Timing; direct: Timing; responseBytes: number }> {
  const serverMs: number[] = [];
  const directMs: number[] = [];
  let responseBytes = 0;
  for (let i = 0; i < warmup + runs; i++) {
    let started = performance.now();
    const answer = await benchRequest(url, session);
    const serverTime = performance.now() - started;
    started = performance.now();
    await direct();
    const directTime = performance.now() - started;
    if (i < warmup) continue;
    serverMs.push(serverTime);
    directMs.push(directTime);
    responseBytes = answer.bytes;
  }
  return { server: timing(serverMs), direct: timing(directMs), responseBytes };
}

/** A page a benchmark asks for in rounds: its URL and who asks (null: signed out). */
export interface RoundRequest {
  url: string;
  session: BenchSession | null;
}

/**
 * Rounds of one request to each of `requests`, back to back (one at a time, in turn), until `ms`
 * passed or `rounds` were made (checked before each round) or `stop()` says so (checked before each
 * request, so that no request made after what was measured ended is counted): each request's
 * time (ms), per request.
 */
export async function sampleRounds(requests: readonly RoundRequest[], until: { ms?: number; rounds?: number; stop?: () => boolean }): Promise<number[][]> {
  const samples: number[][] = requests.map(() => []);
  const end = performance.now() + (until.ms ?? Infinity);
  for (let round = 0; round < (until.rounds ?? Infinity) && performance.now() < end && !until.stop?.(); round++) {
    for (const [i, request] of requests.entries()) {
      if (until.stop?.()) break;
      const started = performance.now();
      await benchRequest(request.url, request.session);
      samples[i]!.push(performance.now() - started);
    }
  }
  return samples;
}

/** A page's times idle (before and after the load, together, and each alone) and under the load. */
export interface IdleBusyTiming {
  idle: Timing & { samples: number };
  idleBefore: Timing;
  idleAfter: Timing;
  busy: Timing & { samples: number };
  /** busy p95 / idle p95. */
  ratioP95: number;
  meetsTarget: boolean;
}

/** The samples (ms) idle before the load, after it and under it, against a target of busy p95 at most `maxRatio` times idle p95. */
export function idleBusyTiming(idleBefore: number[], idleAfter: number[], busy: number[], maxRatio: number): IdleBusyTiming {
  const idleAll = [...idleBefore, ...idleAfter];
  const idle = { ...timing(idleAll), samples: idleAll.length };
  const busyTiming = { ...timing(busy), samples: busy.length };
  const ratioP95 = busyTiming.p95 / idle.p95;
  return { idle, idleBefore: timing(idleBefore), idleAfter: timing(idleAfter), busy: busyTiming, ratioP95, meetsTarget: ratioP95 <= maxRatio };
}

/** Nearest-rank p50, p95 and the maximum of the samples (ms). */
export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
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
    if (performance.now() > Math.min(until, ctx.deadline)) throw new Error("the production server did not answer /api/health within 2 minutes");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
