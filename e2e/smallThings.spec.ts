import { expect, test, type Locator } from "./fixtures";
import { openWhenStitched } from "./demoData";

/** What a Japanese IME sends while a conversion is open: Enter chooses the conversion, it must not submit the field. */
async function enterWhileComposing(field: Locator) {
  await field.evaluate((input) => {
    input.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, data: "" }));
    input.dispatchEvent(new CompositionEvent("compositionupdate", { bubbles: true, data: "かいぎしつ" }));
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
    input.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "会議室" }));
  });
}

test("Enter that picks a Japanese IME conversion adds no value; the Enter after it does", async ({ page }) => {
  await openWhenStitched(page, "/events");
  const host = page.getByLabel("ホスト: 値を入力して Enter");
  await host.fill("会議室PC");
  await enterWhileComposing(host);
  // Nothing was added: the text is still being written, the URL and the chips are as they were.
  await page.waitForTimeout(500);
  expect(new URL(page.url()).searchParams.getAll("host")).toEqual([]);
  await expect(host).toHaveValue("会議室PC");
  await host.press("Enter");
  await expect(page).toHaveURL(/[?&]host=%E4%BC%9A%E8%AD%B0%E5%AE%A4PC/);
  await expect(host).toHaveValue("");

  // The same in the connections table's duration bounds, which also apply on Enter.
  await openWhenStitched(page, "/connections");
  const atLeast = page.getByLabel(/^接続時間の最短/);
  await atLeast.fill("1.5h");
  await enterWhileComposing(atLeast);
  await page.waitForTimeout(500);
  expect(new URL(page.url()).searchParams.get("min_duration")).toBeNull();
  await atLeast.press("Enter");
  await expect(page).toHaveURL(/min_duration=1.5h/);
});

test("a duration bound is shown as it was typed, and a histogram bar's bounds as a person reads them", async ({ page }) => {
  await openWhenStitched(page, "/connections?min_duration=1.5h");
  // Not "90m", and not 5400s.
  await expect(page.getByLabel(/^接続時間の最短/)).toHaveValue("1.5h");
  await page.reload();
  await expect(page.getByLabel(/^接続時間の最短/)).toHaveValue("1.5h");

  await page.goto("/insights");
  const durations = page.locator("#durations-heading").locator("..");
  await durations.locator(".chart-table summary").click();
  const labels = await durations.locator(".chart-table tbody th").allInnerTexts();
  expect(labels.length).toBeGreaterThan(3);
  for (const label of labels.filter((text) => text.includes("–"))) {
    const [from, to] = label.split("–");
    expect(from, label).not.toBe(to);
  }
  // A bar's link writes its bounds in hours, minutes and seconds, and the filter shows them so.
  await durations.getByTestId("chart-durations").locator(".recharts-bar .recharts-rectangle").last().click();
  await expect(page).toHaveURL(/\/connections\?/);
  const bound = new URL(page.url()).searchParams.get("min_duration")!;
  expect(bound).toMatch(/^(\d+h)?(\d+m)?(\d+s)?$/);
  await expect(page.getByLabel(/^接続時間の最短/)).toHaveValue(bound);
});

test("the viewer audit calls a connections export an export of connections", async ({ page }) => {
  const exported = await page.request.get("/connections/export?format=csv&status=failed");
  expect(exported.status()).toBe(200);
  await page.goto("/admin/audit?action=export_connections");
  const row = page.getByTestId("viewer-audit").locator("tbody tr").first();
  await expect(row).toContainText("接続をエクスポート");
  await expect(row).toContainText("status-failed");
  await page.goto("/admin/audit?action=export");
  await expect(page.getByTestId("viewer-audit").locator("tbody tr", { hasText: "status-failed" })).toHaveCount(0);
});
