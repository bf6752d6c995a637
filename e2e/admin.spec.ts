import { expect, test } from "./fixtures";
import { E2E_ADMIN } from "../playwright.config";

// Signed in as the e2e admin: what an admin starts by hand is recorded in the viewer's own audit.
test("Sync now starts a sync from the overview, and the viewer audit shows it with the exports", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "今すぐ同期" }).click();
  // The button says how the run goes, then how it ended, without leaving the page.
  await expect(page.locator(".sync-now [role=status]")).toHaveText(/同期を実行中です|同期はすでに実行中でした|完了: 新規/);
  await expect(page).toHaveURL(/\/$/);

  const exported = await page.request.get("/events/export?format=ndjson&name=client_disconnect");
  expect(exported.status()).toBe(200);

  await page.goto("/admin/audit?action=sync_started");
  const syncRow = page.getByTestId("viewer-audit").locator("tbody tr").first();
  await expect(syncRow).toContainText(E2E_ADMIN.email);
  await expect(syncRow).toContainText("「今すぐ同期」ボタン");
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
  // The demo section's Sync now on /alerts is a plain form posting to a server action (the overview's
  // button is a client component: it keeps the page and follows the run).
  await page.goto("/alerts");
  const form = page.locator("form", { has: page.getByRole("button", { name: "今すぐ同期", exact: true }) });
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
  // It is sent back to the page it came from, which says why (not an error page).
  const noToken = await post(new URL(page.url()).origin, {});
  expect(noToken.status()).toBe(303);
  expect(noToken.headers()["location"]).toMatch(/^\/alerts\?refused=csrf$/);
  expect(await syncsRecorded()).toBe(before);

  // In the browser: a page whose token no longer holds (the session changed under it) says so in Japanese.
  await page.goto("/alerts");
  // Changed and sent in one step: a render in between (the page refreshes itself) puts the token back.
  await form.evaluate((element: HTMLFormElement) => {
    element.querySelector<HTMLInputElement>("input[name=csrf]")!.value = "not-the-token";
    element.requestSubmit(element.querySelector<HTMLButtonElement>("button[type=submit], button:not([type])"));
  });
  await expect(page.getByTestId("action-refused")).toHaveText("セキュリティチェックに失敗しました。ページを再読み込みして、もう一度お試しください。");
  await expect(page).toHaveURL(/\/alerts\?refused=csrf$/);
  // Reloaded, the page with the reason in its address hydrates cleanly (the fixture fails on a console error) and still says it.
  await page.reload();
  await expect(page.getByTestId("action-refused")).toBeVisible();
  expect(await syncsRecorded()).toBe(before);

  // The form as our page sends it works.
  const genuine = await post(new URL(page.url()).origin, { csrf: csrf! });
  expect(genuine.status()).toBe(303);
  expect(await syncsRecorded()).toBe(before + 1);
});

test("a wrong current password at a password change is refused and shows in the viewer audit", async ({ page }) => {
  await page.goto("/admin/password");
  await page.getByLabel("現在のパスワード").fill("not the current password");
  await page.getByLabel(/^新しいパスワード \(\d/).fill("a new password nobody keeps");
  await page.getByLabel("新しいパスワード (確認)").fill("a new password nobody keeps");
  await page.getByRole("button", { name: "パスワードを変更" }).click();
  await expect(page.locator(".auth-form [role=alert]")).toHaveText("現在のパスワードが違います。");

  await page.goto("/admin/audit?action=password_change_failed");
  const row = page.getByTestId("viewer-audit").locator("tbody tr").first();
  await expect(row).toContainText("パスワード変更失敗");
  await expect(row).toContainText(E2E_ADMIN.email);
  // Its detail in the reader's language, from the facts the entry keeps.
  await expect(row).toContainText("現在のパスワードが違います");
});
