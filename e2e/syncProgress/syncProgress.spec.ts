import { expect, test, type Page } from "../fixtures";
import { signInAsAdmin } from "../signIn";
import { PROGRESS_EVENTS, PROGRESS_PAGE_SIZE, PROGRESS_SIMULATOR_URL } from "../../playwright.config";

// Sync now on a viewer of its own simulated team (playwright.config.ts): no background sync, so
// the first click is a backfill of PROGRESS_EVENTS events in pages of PROGRESS_PAGE_SIZE, paced at
// 10 requests per 5 s, so it pauses for the quota between bursts of pages. The overview follows it
// without a reload, from what the ingest runner's thread records in the store.
test.describe.configure({ mode: "serial" });
test.beforeEach(({ page }) => signInAsAdmin(page));

const statusLine = (page: Page) => page.getByTestId("sync-now-status");
const runningCard = (page: Page) => page.getByTestId("sync-running");
const runsTable = (page: Page) => page.locator("section", { has: page.getByRole("heading", { name: "同期とインポートの実行履歴" }) });
/** The pages the running card shows ("12 ページ、1,200 件"). */
const pagesShown = async (page: Page) => Number(/([\d,]+) ページ、/.exec(await runningCard(page).innerText())?.[1]?.replace(/,/g, "") ?? NaN);

/** A mark on the window: still there at the end means the page was never reloaded or left. */
const markWindow = (page: Page) => page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
const windowStayed = (page: Page) => page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);

test("Sync now: the overview follows the backfill page by page, through the quota's pauses, and says it is done, without a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await expect(page.getByText("完了した同期はまだありません")).toBeVisible();
  await expect(statusLine(page)).toHaveText("");
  await markWindow(page);

  await page.getByRole("button", { name: "今すぐ同期" }).click();
  await expect(statusLine(page)).toHaveText("同期を実行中です。進捗は下に表示されます。");
  await expect(runningCard(page)).toContainText("同期を実行中 (バックフィル)");
  await expect(runningCard(page)).toContainText(/\d+ ページ、[\d,]+ 件/);
  // The quota's pause: until when, and how long is left.
  await expect(runningCard(page)).toContainText(/まで待機中 \(残り \d+秒\): API の利用上限に達しました/);
  await expect(runningCard(page)).toContainText(/毎秒 [\d,]+ 件/);
  await page.screenshot({ path: "test-results/sync-progress-running.png", fullPage: true });
  const first = await pagesShown(page);
  expect(first).toBeGreaterThan(0);
  // Later pages arrive in the same page.
  await expect.poll(() => pagesShown(page), { timeout: 30_000 }).toBeGreaterThan(first);

  await expect(statusLine(page)).toHaveText(/^完了: 新規 [\d,]+ 件/, { timeout: 60_000 });
  const done = await statusLine(page).innerText();
  const inserted = Number(/新規 ([\d,]+) 件/.exec(done)![1]!.replace(/,/g, ""));
  expect(inserted).toBeGreaterThan(PROGRESS_EVENTS - PROGRESS_PAGE_SIZE);
  await expect(runningCard(page)).toHaveCount(0);
  // The run's row and the last-sync card say it ended, and the store's count and the latest events came along.
  const row = runsTable(page).locator("tbody tr").first();
  await expect(row).toContainText("成功");
  await expect(runsTable(page)).not.toContainText("実行中");
  await expect(page.getByTestId("last-sync-ago")).toHaveText(/(秒|分)前に終了/);
  expect(Number((await page.getByTestId("events-stored").innerText()).replace(/\D/g, ""))).toBe(inserted);
  await expect(page.getByTestId("latest-events").locator("tbody tr").first()).toBeVisible();
  expect(await windowStayed(page)).toBe(true);
  await page.screenshot({ path: "test-results/sync-progress-done.png", fullPage: true });

  // A reload leaves no sentence about a run that has ended.
  await page.reload();
  await expect(statusLine(page)).toHaveText("");
});

test("a reload mid-run keeps following the run, and says how it ended", async ({ page, request }) => {
  test.setTimeout(90_000);
  // Parsec's next answer slowed down: the incremental run (one page) lasts several seconds.
  const slowed = await request.post(`${PROGRESS_SIMULATOR_URL}/__simulator/faults`, { data: [{ kind: "slow", ms: 6_000 }] });
  expect(slowed.ok()).toBe(true);
  await page.goto("/");
  await page.getByRole("button", { name: "今すぐ同期" }).click();
  await expect(statusLine(page)).toHaveText("同期を実行中です。進捗は下に表示されます。");
  await page.reload();
  await markWindow(page);
  await expect(statusLine(page)).toHaveText("同期を実行中です。進捗は下に表示されます。");
  await expect(runningCard(page)).toContainText("同期を実行中 (差分)");
  await expect(statusLine(page)).toHaveText(/^完了: 新規 [\d,]+ 件 \(取得 [\d,]+ 件\)。$/, { timeout: 30_000 });
  await expect(runningCard(page)).toHaveCount(0);
  await expect(runsTable(page).locator("tbody tr").first()).toContainText("成功");
  expect(await windowStayed(page)).toBe(true);
});
