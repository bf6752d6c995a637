/**
 * Fixtures for integration tests of the sync, the import and the export: the simulated Parsec API
 * on 127.0.0.1 beside a fresh database (lib/store/testing.ts); the API options a test sync uses;
 * the command-line scripts run as child processes; and the stored events read back in Parsec's own
 * shape, to compare with the simulator's ground truth.
 * Only tests import this file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Db } from "../store/client";
import type { SqliteConnection } from "../store/sqlite";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { toParsecEvent } from "../events/eventRow";
import { MemoryRequestLedger } from "../parsec/requestLedger";
import { startSimulator, type Simulator, type SimulatorOptions } from "../parsec/simulator";
import { syncTeamEvents, type SyncResult, type SyncTeamEventsOptions } from "./syncTeamEvents";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type ParsecEventJson = Record<string, unknown>;

/** A sleep that returns at once (but still honours an abort): retries and 429 waits cost no time. */
export const instantSleep = (_ms: number, signal?: AbortSignal): Promise<void> => (signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve());

export interface SyncFixture {
  sim: Simulator;
  database: TempDatabase;
  db: Db;
  sqlite: SqliteConnection;
  /** API options for this simulator: no pacing, a fresh ledger, short timeouts; overrides win. */
  api(overrides?: Partial<SyncTeamEventsOptions["api"]>): SyncTeamEventsOptions["api"];
  /** One sync run into this fixture's database. */
  sync(overrides?: Partial<Omit<SyncTeamEventsOptions, "api">> & { api?: Partial<SyncTeamEventsOptions["api"]> }): Promise<SyncResult>;
  /** Environment for scripts/*.ts against this simulator and database. */
  cliEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export const DEFAULT_TEST_PAGE_SIZE = 200;

/**
 * Where test histories end unless a test says otherwise: fixed, so that a seed always gives the same
 * events (a failure can be replayed), and in the past, so that a sync's window (up to now) holds
 * them all. Events a test appends land at the real now, after the history.
 */
export const TEST_HISTORY_END = new Date("2026-06-01T00:00:00.000Z");

/**
 * A simulator (quota off unless given) and an empty database. Close it after the test
 * (`onTestFinished(fixture.close)`).
 */
export async function startSyncFixture(simOptions: SimulatorOptions = {}): Promise<SyncFixture> {
  const database = await createTempDatabase();
  let sim: Simulator;
  try {
    sim = await startSimulator({ events: 3_000, quota: null, endAt: TEST_HISTORY_END, ...simOptions });
  } catch (error) {
    await database.close();
    throw error;
  }
  const api = (overrides: Partial<SyncTeamEventsOptions["api"]> = {}): SyncTeamEventsOptions["api"] => ({
    baseUrl: sim.url,
    apiKey: sim.apiKey,
    teamId: sim.teamId,
    quota: null,
    blockMs: 1_000,
    timeoutMs: 10_000,
    ledger: new MemoryRequestLedger(),
    ...overrides,
  });
  return {
    sim,
    database,
    db: database.db,
    sqlite: database.sqlite,
    api,
    sync: ({ api: apiOverrides, ...overrides } = {}) =>
      syncTeamEvents({
        db: database.db,
        sqlite: database.sqlite,
        api: api(apiOverrides),
        trigger: "cli",
        overlapMs: 3_600_000,
        pageSize: DEFAULT_TEST_PAGE_SIZE,
        ...overrides,
      }),
    cliEnv: (extra = {}) =>
      cliEnvironment({
        DATABASE_URL: database.url,
        PARSEC_API_KEY: sim.apiKey,
        PARSEC_TEAM_ID: sim.teamId,
        PARSEC_API_BASE_URL: sim.url,
        PARSEC_RATE_LIMIT: "off",
        PARSEC_BLOCK_SECONDS: "1",
        PARSEC_PAGE_SIZE: String(DEFAULT_TEST_PAGE_SIZE),
        ...extra,
      }),
    async close() {
      await sim.close().catch(() => undefined);
      await database.close();
    },
  };
}

const APP_VARIABLES = /^(DATABASE_URL|PARSEC_|SYNC_|DEMO_EVENTS$)/;

/** The test process's environment without any of the app's own variables, plus `vars`. */
export function cliEnvironment(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (APP_VARIABLES.test(key)) delete env[key];
  return Object.assign(env, { NEXT_TELEMETRY_DISABLED: "1" }, vars);
}

export interface CliRun {
  child: ChildProcess;
  /** SIGKILLs the whole process group (npx, tsx and the script), if it is still running. */
  killAll(): void;
  /** Resolves once stderr has matched `pattern`; rejects if the process exits first or on timeout. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The same for stdout, where the script's log lines go (JSON, as the server's). */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process has exited (a kill included). */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `npx tsx scripts/<script>` in the repository, as a user would. */
export function startCli(script: string, args: string[], env: NodeJS.ProcessEnv): CliRun {
  // A process group of its own, so that a failed test can stop npx, tsx and the script together.
  const child = spawn("npx", ["tsx", path.join("scripts", script), ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  const killAll = () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const waitFor = (stream: "stdout" | "stderr", pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const source = child[stream]!;
      const text = () => (stream === "stdout" ? stdout : stderr);
      const check = () => {
        const match = pattern.exec(text());
        if (!match) return;
        stop();
        resolve(match[0]);
      };
      const onExit = () => {
        stop();
        reject(new Error(`${script} exited before its ${stream} matched ${pattern}: ${text()}`));
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${script}: ${stream} did not match ${pattern} within ${timeoutMs} ms: ${text()}`));
      }, timeoutMs);
      const stop = () => {
        clearTimeout(timer);
        source.off("data", check);
        child.off("exit", onExit);
      };
      source.on("data", check);
      child.once("exit", onExit);
      check();
    });
  const waitForStderr = (pattern: RegExp, timeoutMs?: number) => waitFor("stderr", pattern, timeoutMs);
  const waitForStdout = (pattern: RegExp, timeoutMs?: number) => waitFor("stdout", pattern, timeoutMs);
  return { child, done, waitForStderr, waitForStdout, killAll };
}

export async function runCli(script: string, args: string[], env: NodeJS.ProcessEnv) {
  return startCli(script, args, env).done;
}

/** The simulator's valid events, ascending by id (the order stored events are read back in). */
export function groundTruth(sim: Simulator): ParsecEventJson[] {
  return [...sim.groundTruth()].sort((a, b) => compareIds(a.id as string, b.id as string));
}

/** Every stored event as Parsec's event (toParsecEvent), ascending by id. */
export async function storedEvents(db: Db): Promise<ParsecEventJson[]> {
  const rows = await db.event.findMany({ orderBy: { id: "asc" } });
  return rows.map((row) => toParsecEvent(row));
}

/** Byte order, as SQLite's default collation and the simulator sort ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The stored events are exactly `expected`: the same ids, each event deep-equal (every field, `data`
 * included), and the same JSON text (key order included). Both lists ascending by id.
 */
export function expectSameEvents(actual: ParsecEventJson[], expected: ParsecEventJson[]): void {
  const actualIds = actual.map((e) => e.id);
  const expectedIds = expected.map((e) => e.id);
  expect(new Set(actualIds).size, "stored ids are unique").toBe(actualIds.length);
  expect(actualIds, "the same event ids").toEqual(expectedIds);
  expect(actual, "every field of every event").toStrictEqual(expected);
  const differing = actual.findIndex((event, i) => JSON.stringify(event) !== JSON.stringify(expected[i]));
  expect(differing === -1 ? null : JSON.stringify(actual[differing]), "the same JSON, key order included").toBe(
    differing === -1 ? null : JSON.stringify(expected[differing]),
  );
}
