import { expect, type Page } from "./fixtures";
import { E2E_ADMIN } from "../playwright.config";

/** Signs in as the e2e admin through the real form, on whichever server the page's baseURL is. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("メールアドレス").fill(E2E_ADMIN.email);
  await page.getByLabel("パスワード", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByRole("heading", { name: "概要" })).toBeVisible();
}
