import { readFileSync } from "node:fs";
import { expect, test, type Page } from "./fixtures";
import { parseCsv } from "../lib/events/testing";
import { E2E_SYNC_TOKEN } from "../playwright.config";

const NAMES = ["client_disconnect", "conn_client_offer"];

const rows = (page: Page) => page.getByTestId("events-table").locator("tbody tr[data-event-id]");
const rowIds = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-event-id")!));
const rowTimes = (page: Page) =>
  rows(page)
    .locator("time")
    .evaluateAll((times) => times.map((t) => t.getAttribute("datetime")!));
async function matchCount(page: Page): Promise<number> {
  const counter = page.getByTestId("result-count");
  expect(await counter.count(), "the page shows a count of matching events").toBe(1);
  return Number(await counter.getAttribute("data-count"));
}
const param = (page: Page, name: string) => new URL(page.url()).searchParams.getAll(name);

/** The startup sync runs in the background; wait until it has stored the demo history. */
async function openWhenSynced(page: Page, path: string) {
  await expect(async () => {
    await page.goto(path);
    expect(await matchCount(page)).toBeGreaterThan(2_000);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
}

test("the explorer filters, pages, opens an event, survives a reload and exports what it shows", async ({ page, allowConsoleErrors }) => {
  await openWhenSynced(page, "/events");
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByRole("link", { name: "イベント", exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/events.png", fullPage: true });

  // A user from the known users (the datalist's type-ahead, written out once the field is used),
  // the one with the most events.
  await page.getByLabel("ユーザー: メールアドレスか ID を入力").focus();
  await expect(page.locator("datalist option[label$='件']").first()).toBeAttached();
  const users = await page
    .locator("datalist option[label$='件']")
    .evaluateAll((options) => options.map((o) => ({ value: o.getAttribute("value")!, events: Number.parseInt(o.getAttribute("label")!, 10) })));
  const user = users.sort((a, b) => b.events - a.events)[0]!;
  const [, email, userId] = /^(.*) \((\d+)\)$/.exec(user.value)!;
  await page.getByLabel("ユーザー: メールアドレスか ID を入力").fill(user.value);
  await page.getByLabel("ユーザー: メールアドレスか ID を入力").press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]user=${userId}(&|$)`));
  await expect(rows(page).first().getByRole("link", { name: email })).toBeVisible();
  expect(new Set(await rows(page).locator("td:nth-child(4)").allInnerTexts())).toEqual(new Set([email]));

  // Two connection event names from the grouped picker.
  await page.getByText("イベント名: すべて").click();
  await expect(page.locator("fieldset", { hasText: "接続" })).toBeVisible();
  for (const name of NAMES) {
    await page.getByRole("checkbox", { name }).check();
    await expect(page).toHaveURL(new RegExp(`name=${name}`));
  }
  await expect(page.getByText("イベント名: 2 件選択")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator("fieldset", { hasText: "接続" })).toBeHidden();
  await expect.poll(async () => new Set(await rows(page).locator("td:nth-child(3)").allInnerTexts())).toEqual(new Set(NAMES));

  // The last 30 days, and 25 a page so that there are pages to turn.
  await page.getByRole("button", { name: "30日" }).click();
  await expect(page).toHaveURL(/[?&]from=/);
  const from = param(page, "from")[0]!;
  expect(Date.now() - Date.parse(from)).toBeGreaterThan(29 * 86_400_000);
  await page.getByLabel("表示件数").selectOption("25");
  await expect(page).toHaveURL(/[?&]limit=25/);
  await expect(rows(page)).toHaveCount(25);
  for (const time of await rowTimes(page)) expect(Date.parse(time)).toBeGreaterThanOrEqual(Date.parse(from) - 1);
  const total = await matchCount(page);
  expect(total).toBeGreaterThan(25);
  await page.screenshot({ path: "test-results/events-filtered.png", fullPage: true });

  // Page forward: the next 25, all older; then back to exactly the first page.
  const firstPage = await rowIds(page);
  const firstTimes = await rowTimes(page);
  await page.getByRole("link", { name: "古い方へ →" }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect.poll(() => rowIds(page)).not.toEqual(firstPage);
  const secondPage = await rowIds(page);
  expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
  expect(Date.parse((await rowTimes(page))[0]!)).toBeLessThanOrEqual(Date.parse(firstTimes.at(-1)!));

  // A reload shows the same view from the URL alone: the same rows and the same filters.
  const secondUrl = page.url();
  await page.reload();
  expect(page.url()).toBe(secondUrl);
  expect(await rowIds(page)).toEqual(secondPage);
  await expect(page.locator("span.chip", { hasText: email })).toBeVisible();
  await expect(page.getByText("イベント名: 2 件選択")).toBeVisible();
  await expect(page.getByLabel("表示件数")).toHaveValue("25");

  await page.getByRole("link", { name: "← 新しい方へ" }).click();
  await expect.poll(() => rowIds(page)).toEqual(firstPage);
  // Back and forward walk the same views.
  await page.goBack();
  await expect.poll(() => rowIds(page)).toEqual(secondPage);
  await page.goForward();
  await expect.poll(() => rowIds(page)).toEqual(firstPage);

  // A row's detail, from the keyboard: j moves to a row, Enter opens it.
  await page.keyboard.press("/");
  await expect(page.getByLabel("イベントを検索")).toBeFocused();
  await page.getByRole("heading", { name: "イベント", level: 1 }).click();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  const detail = page.locator(".event-detail");
  await expect(detail).toHaveCount(1);
  await expect(detail.locator("dd code", { hasText: firstPage[1]! })).toBeVisible();
  const data = JSON.parse(await detail.locator("pre.json").innerText()) as Record<string, unknown>;
  expect(data).toHaveProperty("attempt_id");
  await expect(detail.getByRole("link", { name: "この試行のすべてのイベント" })).toHaveAttribute(
    "href",
    `/events?attempt=${encodeURIComponent(String(data.attempt_id))}`,
  );
  // The user's events keep the explorer's time range.
  const range = new URL(page.url()).searchParams.get("from");
  await expect(detail.getByRole("link", { name: "このユーザーのイベント" })).toHaveAttribute(
    "href",
    `/events?user=${userId}${range ? `&from=${encodeURIComponent(range)}` : ""}`,
  );
  await expect(detail.getByRole("link", { name: "このホストのイベント" })).toBeVisible();
  await detail.getByRole("button", { name: "data をコピー" }).click();
  await expect(detail.getByRole("button", { name: "コピーしました" })).toBeVisible();
  await page.screenshot({ path: "test-results/events-detail.png", fullPage: true });

  // The detail is fetched when a row opens (the page carries only the columns): a failure says
  // so in the detail, the links still work, and "Try again" fetches it again.
  const isDetailRequest = (url: URL) => url.pathname === "/events/detail";
  allowConsoleErrors(/status of 503 .*\/events\/detail\?id=/);
  await page.route(isDetailRequest, (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ message: "The store is busy." }) }),
  );
  await rows(page).nth(1).getByRole("button", { name: "詳細を閉じる" }).click();
  await expect(detail).toHaveCount(0);
  await rows(page).nth(1).getByRole("button", { name: "詳細を開く" }).click();
  await expect(detail.getByTestId("event-detail-error")).toContainText("The store is busy.");
  await expect(detail.getByRole("link", { name: "このユーザーのイベント" })).toBeVisible();
  await page.unroute(isDetailRequest);
  await detail.getByRole("button", { name: "再試行" }).click();
  await expect(detail.locator("pre.json")).toBeVisible();
  await expect(detail.getByTestId("event-detail-error")).toHaveCount(0);

  // The export holds exactly the filtered set: the same filters, every row matching them.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV をエクスポート" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`parsec-events_user-${userId}_name-${NAMES.join("+")}_from-${from.replaceAll(":", "-")}.csv`);
  // For people: the UTF-8 byte-order mark (Excel in Japan reads 会議室PC right), Japanese headers, and the time in the viewer's zone beside UTC.
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...csvRows] = parseCsv(bytes.toString("utf8"));
  expect(header).toEqual([
    "イベント ID",
    "イベント名",
    "日時 (UTC)",
    "日時 (Asia/Tokyo)",
    "ユーザー ID",
    "チーム ID",
    "メールアドレス",
    "データ",
    "その他のフィールド",
  ]);
  // Live demo events may arrive meanwhile; never fewer than the count shown.
  expect(csvRows.length).toBeGreaterThanOrEqual(total);
  for (const [, name, timestamp, local, rowUser] of csvRows) {
    expect(NAMES).toContain(name);
    expect(local).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d$/);
    expect(rowUser).toBe(userId);
    expect(Date.parse(timestamp!)).toBeGreaterThanOrEqual(Date.parse(from) - 1);
  }
  const exportedIds = new Set(csvRows.map((row) => row[0]));
  for (const id of [...firstPage, ...secondPage]) expect(exportedIds.has(id)).toBe(true);
});

test("bad URL parameters are named and fall back to defaults, never a 500", async ({ page, request }) => {
  await openWhenSynced(page, "/events");
  const response = await page.goto("/events?limit=-5&from=last%20tuesday&order=sideways&sort=colour&colour=red&user=42");
  expect(response?.status()).toBe(200);
  const problems = page.getByTestId("param-problems");
  await expect(problems).toContainText("limit=-5 には 25, 50, 100, 200 のいずれかを指定してください。");
  await expect(problems).toContainText("from=last tuesday には 2026-05-20T07:29:52Z のような RFC 3339 形式の日時を指定してください。");
  await expect(problems).toContainText("order=sideways には newest, oldest のいずれかを指定してください。");
  await expect(problems).toContainText("sort=colour には time, name, user, host, exit のいずれかを指定してください。");
  await expect(problems).toContainText("colour=red はこのページのパラメーターではありません");
  // The valid filter still applies: user 42 does not exist, so nothing matches.
  await expect(page.getByTestId("events-empty")).toContainText("条件に一致するイベントはありません");
  await page.screenshot({ path: "test-results/events-invalid-params.png", fullPage: true });
  await page.getByTestId("events-empty").getByRole("link", { name: "絞り込みを解除" }).click();
  await expect(rows(page)).toHaveCount(50);
  await expect(page).toHaveURL(/\/events$/);

  const bad = await request.get("/events/export?format=csv&user=bob");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ message: "user must be a Parsec user id (a whole number)" });
  expect((await request.get("/events/export?format=xlsx")).status()).toBe(400);
});

test("the column chooser is remembered by the browser", async ({ page }) => {
  await openWhenSynced(page, "/events");
  const headers = page.getByTestId("events-table").locator("thead th");
  await expect(headers.filter({ hasText: "試行 ID" })).toHaveCount(1);
  await page.getByText("列", { exact: true }).click();
  await page.getByRole("checkbox", { name: "試行 ID" }).uncheck();
  await expect(headers.filter({ hasText: "試行 ID" })).toHaveCount(0);
  await page.reload();
  await expect(headers.filter({ hasText: "試行 ID" })).toHaveCount(0);
  await expect(headers.filter({ hasText: "ホスト" })).toHaveCount(1);
  await page.getByText("列", { exact: true }).click();
  await page.getByRole("button", { name: "すべての列を最初の順で表示" }).click();
  await expect(headers.filter({ hasText: "試行 ID" })).toHaveCount(1);
});

test("dragging across the histogram narrows the time range", async ({ page }) => {
  await openWhenSynced(page, "/events");
  const histogram = page.getByTestId("histogram");
  await expect(histogram.locator("rect.histogram__bar").first()).toBeAttached();
  const before = await matchCount(page);
  // Below the facets, the chart may start under the first screen: a person scrolls to it first.
  await histogram.scrollIntoViewIfNeeded();
  const box = (await histogram.locator("svg").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
  await expect(histogram.locator("rect.histogram__selection")).toBeAttached();
  await page.screenshot({ path: "test-results/events-histogram-dragging.png" });
  await page.mouse.up();
  await expect(page).toHaveURL(/[?&]from=.*[?&]to=/);
  const [from, to] = [Date.parse(param(page, "from")[0]!), Date.parse(param(page, "to")[0]!)];
  expect(to).toBeGreaterThan(from);
  await expect.poll(() => matchCount(page)).toBeLessThan(before);
  for (const time of await rowTimes(page)) {
    expect(Date.parse(time)).toBeGreaterThanOrEqual(from);
    expect(Date.parse(time)).toBeLessThanOrEqual(to);
  }
  // The bars now cover the narrowed range, in smaller buckets.
  await expect(histogram.locator("rect.histogram__bar").first()).toBeAttached();
  await page.screenshot({ path: "test-results/events-histogram-narrowed.png", fullPage: true });
});

test("sorting by a column heading pages by that column, and columns can be reordered", async ({ page }) => {
  await openWhenSynced(page, "/events");
  // The name itself: an administrative event's cell also holds its summary line.
  const names = () => rows(page).locator("td:nth-child(3) code").allInnerTexts();
  const heading = page.getByTestId("events-table").locator("thead").getByRole("button", { name: "イベント", exact: true });
  await heading.click();
  await expect(page).toHaveURL(/[?&]sort=name/);
  await expect(page.getByTestId("events-table").locator("th[aria-sort=descending]")).toContainText("イベント");
  // The heading shows the new sort at once; the rows follow when the server's page arrives.
  await expect
    .poll(async () => {
      const shown = await names();
      return shown.join() === [...shown].sort().reverse().join();
    })
    .toBe(true);
  const descending = await names();
  await heading.click();
  await expect(page).toHaveURL(/[?&]order=oldest/);
  await expect
    .poll(async () => {
      const shown = await names();
      return shown.join() === [...shown].sort().join() && shown[0]! <= descending.at(-1)!;
    })
    .toBe(true);
  const firstPage = await names();
  const firstIds = await rowIds(page);
  await page.getByRole("link", { name: "次へ →" }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect.poll(async () => (await rowIds(page)).some((id) => firstIds.includes(id))).toBe(false);
  const secondPage = await names();
  expect(secondPage).toEqual([...secondPage].sort());
  expect(secondPage[0]! >= firstPage.at(-1)!).toBe(true);
  await page.screenshot({ path: "test-results/events-sorted-by-name.png", fullPage: true });

  // Host computer one place to the left, before User; remembered across a reload.
  const headings = () => page.getByTestId("events-table").locator("thead th").allInnerTexts();
  await page.getByText("列", { exact: true }).click();
  await page.getByRole("button", { name: "ホスト を左へ" }).click();
  await expect.poll(async () => (await headings()).findIndex((h) => h.startsWith("ホスト"))).toBe(3);
  await page.reload();
  await expect.poll(async () => (await headings()).findIndex((h) => h.startsWith("ホスト"))).toBe(3);
  await page.getByText("列", { exact: true }).click();
  await page.getByRole("button", { name: "すべての列を最初の順で表示" }).click();
  await expect.poll(async () => (await headings()).findIndex((h) => h.startsWith("ホスト"))).toBe(4);
});

test("auto-refresh is off until switched on, then shows what the sync stores", async ({ page, request }) => {
  await openWhenSynced(page, "/events");
  const toggle = page.getByTestId("auto-refresh");
  await expect(toggle).toHaveAttribute("data-state", "off");
  await toggle.getByRole("checkbox", { name: "自動更新" }).check();
  await expect(toggle).toHaveAttribute("data-state", "on");
  await expect(toggle.getByRole("status")).toContainText("10秒ごと");
  const before = await matchCount(page);
  const url = page.url();
  // The simulator is given new events (the live feed keeps the history's slow pace); a sync stores
  // them, and the page shows them by itself.
  const alerts = await page.context().newPage();
  await alerts.goto("/alerts");
  await alerts.getByRole("button", { name: "メンバーの追加" }).click();
  await expect(alerts.getByRole("status").filter({ hasText: "メンバーの追加:" })).toBeVisible();
  await alerts.close();
  await expect(async () => {
    const sync = await request.post("/api/sync?wait=true", { headers: { authorization: `Bearer ${E2E_SYNC_TOKEN}` } });
    expect([202, 200, 409]).toContain(sync.status());
    await expect.poll(() => matchCount(page), { timeout: 25_000 }).toBeGreaterThan(before);
  }).toPass({ timeout: 80_000 });
  await expect(toggle.getByRole("status")).toContainText("更新");
  expect(page.url()).toBe(url);
  await page.screenshot({ path: "test-results/events-auto-refresh.png" });
  // Only the first page, newest first, has new events to show.
  await page.getByRole("link", { name: "古い方へ →" }).click();
  await expect(page.getByTestId("auto-refresh").getByRole("checkbox")).toBeDisabled();
});

test("the overview links to the explorer", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "最新のイベント" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole("heading", { name: "イベント", level: 1 })).toBeVisible();
});
