import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSimulator, type Simulator } from "../parsec/simulator";
import { makeEvent } from "../events/testing";
import { TEST_HISTORY_END } from "../sync/testing";
import { createTestAdmin, createTestSession, fakeRequest, startTestApp } from "../auth/testing";
import type { LiveSyncStatus } from "../sync/liveSyncStatus";
import { getIngestRunner, stopIngestRunner, terminateIngestRunnerThread } from "./ingestRunnerHost";

// The server's write path in its ingest runner (a worker thread): the routes and the action that
// start work, called directly with real requests, against a real database and the simulated
// Parsec API, whose answers take a little while so that a sync lasts long enough to be watched.
vi.mock("next/headers", async () => (await import("../auth/testing")).nextHeadersStandIn);
vi.mock("next/navigation", async (importOriginal) => ({ ...(await importOriginal<object>()), ...(await import("../auth/testing")).nextNavigationOverrides }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type Handler = (request: Request) => Promise<Response>;
const SYNC_TOKEN = "runner-test-sync-token-0123456789";
let app: Awaited<ReturnType<typeof startTestApp>>;
let simulator: Simulator;
let session: { token: string; csrfToken: string };
let routes: { sync: { GET: Handler; POST: Handler }; status: { GET: Handler }; health: { GET: Handler }; upload: { POST: Handler } };
let syncNowAction: (state: null, form: FormData) => Promise<unknown>;
/** Pages of a whole walk of the simulator's history (the first backfill's). */
let pagesOfAWholeWalk = 0;

beforeAll(async () => {
  simulator = await startSimulator({ events: 4_000, endAt: TEST_HISTORY_END, quota: null, latencyMs: { min: 15, max: 15 } });
  app = await startTestApp({
    PARSEC_API_KEY: simulator.apiKey,
    PARSEC_TEAM_ID: simulator.teamId,
    PARSEC_API_BASE_URL: simulator.url,
    PARSEC_RATE_LIMIT: "off",
    PARSEC_PAGE_SIZE: "100",
    SYNC_INTERVAL_SECONDS: "0",
    SYNC_TOKEN,
  });
  const admin = await createTestAdmin(app.db, { email: "admin@example.com", password: "correct horse battery" });
  session = await createTestSession(app.db, admin.id);
  routes = {
    sync: (await import("../../app/api/sync/route")) as unknown as typeof routes.sync,
    status: (await import("../../app/api/sync/status/route")) as unknown as typeof routes.status,
    health: (await import("../../app/api/health/route")) as unknown as typeof routes.health,
    upload: (await import("../../app/admin/import/upload/route")) as unknown as typeof routes.upload,
  };
  ({ syncNowAction } = (await import("../../app/_actions/syncNowAction")) as unknown as { syncNowAction: typeof syncNowAction });
});

afterAll(async () => {
  await stopIngestRunner();
  await app.close();
  await simulator.close();
});

const postSync = (query = "") =>
  routes.sync.POST(
    new Request(`http://viewer.test/api/sync${query}`, { method: "POST", headers: { host: "viewer.test", authorization: `Bearer ${SYNC_TOKEN}` } }),
  );
/** GET /api/sync/status as the overview asks it: signed in (a cookie), nothing else. */
const statusNow = () =>
  routes.status.GET(new Request("http://viewer.test/api/sync/status", { headers: { host: "viewer.test", cookie: `parsec_session=${session.token}` } }));
const runOf = (runId: number) => app.db.syncRun.findUniqueOrThrow({ where: { id: runId } });
const validEvents = () => simulator.count() - simulator.malformed().length;

async function startedRun(query = ""): Promise<number> {
  const response = await postSync(query);
  expect(response.status).toBe(202);
  return ((await response.json()) as { runId: number }).runId;
}

/** Waits, without a clock, until the run has committed `pages` pages: the runner's thread works meanwhile. */
async function untilCommitted(runId: number, pages: number): Promise<void> {
  while ((await runOf(runId)).pages < pages) await pause();
}

/** An admin's upload of `body` as the import page sends it. */
function upload(body: string, name: string): Request {
  return new Request("http://viewer.test/admin/import/upload", {
    method: "POST",
    body,
    duplex: "half",
    headers: {
      host: "viewer.test",
      origin: "http://viewer.test",
      cookie: `parsec_session=${session.token}`,
      "x-csrf-token": session.csrfToken,
      "x-file-name": name,
      "content-length": String(Buffer.byteLength(body)),
    },
  } as RequestInit);
}

describe("the ingest runner", () => {
  it("runs the sync in a thread of its own, while this thread answers requests and a second sync is told one is running", async () => {
    const runId = await startedRun();
    const again = await postSync();
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ message: expect.stringMatching(/already running/) });
    fakeRequest.reset({ cookies: { parsec_session: session.token }, headers: { origin: "http://viewer.test" } });
    const form = new FormData();
    form.set("csrf", session.csrfToken);
    expect(await syncNowAction(null, form)).toEqual({ outcome: "running" });

    let answeredWhileRunning = 0;
    // What the overview polls: the run's pages as the runner's thread records them, page by page.
    const pagesSeen = new Set<number>();
    for (;;) {
      const before = (await runOf(runId)).status;
      const health = await routes.health.GET(new Request("http://viewer.test/api/health", { headers: { host: "viewer.test" } }));
      expect(health.status).toBe(200);
      const live = (await (await statusNow()).json()) as LiveSyncStatus;
      if (live.running) {
        expect(live.running.id).toBe(runId);
        if (live.running.progress) pagesSeen.add(live.running.progress.pages);
      }
      const after = await runOf(runId);
      if (before === "running" && after.status === "running") answeredWhileRunning++;
      if (after.status !== "running") break;
      await pause();
    }
    expect(answeredWhileRunning).toBeGreaterThan(0);
    expect(pagesSeen.size).toBeGreaterThan(1);
    const ended = (await (await statusNow()).json()) as LiveSyncStatus;
    expect(ended.running).toBeNull();
    expect(ended.runs.find((r) => r.id === runId)).toMatchObject({ status: "succeeded", inserted: validEvents() });
    expect(ended.next).toEqual({ kind: "off" });

    const run = await runOf(runId);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: "succeeded", fetched: validEvents() });
    const runnerThread = await getIngestRunner().threadId();
    expect(runnerThread).not.toBe(threadId);
    expect(run.runner).toMatch(new RegExp(`:${process.pid} thread ${runnerThread}$`));
    expect(await app.db.event.count()).toBe(validEvents());
    pagesOfAWholeWalk = run.pages;
    expect(pagesOfAWholeWalk).toBeGreaterThan(10);
    expect(await syncNowAction(null, form)).toEqual({ outcome: "started", runId: expect.any(Number) });
    await untilIdle();
  });

  it("a runner terminated mid-sync leaves a state the next run resumes from, its lease taken over", async () => {
    const killed = await startedRun("?full=true");
    await untilCommitted(killed, 3);
    const runner = getIngestRunner();
    const deadThread = await runner.threadId();
    await terminateIngestRunnerThread();
    // The dead thread's lease names this process, which runs on: only the next runner frees it.
    expect(await app.db.syncLock.count()).toBe(1);

    const resumed = await postSync("?wait=true");
    expect(resumed.status).toBe(200);
    const result = (await resumed.json()) as { status: string; pages: number; passes: string[] };
    expect(result.status).toBe("succeeded");
    // The full pass went on from the first page the killed run had not committed.
    expect(result.passes[0]).toBe("full");
    expect(result.pages).toBeLessThan(pagesOfAWholeWalk);
    expect(await runOf(killed)).toMatchObject({ status: "interrupted" });
    // Started again: the resumed run ran in a new thread.
    expect(await runner.threadId()).not.toBe(deadThread);
    expect(await app.db.event.count()).toBe(validEvents());
    expect(await app.db.syncLock.count()).toBe(0);
  });

  it("a stop (SIGTERM) ends a sync at a page boundary: the run says why, the lease is free, and the next run resumes", async () => {
    const stopped = await startedRun("?full=true");
    await untilCommitted(stopped, 2);
    await stopIngestRunner();
    expect(await runOf(stopped)).toMatchObject({ status: "failed", error: expect.stringMatching(/server is stopping/) });
    expect(await app.db.syncLock.count()).toBe(0);

    const resumed = await postSync("?wait=true");
    expect(resumed.status).toBe(200);
    expect(((await resumed.json()) as { pages: number }).pages).toBeLessThan(pagesOfAWholeWalk);
    expect(await app.db.event.count()).toBe(validEvents());
  });

  it("a route answers the runner's refusals as its own domain errors, whichever copy of the modules started the runner", async () => {
    // Next.js bundles instrumentation (which starts the runner) and each route apart, each with its
    // own copy of every class: a fresh copy of the routes' modules stands for a route's bundle.
    const running = await startedRun("?full=true");
    vi.resetModules();
    const freshSync = (await import("../../app/api/sync/route")) as unknown as typeof routes.sync;
    const freshUpload = (await import("../../app/admin/import/upload/route")) as unknown as typeof routes.upload;
    const again = await freshSync.POST(
      new Request("http://viewer.test/api/sync", { method: "POST", headers: { host: "viewer.test", authorization: `Bearer ${SYNC_TOKEN}` } }),
    );
    expect(again.status).toBe(409);
    const refused = await freshUpload.POST(upload("not json at all", "notes.txt"));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: expect.stringMatching(/^notes\.txt is not JSON/) });
    while ((await runOf(running)).status === "running") await pause();
  });

  it("stores an upload through the route whole, in the runner's thread, and answers its counts", async () => {
    const events = Array.from({ length: 3_000 }, (_, i) =>
      makeEvent({ id: `upload-${String(i).padStart(5, "0")}`, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() }),
    );
    const body = events.map((event) => JSON.stringify(event)).join("\n");
    const response = await routes.upload.POST(upload(body, "download.ndjson"));
    expect(response.status).toBe(200);
    const summary = (await response.json()) as { runId: number; received: number; inserted: number };
    expect(summary).toMatchObject({ received: 3_000, inserted: 3_000 });
    expect(await app.db.event.count({ where: { id: { startsWith: "upload-" } } })).toBe(3_000);
    const run = await runOf(summary.runId);
    expect(run.runner).toMatch(new RegExp(` thread ${await getIngestRunner().threadId()}$`));
    expect(run.runner).not.toMatch(new RegExp(` thread ${threadId}$`));
    expect(await app.db.viewerAuditEntry.count({ where: { action: "import", detail: { contains: "download.ndjson" } } })).toBe(1);
  });
});

/** Until no sync holds the lease (the run "Sync now" started). */
async function untilIdle(): Promise<void> {
  while ((await app.db.syncLock.count()) > 0) await pause();
}

/**
 * A turn of this thread's event loop: the simulated API answers from this thread, and the store's
 * reads resolve without one (better-sqlite3 is synchronous), so a loop of them alone would starve it.
 */
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
