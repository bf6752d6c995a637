import { mkdirSync } from "node:fs";
import path from "node:path";
import { test as setup } from "./fixtures";
import { E2E_STORAGE_STATE } from "../playwright.config";
import { signInAsAdmin } from "./signIn";

// Signs in once through the real form and saves the session cookie for every other spec.
setup("sign in as the e2e admin", async ({ page }) => {
  await signInAsAdmin(page);
  mkdirSync(path.dirname(E2E_STORAGE_STATE), { recursive: true });
  await page.context().storageState({ path: E2E_STORAGE_STATE });
});
