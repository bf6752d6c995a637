import { request as playwrightRequest } from "@playwright/test";
import { appRoutes } from "../lib/auth/appRoutes";
import { parseCsv } from "../lib/events/testing";
import { E2E_SYNC_TOKEN } from "../playwright.config";
import { expect, test, type APIResponse } from "./fixtures";

// Audit data must not be kept by a browser's cache or a proxy's: every answer says
// Cache-Control: no-store, whatever builds it (a page, a route handler, an export, an error, the
// sign-in redirect), while the build's hashed static files keep their long cache.

/** An answer as this test records it: a browser's (Response) or an API client's (APIResponse). */
interface Answer {
  what: string;
  status: number;
  cacheControl: string;
}
const answer = (what: string, response: Pick<APIResponse, "status" | "headers">): Answer => ({
  what,
  status: response.status(),
  cacheControl: response.headers()["cache-control"] ?? "(none)",
});

/** "<status> <what>: <cache-control>" for each answer that does not say no-store. */
const cacheable = (answers: Answer[]) => answers.filter((a) => !/\bno-store\b/.test(a.cacheControl)).map((a) => `${a.status} ${a.what}: ${a.cacheControl}`);

test("every answer to a signed-in admin, and to a visitor, says Cache-Control: no-store", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const csv = parseCsv(await (await request.get("/events/export?format=csv&limit=1")).text());
  const eventId = csv[1]![0]!;
  const urls = [
    // Every page and GET route as the route tree has it (dynamic segments "1"), then the answers
    // that carry audit data: the exports, an event's detail, the histogram, the sync status.
    ...appRoutes().map((route) => route.url),
    "/events/export?format=csv",
    "/events/export?format=ndjson",
    "/connections/export?format=csv",
    `/events/detail?id=${encodeURIComponent(eventId)}`,
    "/events/detail?id=no-such-event",
    "/events/histogram",
    "/events?user=1",
    "/no-such-page",
  ];
  const answers: Answer[] = [];
  for (const url of urls) answers.push(answer(url, await request.get(url, { maxRedirects: 0, headers: { accept: "text/html" } })));
  // Route handlers answering a method they have, and a bad request.
  const sync = { headers: { authorization: `Bearer ${E2E_SYNC_TOKEN}` } };
  answers.push(answer("POST /api/sync?wait=maybe", await request.post("/api/sync?wait=maybe", sync)));
  answers.push(answer("GET /api/sync (token)", await request.get("/api/sync", sync)));

  // Signed out: the sign-in page, the proxy's redirect and its 401.
  const visitor = await playwrightRequest.newContext({ baseURL });
  for (const url of ["/sign-in", "/events", "/api/health"])
    answers.push(answer(`${url} (signed out)`, await visitor.get(url, { maxRedirects: 0, headers: { accept: "text/html" } })));
  answers.push(answer("/api/sync (signed out)", await visitor.get("/api/sync")));
  await visitor.dispose();

  expect(answers.map((a) => a.status)).toContain(200);
  expect(cacheable(answers), `${answers.length} answers`).toEqual([]);

  // The build's static files are named by their content: cached for good.
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await (await request.get("/")).text())![1]!;
  expect(answer(script, await request.get(script)).cacheControl).toMatch(/max-age=31536000.*immutable/);
});

test("the import upload's answers say Cache-Control: no-store", async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 400 .*\/admin\/import\/upload/);
  await page.goto("/admin/import");
  const answers: Answer[] = [];
  for (const [name, text] of [
    ["not-json.txt", "hello"],
    ["empty-page.json", `{"data": []}`],
  ] as const) {
    const uploaded = page.waitForResponse((response) => new URL(response.url()).pathname === "/admin/import/upload");
    await page.getByLabel("ファイル").setInputFiles({ name, mimeType: "application/octet-stream", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "インポート" }).click();
    answers.push(answer(`upload of ${name}`, await uploaded));
  }
  expect(answers.map((a) => a.status)).toEqual([400, 200]);
  expect(cacheable(answers)).toEqual([]);
});
