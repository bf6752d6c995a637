import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestAdmin, createTestSession, startTestApp } from "../auth/testing";
import { getConfig } from "../config";
import { getSqlite } from "../store/sqlite";
import { eventDetailHref } from "../explorerUrl/explorerHref";
import { storeEvents } from "../ingest/storeEvents";
import { makeEvent } from "./testing";

// GET /events/detail (what an opened row of the explorer fetches), called directly with real
// requests on a real database. Its protection is proven with every route's in routeProtection.test.ts.
vi.mock("next/headers", async () => (await import("../auth/testing")).nextHeadersStandIn);

let app: Awaited<ReturnType<typeof startTestApp>>;
let cookie: string;
let route: { GET(request: Request): Promise<Response> };

const stored = makeEvent({
  id: "2detailaaaaaaaaaaaaaaaaaaa1",
  name: "client_connect_failure",
  timestamp: "2026-05-01T10:00:00.123456Z",
  user_email: "ゆうき@example.jp",
  data: { attempt_id: "attempt-1", exit_code: -6023, host_computer_name: "レンダー 1", undocumented: { nested: [1, 2] } },
  surprise: "kept",
} as Parameters<typeof makeEvent>[0]);

beforeAll(async () => {
  app = await startTestApp();
  const admin = await createTestAdmin(app.db, { email: "admin@example.com", password: "correct horse battery" });
  cookie = `parsec_session=${(await createTestSession(app.db, admin.id)).token}`;
  const sqlite = getSqlite(getConfig().databaseFile);
  sqlite.transaction(() => storeEvents(sqlite, [stored], "test"))();
  route = (await import("../../app/events/detail/route")) as unknown as typeof route;
});

afterAll(() => app.close());

const get = (path: string) => route.GET(new Request(`http://viewer.test${path}`, { headers: { cookie } }));

describe("GET /events/detail", () => {
  it("gives the stored event in Parsec's shape, every field kept, with the table's fields", async () => {
    const response = await get(eventDetailHref(stored.id));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { event: unknown; row: Record<string, unknown> };
    expect(body.event).toEqual(stored);
    expect(body.row).toMatchObject({ id: stored.id, userEmail: "ゆうき@example.jp", hostComputerName: "レンダー 1", exitCode: -6023, attemptId: "attempt-1" });
  });

  it.each([
    ["no id", "/events/detail", 400, /id: is required/],
    ["two ids", "/events/detail?id=a&id=b", 400, /id: must be given only once/],
    ["an id too long to be one", eventDetailHref("x".repeat(129)), 400, /id: must be an event id of at most 128/],
    ["an unknown parameter", `${eventDetailHref(stored.id)}&format=csv`, 400, /format/],
    ["an id no event has", eventDetailHref("no-such-event"), 404, /No stored event has the id "no-such-event"/],
  ])("answers %s with a clear message, never a 500", async (_what, path, status, message) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });
});
