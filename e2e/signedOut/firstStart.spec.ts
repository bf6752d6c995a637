import { readFileSync } from "node:fs";
import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "../fixtures";
import { FIRST_START_LOG, FIRST_START_URL } from "../../playwright.config";

// A second server started on an empty database with no ADMIN_EMAIL/ADMIN_PASSWORD: it prints a
// one-time password once, which the admin must replace at the first sign-in.
test.use({ baseURL: FIRST_START_URL });

const NEW_PASSWORD = "a passphrase of my own choosing";

async function oneTimePasswordFromConsole(): Promise<string> {
  let password = "";
  await expect
    .poll(() => {
      password = /one-time password:\s+(\S+)/.exec(readFileSync(FIRST_START_LOG, "utf8"))?.[1] ?? "";
      return password;
    })
    .not.toBe("");
  return password;
}

test("first start: the console's one-time password, a forced change, the deep link kept, and sign-out that ends the session", async ({ page }) => {
  const log = readFileSync(FIRST_START_LOG, "utf8");
  expect(log).toContain("FIRST START: created the admin account of this viewer.");
  const oneTime = await oneTimePasswordFromConsole();
  expect(log.split(oneTime).length - 1, "printed exactly once").toBe(1);

  // A signed-out visitor following a deep link is sent to sign in first.
  await page.goto("/events?name=client_disconnect");
  await expect(page).toHaveURL(`${FIRST_START_URL}/sign-in?next=${encodeURIComponent("/events?name=client_disconnect")}`);
  await expect(page.getByRole("navigation", { name: "メイン" })).toHaveCount(0);

  await page.getByLabel("メールアドレス").fill("admin@localhost");
  await page.getByLabel("パスワード", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page.locator("#sign-in-error")).toHaveText("メールアドレスまたはパスワードが違います。");
  await page.screenshot({ path: "test-results/sign-in-wrong-password.png", fullPage: true });

  await page.getByLabel("パスワード", { exact: true }).fill(oneTime);
  await page.getByRole("button", { name: "サインイン" }).click();
  // The generated password must be replaced before anything else.
  await expect(page).toHaveURL(`${FIRST_START_URL}/admin/password?next=${encodeURIComponent("/events?name=client_disconnect")}`);
  await expect(page.getByRole("heading", { name: "パスワードの設定" })).toBeVisible();
  const passwordPage = page.url();
  await page.goto("/");
  await expect(page).toHaveURL(/\/admin\/password$/);
  await page.goto(passwordPage);
  await page.screenshot({ path: "test-results/forced-password-change.png", fullPage: true });

  await page.getByLabel("現在のパスワード").fill(oneTime);
  await page.getByLabel("新しいパスワード", { exact: false }).first().fill(NEW_PASSWORD);
  await page.getByLabel("新しいパスワード (確認)").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "パスワードを変更" }).click();
  // …and then on to where the deep link pointed.
  await expect(page).toHaveURL(`${FIRST_START_URL}/events?name=client_disconnect`);
  await expect(page.getByRole("heading", { name: "イベント", level: 1 })).toBeVisible();

  const cookie = (await page.context().cookies()).find((c) => c.name === "parsec_session")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });

  // Sign-out is in the account's menu, under the admin's email.
  await page.locator(".account-menu summary", { hasText: "admin@localhost" }).click();
  await page.getByRole("button", { name: "サインアウト" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed-out=1$/);
  await expect(page.getByRole("status").filter({ hasText: "サインアウトしました。" })).toBeVisible();
  // The old cookie is worthless: the session is gone from the server.
  const replay = await playwrightRequest.newContext({ baseURL: FIRST_START_URL, extraHTTPHeaders: { cookie: `parsec_session=${cookie.value}` } });
  expect((await replay.get("/api/sync")).status()).toBe(401);
  const replayedPage = await replay.get("/events", { maxRedirects: 0, headers: { accept: "text/html" } });
  expect(replayedPage.status()).toBe(307);
  expect(replayedPage.headers().location).toMatch(/^\/sign-in\?next=/);
  await replay.dispose();

  // The one-time password is spent; the new one works, and a deep link comes back after sign-in.
  await page.goto("/admin/audit?action=sign_in");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Faudit%3Faction%3Dsign_in$/);
  await page.getByLabel("メールアドレス").fill("admin@localhost");
  await page.getByLabel("パスワード", { exact: true }).fill(oneTime);
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page.locator("#sign-in-error")).toHaveText("メールアドレスまたはパスワードが違います。");
  await page.getByLabel("パスワード", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page).toHaveURL(`${FIRST_START_URL}/admin/audit?action=sign_in`);
  await expect(page.getByTestId("viewer-audit").locator("tbody tr")).toHaveCount(2);

  await page.goto("/admin/audit");
  const actions = await page
    .getByTestId("viewer-audit")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions).toEqual(["sign_in", "sign_in_failed", "sign_out", "password_changed", "sign_in", "sign_in_failed", "admin_created"]);
  await page.screenshot({ path: "test-results/viewer-audit.png", fullPage: true });
});
