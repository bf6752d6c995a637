import { readFileSync } from "node:fs";
import { expect, test, type Page } from "./fixtures";
import { parseCsv } from "../lib/events/testing";

const TOKYO_OFFSET_MS = 9 * 3_600_000; // the browser's zone in playwright.config.ts; Japan keeps no daylight saving

const connectionRows = (page: Page) => page.getByTestId("connections-table").locator("tbody tr[data-attempt-id]");

/** The startup sync stores the demo history in the background, and stitches its connections as it goes. */
async function openWhenStitched(page: Page, path: string) {
  await expect(async () => {
    await page.goto(path);
    expect(Number(await page.getByTestId("result-count").getAttribute("data-count"))).toBeGreaterThan(20);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
}

test("a user's timeline from the events table: day and week, then a failed connection and what its exit code means", async ({ page }) => {
  await openWhenStitched(page, "/connections?status=failed");

  // The newest failed completion in the events table: its user, time, attempt and code.
  await page.goto("/events?name=p2p_client_complete&exit=failure");
  const event = page.getByTestId("events-table").locator("tbody tr[data-event-id]").first();
  const occurredAt = (await event.locator("time").first().getAttribute("datetime"))!;
  const attemptId = (await event.locator(".cell-attempt code").getAttribute("title"))!;
  const exitCode = /-?\d+/.exec(await event.locator(".exit-code__number").innerText())![0];
  const userLink = event.locator("a[href^='/users/']").first();
  // An email, or "ユーザー <id>" where Parsec gave none.
  const userName = (await userLink.innerText()).replace(/\s+/g, " ").trim();
  const email = userName.startsWith("ユーザー ") ? null : userName.replace(/\s/g, "");
  await userLink.click();
  await expect(page).toHaveURL(/\/users\/\d+$/);
  const userPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(email ?? userName);
  // The browser tells the server its zone; the page re-renders in it.
  await expect(page.getByRole("navigation", { name: "表示期間" })).toContainText("時刻: Asia/Tokyo");
  await expect(page.getByTestId("timeline-window")).toContainText("からの週");

  // The day of that failure, in the viewer's zone: the failed attempt is marked on its host's lane.
  const day = new Date(Date.parse(occurredAt) + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
  await page.goto(`${userPath}?span=day&date=${day}`);
  const failedMark = page.getByTestId("timeline").locator(`a[href="/connections/${attemptId}"]`);
  // A failed attempt is a mark, not a bar.
  await expect(failedMark).toHaveClass("timeline__mark");
  await expect(page.getByTestId("timeline-totals")).toContainText("失敗率");
  await page.screenshot({ path: "test-results/user-timeline-day.png", fullPage: true });

  // Day → week keeps the date: the same failure is on the week's timeline too.
  await page.getByRole("link", { name: "週", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`span=week&date=${day}`));
  await expect(page.getByTestId("timeline-window")).toContainText("からの週");
  await expect(failedMark).toBeVisible();
  // Its details are written into its tooltip when the pointer reaches it.
  await failedMark.hover();
  await expect(failedMark).toHaveAttribute("title", new RegExp(`失敗: ${exitCode}\\b`));
  await page.screenshot({ path: "test-results/user-timeline-week.png", fullPage: true });
  // And back and forth between weeks.
  await page.getByRole("link", { name: "← 前の週" }).click();
  await expect(failedMark).toBeHidden();
  await page.getByRole("link", { name: "次の週 →" }).click();
  await expect(failedMark).toBeVisible();

  // The failed connection: its exit code explained, and its raw events with their links.
  await failedMark.click();
  await expect(page).toHaveURL(new RegExp(`/connections/${attemptId}$`));
  const completion = page.getByTestId("completion-exit");
  await expect(completion).toContainText(exitCode);
  await expect(completion.locator(".exit-explained__meaning")).not.toBeEmpty();
  await expect(page.getByTestId("connection-events").locator("tbody tr")).not.toHaveCount(0);
  await expect(page.getByRole("link", { name: "これらのイベントをエクスプローラーで開く →" })).toHaveAttribute("href", `/events?attempt=${attemptId}`);
  await page.screenshot({ path: "test-results/connection-failed.png", fullPage: true });

  // Its host computer's page (names may be Japanese, with spaces or emoji): who used it that week.
  const hostLink = page.getByRole("region", { name: "接続の詳細" }).locator("a[href^='/hosts/']");
  const hostName = await hostLink.innerText();
  await hostLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(hostName);
  await page.goto(`${new URL(page.url()).pathname}?span=week&date=${day}`);
  await expect(page.getByTestId("timeline").locator(`a[href="/connections/${attemptId}"]`)).toBeVisible();
  await expect(page.getByTestId("timeline").getByRole("link", { name: email ?? userName, exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/host-timeline.png", fullPage: true });
});

test("the connections table filters in its URL, names bad parameters and exports what it shows", async ({ page }) => {
  await openWhenStitched(page, "/connections");
  await page.screenshot({ path: "test-results/connections.png", fullPage: true });

  const response = await page.goto("/connections?status=failed&min_duration=abc&colour=red");
  expect(response?.status()).toBe(200);
  const problems = page.getByTestId("param-problems");
  await expect(problems).toContainText("min_duration=abc には 90 (秒)、「90s」「5m」「1.5h」のような時間の長さを指定してください。");
  await expect(problems).toContainText("colour=red はこのページのパラメーターではありません");
  expect(new Set(await connectionRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status"))))).toEqual(new Set(["failed"]));
  const failed = Number(await page.getByTestId("result-count").getAttribute("data-count"));

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV をエクスポート" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("parsec-connections_status-failed.csv");
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.toString("utf8"));
  expect(header!.slice(0, 4)).toEqual(["接続試行 ID", "状態", "開始日時 (UTC)", "開始日時 (Asia/Tokyo)"]);
  expect(rows.length).toBeGreaterThanOrEqual(failed);
  for (const row of rows) expect(row[1]).toBe("failed");
});

test("insights: the charts show the demo team's connections, and a bar opens its connections", async ({ page }) => {
  await openWhenStitched(page, "/connections");
  await page.goto("/insights");
  for (const chart of ["chart-exit-codes", "chart-failing-hosts", "chart-failing-users", "chart-durations", "chart-hours", "chart-concurrency"]) {
    await expect(page.getByTestId(chart).locator("svg.recharts-surface").first(), chart).toBeVisible();
  }
  await expect(page.getByTestId("chart-exit-codes").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("exit-code-legend")).toContainText("0 成功");
  await page.screenshot({ path: "test-results/insights.png", fullPage: true });

  // The top failing host: its bar of failures opens exactly its failed connections.
  const hosts = page.locator("#failing-hosts-heading").locator("..");
  // The chart's table fallback is made when it is opened.
  await expect(hosts.locator(".chart-table tbody")).toHaveCount(0);
  await hosts.locator(".chart-table summary").click();
  const topHost = (await hosts.locator(".chart-table tbody th").first().textContent())!;
  await expect(hosts.getByRole("table")).toBeVisible();
  // Computer names are shown as they are ("OFFICE\Anna" is not "OFFICE\ANNA"), unlike column headings.
  await expect(hosts.locator(".chart-table tbody th").first()).toHaveCSS("text-transform", "none");
  await page.screenshot({ path: "test-results/insights-table-open.png", fullPage: true });
  await hosts.getByTestId("chart-failing-hosts").locator(".recharts-bar").first().locator(".recharts-rectangle").first().click();
  await expect(page).toHaveURL(/\/connections\?/);
  const url = new URL(page.url());
  expect(url.searchParams.getAll("host")).toEqual([topHost]);
  expect(url.searchParams.getAll("status")).toEqual(["failed"]);
  await expect(connectionRows(page).first()).toBeVisible();
  const shown = await connectionRows(page).evaluateAll((rows) =>
    rows.map((row) => [row.getAttribute("data-status"), row.querySelector("td:nth-child(3) a")?.textContent]),
  );
  for (const [status, host] of shown) expect([status, host]).toEqual(["failed", topHost]);
  await page.screenshot({ path: "test-results/insights-bar-to-connections.png", fullPage: true });

  // The charts count the viewer's days: a bar of a day opens that Tokyo day, 15:00 to 15:00 UTC.
  await page.goto("/insights");
  await expect(page.locator(".page-intro")).toContainText("Asia/Tokyo の時刻で数えています");
  await page.getByTestId("chart-exit-codes").locator(".recharts-bar").first().locator(".recharts-rectangle").first().click();
  await expect(page).toHaveURL(/\/connections\?/);
  const day = new URL(page.url());
  expect(new Date(day.searchParams.get("from")!).getUTCHours()).toBe(15);
  expect(Date.parse(day.searchParams.get("to")!) - Date.parse(day.searchParams.get("from")!)).toBe(86_400_000 - 1);
});
