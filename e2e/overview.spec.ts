import { expect, test } from "./fixtures";

test("a first start in demo mode syncs the simulated API and shows the events", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".demo-banner")).toContainText("デモモード");

  // The startup sync runs in the background; the overview shows it once it has stored events.
  await expect(async () => {
    await page.reload();
    const stored = Number((await page.getByTestId("events-stored").innerText()).replace(/\D/g, ""));
    expect(stored).toBeGreaterThan(2_000);
    await expect(page.getByTestId("latest-events").locator("tbody tr")).toHaveCount(50);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });

  await expect(page.getByText("時刻: Asia/Tokyo")).toBeVisible();
  // The browser told the server its zone (a cookie): the next page arrives already in it.
  // (The request context sends no Accept-Language of its own: say it, as the browser does.)
  await expect.poll(async () => (await page.request.get("/", { headers: { "accept-language": "ja-JP" } })).text()).toMatch(/時刻: (<!-- -->)?Asia\/Tokyo/);
  // Times are shown in the viewer's zone, with the UTC original on hover.
  const firstTime = page.getByTestId("latest-events").locator("tbody tr").first().locator("time");
  const iso = await firstTime.getAttribute("datetime");
  expect(iso).toMatch(/Z$/);
  expect(await firstTime.getAttribute("title")).toMatch(/\(UTC\)$/);
  const tokyo = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", hour: "2-digit", hourCycle: "h23" }).format(new Date(iso!));
  expect(await firstTime.innerText()).toContain(`${tokyo.padStart(2, "0")}:`);

  // The header switches every time on the page to UTC, and the browser remembers it.
  await page.getByRole("button", { name: "UTC で表示" }).click();
  await expect(page.getByTestId("time-zone")).toHaveText("時刻: UTC");
  const utcHour = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", hour: "2-digit", hourCycle: "h23" }).format(new Date(iso!));
  await expect(firstTime).toContainText(`${utcHour.padStart(2, "0")}:`);
  await expect(firstTime).toContainText("UTC");
  await page.reload();
  await expect(page.getByTestId("time-zone")).toHaveText("時刻: UTC");
  await page.getByRole("button", { name: "Asia/Tokyo で表示" }).click();
  await expect(page.getByTestId("time-zone")).toHaveText("時刻: Asia/Tokyo");

  const runs = page
    .getByRole("region", { name: "同期とインポートの実行履歴" })
    .or(page.locator("section", { has: page.getByRole("heading", { name: "同期とインポートの実行履歴" }) }));
  await expect(runs.getByText("成功", { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/overview.png", fullPage: true });
});
