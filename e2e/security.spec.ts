import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "./fixtures";
import { appRoutes } from "../lib/auth/appRoutes";
import { parseCsv } from "../lib/events/testing";
import { resolveOptions } from "../lib/parsec/simulator/resolveOptions";
import { E2E_ADMIN, E2E_SERVER_LOG, E2E_STORAGE_STATE, E2E_SYNC_TOKEN } from "../playwright.config";

// Signed in as the e2e admin (the setup project's session). The demo server syncs from the
// built-in simulated API with the key the simulator derives from its default seed: that key is
// the secret that must never reach a browser, a log or an export.
const demoKey = resolveOptions({}).apiKey;
const SECRETS = [demoKey, demoKey.slice(demoKey.indexOf(".") + 1), E2E_SYNC_TOKEN, E2E_ADMIN.password];
const pages = appRoutes()
  .filter((r) => r.kind === "page" && !["/sign-in", "/admin/password"].includes(r.url))
  .map((r) => r.url);

/** CSP violations the page reports, collected from the start of every document. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("every page renders and hydrates under the CSP, with no violation", async ({ page }) => {
  const violations = await watchCspViolations(page);
  for (const url of pages) {
    const response = await page.goto(url);
    // A page of one item (/users/1) may have no such item in the demo data: then its 404 page.
    expect(url.endsWith("/1") ? [200, 404] : [200], url).toContain(response?.status());
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  }
  // Hydrated: a client component reacts (the header's time-zone switch).
  await page.goto("/");
  await page.getByRole("button", { name: /UTC で表示|Asia\/Tokyo で表示/ }).click();
  await expect(page.getByTestId("time-zone")).toHaveText("時刻: UTC");
  await page.getByRole("button", { name: "Asia/Tokyo で表示" }).click();
  // Recharts draws its SVG under the CSP wherever the app has a chart.
  for (const url of pages) {
    await page.goto(url);
    if ((await page.locator(".recharts-wrapper").count()) > 0) await expect(page.locator(".recharts-wrapper svg").first()).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("the API key, the tokens and the admin password are in no page, client bundle, export or server log", async ({ page, request }) => {
  const sessionToken = (JSON.parse(readFileSync(E2E_STORAGE_STATE, "utf8")) as { cookies: { name: string; value: string }[] }).cookies.find(
    (c) => c.name === "parsec_session",
  )!.value;
  const haystacks: { where: string; text: string }[] = [];
  for (const url of [...pages, "/sign-in", "/admin/password"]) {
    const response = await request.get(url, { headers: { accept: "text/html" } });
    haystacks.push({ where: `HTML of ${url}`, text: await response.text() });
  }
  await page.goto("/");
  haystacks.push({ where: "the overview's DOM", text: await page.content() });

  const staticDir = path.join(".next", "static");
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const bundles = walk(staticDir).filter((file) => /\.(js|css|json)$/.test(file));
  expect(bundles.length).toBeGreaterThan(5);
  for (const file of bundles) haystacks.push({ where: file, text: readFileSync(file, "utf8") });

  for (const format of ["csv", "ndjson"]) {
    const exported = await request.get(`/events/export?format=${format}`);
    expect(exported.status()).toBe(200);
    haystacks.push({ where: `${format} export`, text: await exported.text() });
  }
  haystacks.push({ where: "GET /api/sync", text: await (await request.get("/api/sync")).text() });
  haystacks.push({ where: "the server's console", text: readFileSync(E2E_SERVER_LOG, "utf8") });
  expect(haystacks.at(-1)!.text).toContain('"component":"server"');

  for (const { where, text } of haystacks) {
    for (const secret of SECRETS) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
    if (!where.startsWith("the server")) expect(text.includes(sessionToken), `${where} contains the session id`).toBe(false);
  }
});

test("hostile event text is shown as text, never run, and CSV cells cannot become formulas", async ({ page, request, allowConsoleErrors }) => {
  const hostile = {
    host: `<img src=x onerror="window.__pwned='img'">`,
    email: `<script>window.__pwned='script'</script>@example.com`,
    formula: `=HYPERLINK("http://evil.example","open")`,
  };
  const event = (id: string, host: string, email: string) => ({
    id,
    name: "client_disconnect",
    timestamp: new Date().toISOString(),
    user_id: 990001,
    team_id: resolveOptions({}).teamId,
    user_email: email,
    data: { host_computer_name: host, attempt_id: `attempt-${id}`, note: "'; DROP TABLE Event; --" },
  });
  const ndjson = [event("2e2eHostileEvent0000000000a", hostile.host, hostile.email), event("2e2eHostileEvent0000000000b", hostile.formula, "x@example.com")]
    .map((e) => JSON.stringify(e))
    .join("\n");

  // Through the admin's upload form: a page that is not an export is refused whole, the download is imported.
  allowConsoleErrors(/status of 400 .*\/admin\/import\/upload/);
  await page.goto("/admin/import");
  await page
    .getByLabel("ファイル")
    .setInputFiles({ name: "not-an-export.html", mimeType: "text/html", buffer: Buffer.from("<html><body>hello</body></html>") });
  await page.getByRole("button", { name: "インポート" }).click();
  await expect(page.getByTestId("import-outcome")).toContainText(
    "このファイルは丸ごと拒否され、何も保存されていません。 (サーバーの詳細: not-an-export.html is not JSON",
  );
  await page.getByLabel("ファイル").setInputFiles({ name: "hostile.ndjson", mimeType: "application/x-ndjson", buffer: Buffer.from(ndjson) });
  await page.getByRole("button", { name: "インポート" }).click();
  await expect(page.getByTestId("import-outcome")).toContainText("hostile.ndjson (ndjson) をインポートしました: 読み込み 2 件、新規 2 件");
  await page.screenshot({ path: "test-results/import-upload.png", fullPage: true });

  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto(`/events?user=990001`);
  const table = page.getByTestId("events-table");
  await expect(table.getByText(hostile.email)).toBeVisible();
  await table.locator("tbody tr[data-event-id]").first().click();
  await expect(page.getByText(hostile.host).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await page.locator("main img[src='x']").count()).toBe(0);
  expect(dialogs).toBe(0);
  await page.screenshot({ path: "test-results/hostile-event-text.png", fullPage: true });

  const csv = parseCsv(await (await request.get("/events/export?format=csv&user=990001")).text());
  const cells = csv.slice(1).flat();
  expect(cells.some((cell) => cell.includes("HYPERLINK"))).toBe(true);
  for (const cell of cells) expect(cell).not.toMatch(/^[=+@\t\r]|^-[^\d]/);
  // The table still exists: the SQL-ish text was stored as data.
  expect((await request.get("/api/sync")).status()).toBe(200);
});
