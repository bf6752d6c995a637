import { expect, test, type Page } from "./fixtures";
import { makeEvent } from "../lib/events/testing";
import { E2E_ADMIN, E2E_IMPORT_MAX_MB } from "../playwright.config";

// Signed in as the e2e admin: what an admin starts by hand is recorded in the viewer's own audit.
test("Sync now starts a sync from the overview, and the viewer audit shows it with the exports", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page).toHaveURL(/\/\?sync=(started|running)$/);
  await expect(page.locator(".sync-now [role=status]")).toHaveText(/Sync started|A sync is already running/);

  const exported = await page.request.get("/events/export?format=ndjson&name=client_disconnect");
  expect(exported.status()).toBe(200);

  await page.goto("/admin/audit?action=sync_started");
  const syncRow = page.getByTestId("viewer-audit").locator("tbody tr").first();
  await expect(syncRow).toContainText(E2E_ADMIN.email);
  await expect(syncRow).toContainText("Sync now button");
  await page.goto("/admin/audit?action=export");
  await expect(page.getByTestId("viewer-audit").locator("tbody tr").first()).toContainText("parsec-events_name-client_disconnect.ndjson");
  await page.screenshot({ path: "test-results/viewer-audit-exports.png", fullPage: true });
});

test("the viewer audit records the address the request came from, not one the client wrote in its headers", async ({ page }) => {
  const exported = await page.request.get("/events/export?format=ndjson&name=team_create", {
    headers: { "x-forwarded-for": "203.0.113.9", "x-parsec-peer-address": "198.51.100.66", "x-real-ip": "192.0.2.1" },
  });
  expect(exported.status()).toBe(200);
  await page.goto("/admin/audit?action=export");
  const row = page.getByTestId("viewer-audit").locator("tbody tr").filter({ hasText: "parsec-events_name-team_create.ndjson" }).first();
  await expect(row).toContainText("127.0.0.1");
  await expect(row).not.toContainText(/203\.0\.113\.9|198\.51\.100\.66|192\.0\.2\.1/);
});

test("a server action posted from another site, or without the CSRF token, does nothing", async ({ page, request }) => {
  await page.goto("/");
  const form = page.locator("form.sync-now");
  const actionField = await form.locator("input[name^='$ACTION_ID_']").getAttribute("name");
  const csrf = await form.locator("input[name=csrf]").inputValue();
  expect(actionField, "the Sync now form posts to a server action").toBeTruthy();
  expect(csrf).toBeTruthy();
  const syncsRecorded = async () => {
    await page.goto("/admin/audit?action=sync_started");
    return page.getByTestId("viewer-audit").locator("tbody tr").count();
  };
  const before = await syncsRecorded();
  const post = (origin: string, fields: Record<string, string>) =>
    request.post("/", { multipart: { [actionField!]: "", ...fields }, headers: { origin }, maxRedirects: 0 });

  // Next.js refuses an action whose Origin is not this host; our own check would refuse it too.
  const crossSite = await post("https://evil.example", { csrf: csrf! });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  // Same origin, but no CSRF token (what a same-site attacker without our page could send).
  const noToken = await post(new URL(page.url()).origin, {});
  expect(noToken.status()).toBeGreaterThanOrEqual(400);
  expect(await syncsRecorded()).toBe(before);

  // The form as our page sends it works.
  const genuine = await post(new URL(page.url()).origin, { csrf: csrf! });
  expect(genuine.status()).toBe(303);
  expect(await syncsRecorded()).toBe(before + 1);
});

// Large uploads through the production server's HTTP stack: nothing between the browser and the
// route may cut the body (Next.js once buffered only the first 10 MB for proxy.ts), so the file is
// stored whole or refused whole. The files are built in memory; nothing is written to disk.
const MB = 1024 * 1024;

/** Distinct events of one user (never the demo's) until the file holds `bytes`, as NDJSON or a JSON array. */
function uploadFile(userId: number, bytes: number, format: "ndjson" | "json-array"): { body: Buffer; ids: string[] } {
  const lines: string[] = [];
  const ids: string[] = [];
  let size = format === "ndjson" ? 0 : 4;
  for (let i = 0; size < bytes; i += 1) {
    const id = `2e2eUp${userId}${String(i).padStart(15, "0")}`;
    const line = JSON.stringify(
      makeEvent({
        id,
        user_id: userId,
        timestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
        data: { attempt_id: `attempt-${id}`, host_computer_name: "upload-host", client_computer_name: `client-${i % 97}`, exit_code: 0 },
      }),
    );
    lines.push(line);
    ids.push(id);
    size += Buffer.byteLength(line) + (format === "ndjson" ? 1 : 2);
  }
  const text = format === "ndjson" ? `${lines.join("\n")}\n` : `[\n${lines.join(",\n")}\n]`;
  return { body: Buffer.from(text), ids };
}

