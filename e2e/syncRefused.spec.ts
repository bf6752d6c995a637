import { startSimulator } from "../lib/parsec/simulator";
import { SYNC_REFUSED_PORT } from "../playwright.config";
import { expect, test } from "./fixtures";
import { freshDataDir, startServerProcess, type ServerProcess } from "./serverProcess";

const ADMIN = { email: "refused@example.com", password: "refused-admin-password" };

// A key without the Access Audit Log permission: the overview and its runs say why the sync
// failed and what to do in the reader's language, Parsec's English message folded beneath.
test("a sync Parsec refuses is explained on the overview in Japanese, its own message one click away", async ({ browser }) => {
  test.setTimeout(120_000);
  const sim = await startSimulator({ events: 100, seed: 71, endAt: new Date("2026-06-01T00:00:00.000Z"), quota: null });
  let server: ServerProcess | undefined;
  try {
    const dir = freshDataDir("e2e-sync-refused");
    server = await startServerProcess(SYNC_REFUSED_PORT, {
      DATABASE_URL: `file:./${dir}/store.db`,
      PARSEC_API_KEY: sim.apiKeyWithoutPermission,
      PARSEC_TEAM_ID: sim.teamId,
      PARSEC_API_BASE_URL: sim.url,
      PARSEC_RATE_LIMIT: "off",
      SYNC_INTERVAL_SECONDS: "0",
      SYNC_TOKEN: "sync-refused-token-0123456789",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    const synced = await fetch(`${server.url}/api/sync?wait=true`, { method: "POST", headers: { authorization: "Bearer sync-refused-token-0123456789" } });
    expect(synced.status).toBeGreaterThanOrEqual(400);

    // A browser of its own: the suite's session belongs to the other server.
    const context = await browser.newContext({ baseURL: server.url, locale: "ja-JP", timezoneId: "Asia/Tokyo", storageState: undefined });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "サインイン" }).click();
    await expect(page.getByRole("heading", { name: "概要" })).toBeVisible();

    const reason = page.getByTestId("sync-error").first();
    await expect(reason).toHaveText(/^API キーに監査ログを読む権限がありません \(403\)。/);
    const details = page.locator("details.sync-error__details").first();
    await expect(details.locator("[lang=en]")).toBeHidden();
    await details.getByText("詳細").click();
    await expect(details.locator("[lang=en]")).toHaveText(/The API key lacks the Access Audit Log permission \(403 Forbidden\)/);
    await page.screenshot({ path: "test-results/sync-refused-ja.png", fullPage: true });
    await context.close();
  } finally {
    server?.kill();
    await sim.close();
  }
});
