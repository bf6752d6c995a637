import { expect, test, type Page } from "./fixtures";
import { typeTokyoStart } from "./timeRange";

/** Words of the Latin script in a text, but for names and abbreviations Japanese writes the same. */
const englishWords = (text: string) =>
  (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !["Parsec", "API", "ID", "IP", "UTC", "CSV", "NDJSON"].includes(word));

/**
 * The text of the elements `selector` finds, as a reader sees it, without what is marked as no
 * text to translate (translate="no": a host's name, an email, a destination's name).
 */
async function translatableTexts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((element) => !element.closest('[translate="no"]'))
      .map((element) => {
        // Taken out while the text is read, and put back as they were (a select's options count in
        // its label's text even when hidden).
        const names = [...element.querySelectorAll('[translate="no"]')].map((name) => {
          const marker = document.createComment("");
          name.replaceWith(marker);
          return [name, marker] as const;
        });
        const text = (element as HTMLElement).innerText;
        for (const [name, marker] of names) marker.replaceWith(name);
        return text;
      }),
  );
}

/** What the viewer itself writes on a page: its navigation, headings, column heads, buttons, labels and folds. */
async function interfaceTexts(page: Page): Promise<string> {
  const parts = await Promise.all(
    [
      "header nav",
      ".account-menu a, .account-menu button",
      "main h1, main h2, .brand",
      "main table th",
      "main nav, main .button, main label, main summary",
    ].map((selector) => translatableTexts(page, selector)),
  );
  return parts.flat().join("\n");
}

/**
 * Every page of the viewer, the detail pages reached as a person reaches them (a link in a list):
 * `open` lands on it.
 */
const EVERY_PAGE: { name: string; open: (page: Page) => Promise<void> }[] = [
  ...["/", "/events", "/connections", "/insights", "/alerts", "/alerts/log", "/integrations", "/admin/audit", "/admin/import", "/admin/password"].map(
    (path) => ({ name: path, open: async (page: Page) => void (await page.goto(path)) }),
  ),
  ...(["connections", "hosts", "users"] as const).map((kind) => ({
    name: `/${kind}/…`,
    open: async (page: Page) => {
      await page.goto("/connections?status=ended");
      const link = page.getByTestId("connections-table").locator(`tbody a[href^='/${kind}/']`).first();
      await page.goto((await link.getAttribute("href"))!);
    },
  })),
];

const fileName = (name: string) => (name === "/" ? "-overview" : name.replaceAll("/", "-").replace("…", "detail"));

for (const { name, open } of EVERY_PAGE) {
  test(`${name} in a Japanese browser has no English in its navigation, headings, buttons and labels`, async ({ page }) => {
    await open(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.locator("main h1")).toBeVisible();
    // The zone's IANA name is no English to translate.
    expect(englishWords((await interfaceTexts(page)).replace(/Asia\/Tokyo/g, ""))).toEqual([]);
    await page.screenshot({ path: `test-results/locale${fileName(name)}-ja.png`, fullPage: true });
  });
}

test("a Japanese browser gets the overview in Japanese, its times written the Japanese way", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("概要");
  await expect(page.getByRole("navigation", { name: "メイン" })).toHaveText(/概要\s*イベント\s*接続\s*分析/);
  await expect(page.getByTestId("latest-events").locator("tbody time").first()).toHaveText(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d$/);
  await expect(page).toHaveTitle("Parsec 監査ログ");
});

test("a user's timeline in a Japanese browser: its window, spans, totals and legend have no English", async ({ page }) => {
  await page.goto("/events?name=p2p_client_complete");
  await page.getByTestId("events-table").locator("tbody a[href^='/users/']").first().click();
  await expect(page.getByTestId("timeline-window")).toContainText("からの週");
  const texts = [
    await page.getByRole("navigation", { name: "表示期間" }).innerText(),
    await page.getByTestId("timeline-totals").innerText(),
    await page.locator("main h2").allInnerTexts(),
    await page.locator(".timeline-legend, .entity-links").allInnerTexts(),
  ];
  // The zone's IANA name is no English to translate.
  expect(
    englishWords(
      texts
        .flat()
        .join("\n")
        .replace(/Asia\/Tokyo/g, ""),
    ),
  ).toEqual([]);
  await expect(page.getByTestId("timeline-window")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日\([月火水木金土日]\) からの週$/);
  await page.screenshot({ path: "test-results/locale-user-timeline-ja.png", fullPage: true });
});

