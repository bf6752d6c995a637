import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSimulator, type Simulator } from "../parsec/simulator";
import { TEST_HISTORY_END } from "../sync/testing";
import { stopIngestRunner } from "../runner/ingestRunnerHost";
import { createTestAdmin, createTestSession, startTestApp } from "./testing";

// POST /api/sync and the export, called directly with real requests against a real database
// synced from the simulated Parsec API with a configured key: who may start a sync, and whether
// the key or the tokens ever appear in an answer or in the server's console.
vi.mock("next/headers", async () => (await import("./testing")).nextHeadersStandIn);

const SYNC_TOKEN = "sync-token-for-this-test-0123456789";
const API_KEY_SECRET = "s3cretPartOfTheKeyThatMustNeverLeak";
let app: Awaited<ReturnType<typeof startTestApp>>;
let simulator: Simulator;
let session: { token: string; csrfToken: string };
let apiKey: string;
const consoleOutput: string[] = [];

type Handler = (request: Request) => Promise<Response>;
let sync: { GET: Handler; POST: Handler };
let exportEvents: { GET: Handler };

beforeAll(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void consoleOutput.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" ")),
    );
  }
  simulator = await startSimulator({
    events: 400,
    endAt: TEST_HISTORY_END,
    quota: null,
    apiKey: `tapi_1sn61992rNstjlDoJWnFXRRkxPZ.${API_KEY_SECRET}`,
    teamId: "1sn61992rNstjlDoJWnFXRRkxPZ",
  });
  apiKey = simulator.apiKey;
  app = await startTestApp({
    PARSEC_API_KEY: apiKey,
    PARSEC_TEAM_ID: simulator.teamId,
    PARSEC_API_BASE_URL: simulator.url,
    PARSEC_RATE_LIMIT: "off",
    SYNC_TOKEN,
    SYNC_INTERVAL_SECONDS: "0",
  });
  const admin = await createTestAdmin(app.db, { email: "admin@example.com", password: "correct horse battery" });
  session = await createTestSession(app.db, admin.id);
  sync = (await import("../../app/api/sync/route")) as unknown as typeof sync;
  exportEvents = (await import("../../app/events/export/route")) as unknown as typeof exportEvents;
});

afterAll(async () => {
  await stopIngestRunner();
  vi.restoreAllMocks();
  await app.close();
  await simulator.close();
});

const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new Request(`http://viewer.test${path}`, { method: init.method ?? "GET", headers: { host: "viewer.test", ...init.headers } });
const asAdmin = (extra: Record<string, string> = {}) => ({ cookie: `parsec_session=${session.token}`, ...extra });

describe("POST /api/sync", () => {
  it("runs for the SYNC_TOKEN bearer, and records who started it", async () => {
    const response = await sync.POST(request("/api/sync?wait=true", { method: "POST", headers: { authorization: `Bearer ${SYNC_TOKEN}` } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "succeeded" });
    const audit = await app.db.viewerAuditEntry.findFirst({ where: { action: "sync_started" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actor: "sync-token" });
  });

  it("refuses a wrong bearer, a bearer that is a prefix of the token, and no credentials", async () => {
    for (const authorization of ["Bearer wrong-token-wrong-token", `Bearer ${SYNC_TOKEN.slice(0, -1)}`, `Bearer ${SYNC_TOKEN}x`, "Basic abc"]) {
      const response = await sync.POST(request("/api/sync", { method: "POST", headers: { authorization } }));
      expect(response.status, authorization).toBe(401);
    }
    expect((await sync.POST(request("/api/sync", { method: "POST" }))).status).toBe(401);
  });

  it("runs for a signed-in admin from our own page with the CSRF token, and for nothing less", async () => {
    const ok = await sync.POST(
      request("/api/sync?wait=true", { method: "POST", headers: asAdmin({ origin: "http://viewer.test", "x-csrf-token": session.csrfToken }) }),
    );
    expect(ok.status).toBe(200);
    // The session cookie alone is what a cross-site form would send.
    const cookieOnly = await sync.POST(request("/api/sync", { method: "POST", headers: asAdmin() }));
    expect(cookieOnly.status).toBe(401);
    expect((await cookieOnly.json()).message).toMatch(/Cross-site request refused/);
    const otherSite = await sync.POST(
      request("/api/sync", { method: "POST", headers: asAdmin({ origin: "https://evil.example", "x-csrf-token": session.csrfToken }) }),
    );
    expect(otherSite.status).toBe(401);
    const wrongToken = await sync.POST(request("/api/sync", { method: "POST", headers: asAdmin({ origin: "http://viewer.test", "x-csrf-token": "forged" }) }));
    expect(wrongToken.status).toBe(401);
  });

  it("GET answers the admin and the bearer, nobody else", async () => {
    expect((await sync.GET(request("/api/sync", { headers: asAdmin() }))).status).toBe(200);
    expect((await sync.GET(request("/api/sync", { headers: { authorization: `Bearer ${SYNC_TOKEN}` } }))).status).toBe(200);
    expect((await sync.GET(request("/api/sync"))).status).toBe(401);
  });
});

describe("secrets", () => {
  it("the API key, its secret part and the tokens appear in no answer, export or console line", async () => {
    const bodies: string[] = [];
    const read = async (response: Response) => {
      const text = await response.text();
      bodies.push(text, JSON.stringify([...response.headers]));
      return text;
    };
    expect(await read(await sync.GET(request("/api/sync", { headers: asAdmin() })))).toContain("eventsStored");
    const csv = await read(await exportEvents.GET(request("/events/export?format=csv", { headers: asAdmin() })));
    expect(csv.split("\n").length).toBeGreaterThan(300);
    await read(await exportEvents.GET(request("/events/export?format=ndjson", { headers: asAdmin() })));
    await read(await sync.POST(request("/api/sync", { method: "POST", headers: { authorization: "Bearer wrong-token-wrong-token" } })));

    // A sync whose key the API refuses: its error goes into the run row, the answer and the console.
    // The ingest runner reads its configuration when it starts: the next one starts with the revoked key.
    await stopIngestRunner();
    process.env.PARSEC_API_KEY = `${apiKey}-revoked`;
    try {
      const refused = await sync.POST(request("/api/sync?wait=true", { method: "POST", headers: { authorization: `Bearer ${SYNC_TOKEN}` } }));
      expect(refused.status).toBe(502);
      expect(await read(refused)).toMatch(/"status":"failed"/);
    } finally {
      await stopIngestRunner();
      process.env.PARSEC_API_KEY = apiKey;
    }
    await read(await sync.GET(request("/api/sync", { headers: asAdmin() })));

    const everything = [...bodies, ...consoleOutput].join("\n");
    for (const secret of [apiKey, API_KEY_SECRET, SYNC_TOKEN, session.token]) expect(everything).not.toContain(secret);
  });
});
