import { expect, test, type Page } from "./fixtures";
import { openWhenStitched } from "./demoData";

const TOKYO_OFFSET_MS = 9 * 3_600_000; // the browser's zone in playwright.config.ts; Japan keeps no daylight saving
const tokyoDay = (iso: string) => new Date(Date.parse(iso) + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
const connectionRows = (page: Page) => page.getByTestId("connections-table").locator("tbody tr[data-attempt-id]");
const params = (page: Page) => new URL(page.url()).searchParams;

test("why did connections to a computer fail this week: the host's week leads to that week's failures, its users' weeks, and a day that is the day", async ({
  page,
}) => {
  await openWhenStitched(page, "/connections?status=failed");
  const failure = connectionRows(page).first();
  const host = (await failure.locator("td:nth-child(3) a").innerText()).trim();
  const day = tokyoDay((await failure.locator("time").first().getAttribute("datetime"))!);

  await page.goto(`/hosts/${encodeURIComponent(host)}?span=week&date=${day}`);
  await expect(page.getByTestId("timeline-window")).toContainText("からの週");
  const userLane = page.getByTestId("timeline").locator("a[href^='/users/']").first();
  const userPath = new URL((await userLane.getAttribute("href"))!, page.url()).pathname;

  // "Failed connections" is this week's failures of this host, not all time's.
  await page.getByRole("link", { name: "失敗した接続" }).click();
  await expect(page).toHaveURL(/\/connections\?/);
  expect(params(page).getAll("host")).toEqual([host]);
  expect(params(page).getAll("exit")).toEqual(["failure"]);
  const from = Date.parse(params(page).get("from")!);
  const to = Date.parse(params(page).get("to")!);
  expect(to - from).toBe(7 * 86_400_000 - 1);
  expect(tokyoDay(new Date(from).toISOString()) <= day && day <= tokyoDay(new Date(to).toISOString())).toBe(true);
  await expect(connectionRows(page).first()).toBeVisible();
  const starts = await connectionRows(page)
    .locator("time")
    .evaluateAll((times) => times.map((t) => Date.parse(t.getAttribute("datetime")!)));
  expect(starts.length).toBeGreaterThan(0);
  for (const start of starts) expect(start >= from && start <= to).toBe(true);
  await page.screenshot({ path: "test-results/host-week-failures.png", fullPage: true });

  // A user of the host's week opens on that week, and "Day" there is the day the week was opened for.
  await page.goBack();
  await page.getByTestId("timeline").locator(`a[href^='${userPath}?']`).first().click();
  await expect(page).toHaveURL(new RegExp(`${userPath}\\?span=week&date=${day}$`));
  await page.locator("a[data-span=day]").click();
  await expect(page).toHaveURL(new RegExp(`span=day&date=${day}$`));
});

test("a user link from a table narrowed to a day opens that user's day, and an opened event's timeline links open on its day", async ({ page }) => {
  await openWhenStitched(page, "/connections");
  const day = tokyoDay((await connectionRows(page).first().locator("time").first().getAttribute("datetime"))!);
  const start = new Date(Date.parse(`${day}T00:00:00.000Z`) - TOKYO_OFFSET_MS);
  const end = new Date(start.getTime() + 86_400_000 - 1);
  await page.goto(`/connections?from=${start.toISOString()}&to=${end.toISOString()}`);
  const userLink = connectionRows(page).first().locator("a[href^='/users/']");
  await expect(userLink).toHaveAttribute("href", new RegExp(`\\?span=day&date=${day}$`));
  await userLink.click();
  await expect(page.getByTestId("timeline")).toHaveAttribute("data-span", "day");

  // In the explorer, an opened event's "this user's timeline" is the day of the event, in the viewer's zone.
  await page.goto("/events?name=client_disconnect");
  const event = page.getByTestId("events-table").locator("tbody tr[data-event-id]").first();
  const eventDay = tokyoDay((await event.locator("time").first().getAttribute("datetime"))!);
  await page.getByRole("heading", { name: "イベント", level: 1 }).click();
  await page.keyboard.press("j");
  await expect(event).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(".event-detail").getByRole("link", { name: "このユーザーのタイムライン" })).toHaveAttribute(
    "href",
    new RegExp(`\\?span=day&date=${eventDay}$`),
  );
  await expect(page.locator(".event-detail").getByRole("link", { name: "このホストのタイムライン" })).toHaveAttribute(
    "href",
    new RegExp(`\\?span=day&date=${eventDay}$`),
  );
});
