import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { startSimulator } from "../lib/parsec/simulator";
import { SHUTDOWN_SERVER_PORT } from "../playwright.config";
import { expect, test } from "./fixtures";
import { freshDataDir, queryStore, startServerProcess, type ServerProcess } from "./serverProcess";

const SYNC_TOKEN = "shutdown-sync-token-0123456789";
const SHUTDOWN_TIMEOUT_SECONDS = 10;
const PAGE_SIZE = 100;
const EVENTS = 4_000;

test("SIGTERM mid-sync: no new requests, the one under way answered, the page committed, the lease freed, exit 0 in time; a restart resumes exactly", async () => {
  test.setTimeout(240_000);
  // Answers that take a while, so that the backfill is still walking when the signal comes.
  const sim = await startSimulator({ events: EVENTS, seed: 16, endAt: new Date("2026-06-01T00:00:00.000Z"), quota: null, latencyMs: { min: 60, max: 60 } });
  const servers: ServerProcess[] = [];
  try {
    const dir = freshDataDir("e2e-shutdown");
    const file = path.join(dir, "store.db");
    const env = {
      DATABASE_URL: `file:./${file}`,
      PARSEC_API_KEY: sim.apiKey,
      PARSEC_TEAM_ID: sim.teamId,
      PARSEC_API_BASE_URL: sim.url,
      PARSEC_RATE_LIMIT: "off",
      PARSEC_PAGE_SIZE: String(PAGE_SIZE),
      SYNC_INTERVAL_SECONDS: "0",
      SYNC_TOKEN,
      ADMIN_EMAIL: "shutdown@example.com",
      ADMIN_PASSWORD: "shutdown-admin-password",
      SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS),
    };
    const auth = { authorization: `Bearer ${SYNC_TOKEN}` };
    const first = await startServerProcess(SHUTDOWN_SERVER_PORT, env);
    servers.push(first);

    // A request under way when the signal comes: it waits for the run to end.
    const underWay = fetch(`${first.url}/api/sync?wait=true`, { method: "POST", headers: auth });
    const committedPages = () => queryStore<{ pages: number; status: string }>(file, `SELECT "pages", "status" FROM "SyncRun" WHERE "kind" = 'sync'`)[0];
    await expect.poll(() => committedPages()?.pages ?? 0, { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(5);
    expect(committedPages()!.status).toBe("running");

    const signalledAt = Date.now();
    first.child.kill("SIGTERM");
    await first.waitForLine(/SIGTERM: stopping/);
    // Once it says so, the port takes no new connection (whether or not the process is still there).
    await expect(fetch(`${first.url}/api/health`)).rejects.toThrow();
    const answered = await underWay;
    expect(answered.status).toBeGreaterThanOrEqual(400);
    expect(((await answered.json()) as { message: string }).message).toMatch(/server is stopping/);
    const exit = await first.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_SECONDS * 1000);
    expect(first.lines().some((line) => /SIGTERM: stopped/.test(line))).toBe(true);

    // What the stopped run committed stays, page by page: its count, its events, its cursor; the lease is free.
    const [stopped] = queryStore<{ pages: number; status: string; error: string }>(file, `SELECT "pages", "status", "error" FROM "SyncRun"`);
    expect(stopped).toMatchObject({ status: "failed", error: expect.stringMatching(/server is stopping/) });
    expect(stopped!.pages).toBeLessThan(EVENTS / PAGE_SIZE);
    const [{ stored }] = queryStore<{ stored: number }>(file, `SELECT count(*) AS stored FROM "Event"`) as [{ stored: number }];
    expect(stored).toBe(stopped!.pages * PAGE_SIZE);
    expect(queryStore(file, `SELECT * FROM "SyncLock"`)).toEqual([]);

    // The restart walks on from the page after the last committed one, not from the start.
    const second = await startServerProcess(SHUTDOWN_SERVER_PORT, env);
    servers.push(second);
    const resumed = await fetch(`${second.url}/api/sync?wait=true`, { method: "POST", headers: auth });
    expect(resumed.status).toBe(200);
    const result = (await resumed.json()) as { passes: string[]; received: number; inserted: number };
    expect(result.passes[0]).toBe("backfill");
    // Exactly the events after the last committed page, each once: none fetched again, none skipped
    // (the pass up to now that follows finds none: the history ends in the past).
    expect(result).toMatchObject({ received: sim.count() - stopped!.pages * PAGE_SIZE, inserted: sim.count() - stopped!.pages * PAGE_SIZE });
    second.child.kill("SIGTERM");
    expect(await second.exited).toMatchObject({ code: 0 });

    const byId = (a: { id: unknown }, b: { id: unknown }) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);
    // The store is the simulator's history exactly: every event once, every field, the same JSON.
    // Counted in the file first, then through the export, so that a shortfall says which of the two lost it.
    const truth = [...sim.groundTruth()].map((event) => event as { id: unknown }).sort(byId);
    const [{ kept }] = queryStore<{ kept: number }>(file, `SELECT count(*) AS kept FROM "Event"`) as [{ kept: number }];
    expect(kept, "events in the file after the restart").toBe(truth.length);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/export.ts", "--format", "ndjson"], {
      env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
      maxBuffer: 64 * 1024 * 1024,
    });
    const exported = stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: unknown })
      .sort(byId);
    expect(stderr, "the export's own count").toMatch(new RegExp(`export: ${truth.length} events`));
    const exportedIds = new Set(exported.map((event) => String(event.id)));
    expect(
      truth.filter((event) => !exportedIds.has(String(event.id))).map((event) => event.id),
      "events missing from the export",
    ).toEqual([]);
    expect(exported.length).toBe(truth.length);
    expect(exported.map((event) => JSON.stringify(event))).toEqual(truth.map((event) => JSON.stringify(event)));
  } finally {
    for (const server of servers) server.kill();
    await sim.close();
  }
});
