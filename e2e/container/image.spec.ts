import { readFileSync } from "node:fs";
import { expect, test } from "../fixtures";

// Run by scripts/container/image-test.sh against the image it built and started, one test at a time
// (--grep) with the script's own steps between: the first start's one-time password is in the
// container's log, and the demo's events are on the explorer; after `viewer-cli
// reset-admin-password` in the container, the password it printed is the way in.
const LOG = process.env.CONTAINER_LOG ?? "";
/** The first test's signed-in browser state, which the reset must end (kept out of test-results/, which each run empties). */
const SESSION = "data/container/session.json";

/** The submit button of the form that holds the password field (the header may hold forms of its own). */
const submit = (page: import("@playwright/test").Page) => page.locator("form", { has: page.locator("input[name=password]") }).locator("button[type=submit]");

/** Signs in with a one-time password, which sends the admin to choose their own, and chooses `chosen`: back on /events. */
async function signInWithOneTimePassword(page: import("@playwright/test").Page, oneTime: string, chosen: string) {
  await page.locator("input[name=email]").fill("admin@localhost");
  await page.locator("input[name=password]").fill(oneTime);
  await submit(page).click();
  await expect(page).toHaveURL(/\/admin\/password\?next=%2Fevents$/);
  await page.locator("input[name=current]").fill(oneTime);
  await page.locator("input[name=password]").fill(chosen);
  await page.locator("input[name=confirm]").fill(chosen);
  await submit(page).click();
  await expect(page).toHaveURL(/\/events$/);
}

test("the image: sign in with the one-time password from its log, choose a password, see the demo's events", async ({ page }) => {
  const oneTime = /one-time password:\s+(\S+)/.exec(readFileSync(LOG, "utf8"))?.[1];
  expect(oneTime, "the first start prints a one-time password in the container's log").toBeTruthy();

  await page.goto("/events");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fevents$/);
  await signInWithOneTimePassword(page, oneTime!, "a passphrase for the container");

  // The demo's sync runs in the container; its events appear once its first pages are stored.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("events-table").locator("tbody tr").count();
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBeGreaterThan(10);
  await page.screenshot({ path: "test-results/container/events.png", fullPage: true });
  await page.context().storageState({ path: SESSION });
});

test.describe("after viewer-cli reset-admin-password", () => {
  test.use({ storageState: SESSION });

  test("the image: the reset ends the admin's session, refuses the old password and lets the printed one in", async ({ page }) => {
    const printed = process.env.CONTAINER_RESET_PASSWORD;
    expect(printed, "image-test.sh passes the one-time password viewer-cli printed").toBeTruthy();

    await page.goto("/events");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fevents$/);
    await page.locator("input[name=email]").fill("admin@localhost");
    await page.locator("input[name=password]").fill("a passphrase for the container");
    await submit(page).click();
    await expect(page.locator("#sign-in-error")).toHaveText("メールアドレスまたはパスワードが違います。");

    await signInWithOneTimePassword(page, printed!, "another passphrase for the container");
    await expect(page.getByTestId("events-table").locator("tbody tr").first()).toBeVisible();
  });
});
