import { expect, type Page } from "./fixtures";

/** The startup sync stores the demo history in the background and stitches its connections as it goes: open `path` once its count passes `atLeast`. */
export async function openWhenStitched(page: Page, path: string, atLeast = 20) {
  await expect(async () => {
    await page.goto(path);
    expect(Number(await page.getByTestId("result-count").getAttribute("data-count"))).toBeGreaterThan(atLeast);
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000] });
}

export const eventRows = (page: Page) => page.getByTestId("events-table").locator("tbody tr[data-event-id]");

/** Open an explorer `path` once the sync has stored more than `atLeast` of the events it shows. */
export async function openWhenEventsShown(page: Page, path: string, atLeast = 0) {
  await expect(async () => {
    await page.goto(path);
    expect(await eventRows(page).count()).toBeGreaterThan(atLeast);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
}
