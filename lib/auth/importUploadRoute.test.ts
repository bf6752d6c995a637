import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeEvent } from "../events/testing";
import type { Db } from "../store/client";
import { stopIngestRunner } from "../runner/ingestRunnerHost";
import { createTestAdmin, createTestSession, startTestApp } from "./testing";

// The admin's import upload (POST /admin/import/upload), called directly with real requests on a
// real database: hostile and oversized files are refused whole, with nothing stored.
vi.mock("next/headers", async () => (await import("./testing")).nextHeadersStandIn);

let app: Awaited<ReturnType<typeof startTestApp>>;
let session: { token: string; csrfToken: string };
let upload: { POST(request: Request): Promise<Response> };
let db: Db;

beforeAll(async () => {
  app = await startTestApp({ IMPORT_MAX_MB: "1" });
  db = app.db;
  const admin = await createTestAdmin(db, { email: "admin@example.com", password: "correct horse battery" });
  session = await createTestSession(db, admin.id);
  upload = (await import("../../app/admin/import/upload/route")) as unknown as typeof upload;
});

afterAll(async () => {
  await stopIngestRunner();
  await app.close();
});

function post(body: BodyInit | null, options: { name?: string; csrf?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { host: "viewer.test", origin: "http://viewer.test", cookie: `parsec_session=${session.token}`, ...options.headers };
  if (options.csrf !== null) headers["x-csrf-token"] = options.csrf ?? session.csrfToken;
  if (options.name) headers["x-file-name"] = encodeURIComponent(options.name);
  return upload.POST(new Request("http://viewer.test/admin/import/upload", { method: "POST", body, headers, duplex: "half" } as RequestInit));
}

const stored = async () => ({ events: await db.event.count(), quarantined: await db.quarantinedEvent.count() });

describe("import upload", () => {
  it("imports an NDJSON download, hostile text kept as data, and records who did it", async () => {
    const events = [
      makeEvent({ id: "2aaaaaaaaaaaaaaaaaaaaaaaaa1", timestamp: "2026-05-01T10:00:00Z", data: { host_computer_name: "<script>alert(1)</script>" } }),
      makeEvent({
        id: "2aaaaaaaaaaaaaaaaaaaaaaaaa2",
        timestamp: "2026-05-01T10:01:00Z",
        data: { host_computer_name: "'; DROP TABLE Event; --" },
        user_email: "ゆうき@example.jp",
      }),
    ];
    const response = await post(events.map((e) => JSON.stringify(e)).join("\n"), { name: "../../etc/parsec audit.ndjson" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: "parsec audit.ndjson", format: "ndjson", inserted: 2 });
    const rows = await db.event.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.hostComputerName)).toEqual(["<script>alert(1)</script>", "'; DROP TABLE Event; --"]);
    expect(rows[1]!.userEmail).toBe("ゆうき@example.jp");
    expect(await db.viewerAuditEntry.findFirst({ where: { action: "import" } })).toMatchObject({ actor: "admin@example.com" });
  });

  it.each([
    ["an HTML page", "<html><body>not an export</body></html>", 400, /is not JSON/],
    ["a broken JSON document", '[{"id": "x", ', 400, /is not valid JSON/],
    ["a JSON document without data", '{\n  "events": []\n}', 400, /without a `data` array/],
    ["an empty file", "", 400, /is empty/],
  ])("refuses %s with a clear message and stores nothing", async (_what, body, status, message) => {
    const before = await stored();
    const response = await post(body, { name: "download.json" });
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { message: string };
    expect(answer.message).toMatch(message);
    expect(answer.message).not.toContain("parsec-viewer-upload-");
    expect(await stored()).toEqual(before);
  });

  it("refuses a file over IMPORT_MAX_MB, by its declared size or while it streams, and stores nothing", async () => {
    const before = await stored();
    const big = `${JSON.stringify(makeEvent({ id: "2bbbbbbbbbbbbbbbbbbbbbbbbb1", timestamp: "2026-05-01T10:00:00Z" }))}\n`.repeat(12_000);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const declared = await post(big, { name: "big.ndjson", headers: { "content-length": String(big.length) } });
    expect(declared.status).toBe(413);
    expect((await declared.json()).message).toMatch(/^big\.ndjson is 1\.\d MB: the limit is 1 MB \(IMPORT_MAX_MB\)\. Nothing was imported\.$/);
    const encoder = new TextEncoder();
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 30; i += 1) controller.enqueue(encoder.encode(big.slice(0, 64 * 1024)));
        controller.close();
      },
    });
    const undeclared = await post(streamed, { name: "big.ndjson" });
    expect(undeclared.status).toBe(413);
    expect((await undeclared.json()).message).toBe("big.ndjson is over 1 MB: the limit is 1 MB (IMPORT_MAX_MB). Nothing was imported.");
    expect(await stored()).toEqual(before);
    expect(await db.viewerAuditEntry.count({ where: { action: "import_refused" } })).toBeGreaterThanOrEqual(2);
  });

  it("refuses a body shorter than its Content-Length whole (a cut upload), and stores nothing of it", async () => {
    const before = await stored();
    const lines = [1, 2, 3].map((n) => JSON.stringify(makeEvent({ id: `2cccccccccccccccccccccccc${n}`, timestamp: "2026-05-01T10:00:00Z" })));
    // What arrives when something in between keeps only the start of the body: whole lines, valid NDJSON.
    const arrived = `${lines.slice(0, 2).join("\n")}\n`;
    const declared = Buffer.byteLength(lines.join("\n"));
    const response = await post(arrived, { name: "cut.ndjson", headers: { "content-length": String(declared) } });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe(
      `cut.ndjson arrived cut: ${Buffer.byteLength(arrived)} bytes of the ${declared} bytes its upload declared. ` +
        "Something between the browser and the viewer limits request bodies (a reverse proxy's body size limit?). Nothing was imported.",
    );
    expect(await stored()).toEqual(before);
    expect(await db.viewerAuditEntry.findFirst({ where: { action: "import_refused" }, orderBy: { id: "desc" } })).toMatchObject({
      detail: expect.stringContaining("cut.ndjson arrived cut"),
    });
  });

  it("answers with the security headers itself, since proxy.ts does not run on this route", async () => {
    for (const response of [await post("[]", { name: "empty.json" }), await post("<html>", { name: "page.html" }), await post("[]", { csrf: null })]) {
      expect(response.headers.get("content-security-policy")).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  // Deep enough that JSON.stringify (and any recursive walk) overflows; small enough for this test's 1 MB limit.
  const DEPTH = 200_000;
  const deepArrays = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;

  it("refuses a document whose list nests arrays too deep with 400, naming the depth and the limit, and stores nothing", async () => {
    const before = await stored();
    for (const [name, body, depth] of [
      ["deep.json", deepArrays, "199,999"],
      ["deep-envelope.json", `{"data": [{}, ${deepArrays}]}`, "200,000"],
    ] as const) {
      const response = await post(body, { name });
      expect(response.status, name).toBe(400);
      const refusal = `${name}: item ${name === "deep.json" ? 1 : 2} of its list of events is no event object but arrays nested ${depth} levels deep (at most 64 levels are read), so nothing was imported`;
      expect((await response.json()).message).toContain(refusal);
      expect(await db.viewerAuditEntry.findFirst({ where: { action: "import_refused" }, orderBy: { id: "desc" } })).toMatchObject({
        detail: expect.stringContaining(refusal),
      });
    }
    expect(await stored()).toEqual(before);
  });

  it("quarantines an NDJSON event whose data nests too deep, with the reason, and imports the rest", async () => {
    const good = [1, 2].map((n) => JSON.stringify(makeEvent({ id: `2dddddddddddddddddddddddd${n}`, timestamp: "2026-05-01T10:00:00Z" })));
    const deep = JSON.stringify(makeEvent({ id: "2ddddddddddddddddddddddddd", timestamp: "2026-05-01T10:00:00Z" })).replace(
      '"data":{}',
      `"data":{"a":${deepArrays}}`,
    );
    const response = await post([good[0], deep, good[1]].join("\n"), { name: "deep-event.ndjson" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: 3, inserted: 2, quarantined: 1 });
    const row = await db.quarantinedEvent.findFirstOrThrow({ where: { eventId: "2ddddddddddddddddddddddddd" } });
    expect(row.reason).toBe("the event nests 200,002 levels deep (in `data`); at most 64 are accepted");
    expect(row.raw).toBe(deep);
    expect(await db.viewerAuditEntry.findFirst({ where: { action: "import" }, orderBy: { id: "desc" } })).toMatchObject({
      detail: expect.stringContaining("3 read, 2 new, 0 updated, 1 quarantined"),
    });
  });

  it("refuses an upload without the CSRF token or from another site", async () => {
    expect((await post("[]", { csrf: null })).status).toBe(403);
    expect((await post("[]", { headers: { origin: "https://evil.example" } })).status).toBe(403);
  });
});
