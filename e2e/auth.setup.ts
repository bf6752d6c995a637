import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "./fixtures";
import { E2E_ADMIN, E2E_STORAGE_STATE } from "../playwright.config";

// Signs in once through the real form and saves the session cookie for every other spec.
setup("sign in as the e2e admin", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("メールアドレス").fill(E2E_ADMIN.email);
  await page.getByLabel("パスワード", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByRole("heading", { name: "概要" })).toBeVisible();
  mkdirSync(path.dirname(E2E_STORAGE_STATE), { recursive: true });
  await page.context().storageState({ path: E2E_STORAGE_STATE });
});
