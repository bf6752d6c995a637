import { expect, test, type Page } from "../fixtures";
import { makeEvent } from "../../lib/events/testing";
import { E2E_IMPORT_MAX_MB } from "../../playwright.config";
import { signInAsAdmin } from "../signIn";

// Each test signs in on the uploads server (playwright.config.ts), whose store is its own.
test.beforeEach(({ page }) => signInAsAdmin(page));

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
    // Worded in the reader's language from the entry's facts.
    const count = ids.length.toLocaleString("ja");
    await expect(await auditRow(page, "import", name)).toContainText(`${name} (${format}): ${count} 件読み込み、新規 ${count} 件、更新 0 件、隔離 0 件`);
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
  expect((await response.json()).message).toBe(
    `over-the-limit.ndjson is ${E2E_IMPORT_MAX_MB}.1 MB: the limit is ${E2E_IMPORT_MAX_MB} MB (IMPORT_MAX_MB). Nothing was imported.`,
  );
  expect(await storedIds(page, userId)).toEqual([]);
  await expect(await auditRow(page, "import_refused", "over-the-limit.ndjson")).toContainText("Nothing was imported");
});

test("an upload of arrays nested two million levels is refused with 400, not a 500, and the refusal audited", async ({ page }) => {
  const levels = 2_000_000;
  const response = await upload(page, "deep.json", Buffer.from(`${"[".repeat(levels)}${"]".repeat(levels)}`));
  expect(response.status()).toBe(400);
  const refusal =
    "deep.json: item 1 of its list of events is no event object but arrays nested 1,999,999 levels deep (at most 64 levels are read), so nothing was imported";
  expect((await response.json()).message).toContain(refusal);
  await expect(await auditRow(page, "import_refused", "deep.json")).toContainText(refusal);
});