test.describe("an English reader", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: "parsec_viewer_locale", value: "en", url: baseURL! }]);
  });

  for (const { name, open } of EVERY_PAGE) {
    test(`sees ${name} in English`, async ({ page }) => {
      await open(page);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.locator("main h1")).toBeVisible();
      // What the viewer writes; the data in the rows and a host's name may be Japanese (会議室PC).
      expect((await interfaceTexts(page)).match(/[\u3040-\u30ff\u4e00-\u9fff]+/g) ?? []).toEqual([]);
      await page.screenshot({ path: `test-results/locale${fileName(name)}-en.png`, fullPage: true });
    });
  }
});

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

test("the calendar ranges pick the viewer's day and week in Tokyo, weeks from Monday", async ({ page }) => {
  await page.goto("/events");
  const ranges = page.getByRole("group", { name: "暦の期間 (週は月曜始まり)" });
  await expect(ranges).toHaveText(/今日\s*昨日\s*今週\s*先週\s*今月\s*先月/);
  await ranges.getByRole("button", { name: "今日" }).click();
  await expect(page).toHaveURL(/[?&]to=/);
  const params = new URL(page.url()).searchParams;
  const from = Date.parse(params.get("from")!);
  // A Tokyo day starts at 15:00 UTC and lasts a day to the millisecond.
  expect(new Date(from).getUTCHours()).toBe(15);
  expect(Date.parse(params.get("to")!) + 1 - from).toBe(86_400_000);
  await ranges.getByRole("button", { name: "先週" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("from")).not.toBe(params.get("from"));
  const lastWeek = new Date(Date.parse(new URL(page.url()).searchParams.get("from")!) + 9 * 3_600_000);
  expect(lastWeek.getUTCDay()).toBe(1);
  await page.screenshot({ path: "test-results/locale-calendar-ranges-ja.png", fullPage: true });
});

test("the from and to fields are written the Japanese way in the viewer's zone, and a date that does not exist is refused, not dropped", async ({ page }) => {
  await page.goto("/events");
  const range = await typeTokyoStart(page, "apply");
  await range.getByLabel("終了").fill("2026/02/30 10:00");
  await range.getByRole("button", { name: "適用" }).click();
  await expect(range.getByRole("alert")).toHaveText("終了: 2026/12/02 09:00 のように日時を入力してください (表示中のタイムゾーンの時刻)。");
  await expect(range.getByLabel("終了")).toHaveAttribute("aria-invalid", "true");
  expect(new URL(page.url()).searchParams.get("to")).toBeNull();
  await page.screenshot({ path: "test-results/locale-date-fields-ja.png", fullPage: true });
});

test("a broken address is explained in the reader's language: the browser's, or the one the switch chose", async ({
  page,
  context,
  baseURL,
  allowConsoleErrors,
}) => {
  // The browser logs the page's 400, which is what it is.
  allowConsoleErrors(/status of 400 \(Bad Request\) \(at http:\/\/[^)]*\/users\/%E0%A4%A\)/);
  // A "%" not followed by a character's UTF-8 bytes: no page can read the path, the proxy answers.
  const broken = "/users/%E0%A4%A";
  const japanese = await page.request.get(broken, { headers: { "accept-language": "ja-JP,ja;q=0.9,en;q=0.5" } });
  expect(japanese.status()).toBe(400);
  expect(japanese.headers()["content-language"]).toBe("ja");
  await page.goto(broken);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("このアドレスは壊れています");
  await expect(page).toHaveTitle("壊れたアドレス · Parsec 監査ログ");
  await page.getByRole("link", { name: "概要" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("概要");

  await context.addCookies([{ name: "parsec_viewer_locale", value: "en", url: baseURL! }]);
  await page.goto(broken);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This address is broken");
  await expect(page.getByRole("link", { name: "the overview" })).toHaveAttribute("href", "/");
});
