import { expect, test, type Page } from "./fixtures";
import { openWhenStitched } from "./demoData";

const connectionRows = (page: Page) => page.getByTestId("connections-table").locator("tbody tr[data-attempt-id]");
const durations = (page: Page) =>
  connectionRows(page).evaluateAll((rows) => rows.map((row) => row.querySelector("td[data-seconds]")?.getAttribute("data-seconds") ?? null));
const heading = (page: Page, name: string) => page.getByTestId("connections-table").getByRole("columnheader", { name });

test("the longest sessions: a click on 接続時間 sorts by duration, both ways, by keyboard too, and the sort stays in the link and across pages", async ({
  page,
}) => {
  await openWhenStitched(page, "/connections?status=ended", 120);

  // Sorted by start (newest first) until asked otherwise.
  await expect(heading(page, "開始")).toHaveAttribute("aria-sort", "descending");
  await expect(heading(page, "接続時間")).not.toHaveAttribute("aria-sort");

  await heading(page, "接続時間").getByRole("link").click();
  await expect(page).toHaveURL(/sort=duration/);
  await expect(heading(page, "接続時間")).toHaveAttribute("aria-sort", "descending");
  await expect(heading(page, "開始")).not.toHaveAttribute("aria-sort");
  const longestFirst = (await durations(page)).map(Number);
  expect(longestFirst.length).toBeGreaterThan(10);
  expect(longestFirst).toEqual([...longestFirst].sort((a, b) => b - a));
  // The filter stayed.
  expect(new URL(page.url()).searchParams.getAll("status")).toEqual(["ended"]);
  await page.screenshot({ path: "test-results/connections-sorted-by-duration.png", fullPage: true });

  // The next page carries on below the last duration of this one.
  await page.getByRole("link", { name: "次へ →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(heading(page, "接続時間")).toHaveAttribute("aria-sort", "descending");
  const second = (await durations(page)).map(Number);
  expect(second[0]!).toBeLessThanOrEqual(longestFirst.at(-1)!);
  expect(second).toEqual([...second].sort((a, b) => b - a));

  // The link keeps the sort: opened afresh, the page is sorted the same way.
  await page.goto(page.url());
  await expect(heading(page, "接続時間")).toHaveAttribute("aria-sort", "descending");

  // From the keyboard: the heading is a link reached with Tab, and Enter turns the order round.
  await page.goto("/connections?status=ended&sort=duration");
  const durationLink = heading(page, "接続時間").getByRole("link");
  await durationLink.focus();
  await expect(durationLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/order=oldest/);
  await expect(heading(page, "接続時間")).toHaveAttribute("aria-sort", "ascending");
  const shortestFirst = (await durations(page)).map(Number);
  expect(shortestFirst).toEqual([...shortestFirst].sort((a, b) => a - b));
  expect(shortestFirst[0]!).toBeLessThanOrEqual(longestFirst.at(-1)!);
});

test("sorting by status, user, host and exit code orders the rows by that column", async ({ page }) => {
  await openWhenStitched(page, "/connections?limit=200", 120);
  const statusOrder = ["connecting", "failed", "active", "stale", "ended", "incomplete"];
  await heading(page, "状態").getByRole("link").click();
  await expect(heading(page, "状態")).toHaveAttribute("aria-sort", "descending");
  await heading(page, "状態").getByRole("link").click();
  await expect(heading(page, "状態")).toHaveAttribute("aria-sort", "ascending");
  const statuses = await connectionRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")!));
  const ranks = statuses.map((status) => statusOrder.indexOf(status));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

  await heading(page, "ホスト").getByRole("link").click();
  await expect(page).toHaveURL(/sort=host/);
  const hosts = await connectionRows(page).evaluateAll((rows) => rows.map((row) => row.querySelector("td:nth-child(3) a")?.textContent ?? ""));
  // Descending in SQLite's order: the bytes of the UTF-8 text.
  const byCodePoint = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  expect(hosts.filter(Boolean)).toEqual(hosts.filter(Boolean).sort(byCodePoint).reverse());

  for (const [name, sort] of [
    ["ユーザー", "user"],
    ["終了コード", "exit"],
  ] as const) {
    await heading(page, name).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`sort=${sort}`));
    await expect(heading(page, name)).toHaveAttribute("aria-sort", "descending");
    await expect(connectionRows(page).first()).toBeVisible();
  }
});
