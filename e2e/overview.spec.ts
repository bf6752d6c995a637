import { expect, test } from "./fixtures";

test("a first start in demo mode syncs the simulated API and shows the events", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("status")).toContainText("Demo mode");

  // The startup sync runs in the background; the overview shows it once it has stored events.
  await expect(async () => {
    await page.reload();
    const stored = Number((await page.getByTestId("events-stored").innerText()).replace(/\D/g, ""));
    expect(stored).toBeGreaterThan(2_000);
    await expect(page.getByTestId("latest-events").locator("tbody tr")).toHaveCount(50);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });

  await expect(page.getByText("Times in Asia/Tokyo")).toBeVisible();
  // The browser told the server its zone (a cookie): the next page arrives already in it.
  await expect.poll(async () => (await page.request.get("/")).text()).toMatch(/Times in (<!-- -->)?Asia\/Tokyo/);
  // Times are shown in the viewer's zone, with the UTC original on hover.
  const firstTime = page.getByTestId("latest-events").locator("tbody tr").first().locator("time");
  const iso = await firstTime.getAttribute("datetime");
  expect(iso).toMatch(/Z$/);
  expect(await firstTime.getAttribute("title")).toMatch(/\(UTC\)$/);
  const tokyo = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", hour: "2-digit", hourCycle: "h23" }).format(new Date(iso!));
  expect(await firstTime.innerText()).toContain(`${tokyo.padStart(2, "0")}:`);

  // The header switches every time on the page to UTC, and the browser remembers it.
  await page.getByRole("button", { name: "show UTC" }).click();
  await expect(page.getByTestId("time-zone")).toHaveText("Times in UTC");
  const utcHour = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", hour: "2-digit", hourCycle: "h23" }).format(new Date(iso!));
  await expect(firstTime).toContainText(`${utcHour.padStart(2, "0")}:`);
  await expect(firstTime).toContainText("UTC");
  await page.reload();
  await expect(page.getByTestId("time-zone")).toHaveText("Times in UTC");
  await page.getByRole("button", { name: "show Asia/Tokyo" }).click();
  await expect(page.getByTestId("time-zone")).toHaveText("Times in Asia/Tokyo");

  const runs = page
    .getByRole("region", { name: "Sync and import runs" })
    .or(page.locator("section", { has: page.getByRole("heading", { name: "Sync and import runs" }) }));
  await expect(runs.getByText("succeeded").first()).toBeVisible();
  await page.screenshot({ path: "test-results/overview.png", fullPage: true });
});