async function upload(page: Page, name: string, body: Buffer) {
  await page.goto("/");
  const csrf = await page.locator("form.sync-now input[name=csrf]").inputValue();
  return page.request.post("/admin/import/upload", {
    data: body,
    headers: { origin: new URL(page.url()).origin, "x-csrf-token": csrf, "x-file-name": name, "content-type": "application/octet-stream" },
    timeout: 240_000,
  });
}

const storedIds = async (page: Page, userId: number) =>
  (await (await page.request.get(`/events/export?format=ndjson&user=${userId}`, { timeout: 120_000 })).text())
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);

async function auditRow(page: Page, action: string, name: string) {
  await page.goto(`/admin/audit?action=${action}`);
  return page.getByTestId("viewer-audit").locator("tbody tr").filter({ hasText: name }).first();
}

for (const { userId, megabytes, format } of [
  { userId: 991501, megabytes: 15, format: "ndjson" },
  { userId: 994901, megabytes: 49, format: "ndjson" },
  { userId: 991502, megabytes: 15, format: "json-array" },
] as const) {
  test(`an upload of ${megabytes} MB (${format}) is stored whole, and the answer and the viewer audit count every event`, async ({ page }) => {
    test.setTimeout(300_000);
    const { body, ids } = uploadFile(userId, megabytes * MB, format);
    expect(body.length).toBeGreaterThanOrEqual(megabytes * MB);
    expect(body.length).toBeLessThanOrEqual(E2E_IMPORT_MAX_MB * MB);
    const name = `upload-${megabytes}mb.${format === "ndjson" ? "ndjson" : "json"}`;
    const response = await upload(page, name, body);
    expect(response.status(), await response.text()).toBe(200);
    expect(await response.json()).toMatchObject({ name, format, received: ids.length, inserted: ids.length, updated: 0, unchanged: 0, quarantined: 0 });
    // proxy.ts does not run on this route: it sets the security headers itself.
    expect(response.headers()["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect((await storedIds(page, userId)).sort()).toEqual([...ids].sort());
    await expect(await auditRow(page, "import", name)).toContainText(`${name} (${format}): ${ids.length} read, ${ids.length} new, 0 updated, 0 quarantined`);
  });
}

test("an upload just over IMPORT_MAX_MB is refused whole with 413, nothing stored, and the refusal audited", async ({ page }) => {
  test.setTimeout(300_000);
  const userId = 995001;
  const limit = E2E_IMPORT_MAX_MB * MB;
  const events = uploadFile(userId, limit - 1024, "ndjson").body;
  // Blank lines (which the import skips) make it exactly one byte too many.
  const body = Buffer.concat([events, Buffer.alloc(limit + 1 - events.length, "\n")]);
  expect(body.length).toBe(limit + 1);
  const response = await upload(page, "over-the-limit.ndjson", body);
  expect(response.status()).toBe(413);
  expect((await response.json()).message).toBe(`over-the-limit.ndjson is ${E2E_IMPORT_MAX_MB}.1 MB: the limit is ${E2E_IMPORT_MAX_MB} MB (IMPORT_MAX_MB). Nothing was imported.`);
  expect(await storedIds(page, userId)).toEqual([]);
  await expect(await auditRow(page, "import_refused", "over-the-limit.ndjson")).toContainText("Nothing was imported");
});

test("an upload of arrays nested two million levels is refused with 400, not a 500, and the refusal audited", async ({ page }) => {
  const levels = 2_000_000;
  const response = await upload(page, "deep.json", Buffer.from(`${"[".repeat(levels)}${"]".repeat(levels)}`));
  expect(response.status()).toBe(400);
  const refusal = "deep.json: item 1 of its list of events is no event object but arrays nested 1,999,999 levels deep (at most 64 levels are read), so nothing was imported";
  expect((await response.json()).message).toContain(refusal);
  await expect(await auditRow(page, "import_refused", "deep.json")).toContainText(refusal);
});

test("a wrong current password at a password change is refused and shows in the viewer audit", async ({ page }) => {
  await page.goto("/admin/password");
  await page.getByLabel("Current password").fill("not the current password");
  await page.getByLabel(/^New password \(/).fill("a new password nobody keeps");
  await page.getByLabel("New password again").fill("a new password nobody keeps");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator(".auth-form [role=alert]")).toHaveText("The current password is wrong.");

  await page.goto("/admin/audit?action=password_change_failed");
  const row = page.getByTestId("viewer-audit").locator("tbody tr").first();
  await expect(row).toContainText("Failed password change");
  await expect(row).toContainText(E2E_ADMIN.email);
  await expect(row).toContainText("wrong current password");
});
