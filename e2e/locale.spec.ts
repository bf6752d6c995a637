import { expect, test, type Page } from "./fixtures";

/** Words of the Latin script in a text, but for names and abbreviations Japanese writes the same. */
const englishWords = (text: string) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !["Parsec", "ID", "IP", "UTC", "CSV", "NDJSON"].includes(word));

async function headingsAndNavigation(page: Page): Promise<string> {
  const parts = [
    await page.getByRole("navigation", { name: "メイン" }).innerText(),
    await page.locator(".account-menu a:not([href='/admin/password']), .account-menu button").allInnerTexts(),
    await page.locator("main h1, main h2, .brand").allInnerTexts(),
    await page.locator("main table th").allInnerTexts(),
    await page.locator("main nav, main .button, main label").allInnerTexts(),
  ];
  return parts.flat().join("\n");
}

test("a Japanese browser gets the overview in Japanese: no English left in its headings and navigation", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("概要");
  await expect(page.getByRole("navigation", { name: "メイン" })).toHaveText(/概要\s*イベント\s*接続\s*分析/);
  expect(englishWords(await headingsAndNavigation(page))).toEqual([]);
  // Times are written the Japanese way, and the title says so too.
  await expect(page.getByTestId("latest-events").locator("tbody time").first()).toHaveText(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d$/);
  await expect(page).toHaveTitle("Parsec 監査ログ");
  await page.screenshot({ path: "test-results/locale-overview-ja.png", fullPage: true });
});

for (const path of ["/events", "/connections"]) {
  test(`${path} in a Japanese browser has no English in its headings, navigation, buttons and labels`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.locator("main table th").first()).toBeVisible();
    expect(englishWords(await headingsAndNavigation(page))).toEqual([]);
    await page.screenshot({ path: `test-results/locale${path.replace("/", "-")}-ja.png`, fullPage: true });
  });
}

test("the header's switch changes the language, and the browser keeps it across a reload", async ({ page, context }) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "日本語" })).toBeDisabled();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveText(/Overview\s*Events\s*Connections\s*Insights/);
  await expect(page.getByTestId("latest-events").locator("tbody time").first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  const cookie = (await context.cookies()).find((c) => c.name === "parsec_viewer_locale");
  expect(cookie?.value).toBe("en");
  expect(cookie?.httpOnly).toBe(true);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  // The server itself renders English now, whatever the browser's languages say (no flash of Japanese).
  const html = await (await page.request.get("/", { headers: { "accept-language": "ja-JP,ja;q=0.9" } })).text();
  expect(html).toContain('<html lang="en"');
  await page.screenshot({ path: "test-results/locale-overview-en.png", fullPage: true });

  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("概要");
});

test("a cookie that names no language of ours is ignored: the browser's language applies", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "parsec_viewer_locale", value: "<script>", url: baseURL! }]);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("概要");
});

test.describe("an American browser", () => {
  test.use({ locale: "en-US", timezoneId: "America/New_York" });

  test("gets English from Accept-Language, with no switch pressed", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
    await expect(page.getByRole("button", { name: "English" })).toBeDisabled();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the switch still works: it is a plain form post", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("概要");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  });
});
