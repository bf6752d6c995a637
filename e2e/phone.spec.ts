import { expect, test, type Locator, type Page } from "./fixtures";

/** A phone held upright (an iPhone 12 to 15's CSS pixels). */
const PHONE = { width: 390, height: 844 };

/** Every page a signed-in admin reaches from the header; a connection's detail is added once the demo's are stitched. */
const PAGES = ["/", "/events", "/connections", "/insights", "/alerts", "/alerts/log", "/integrations", "/admin/import", "/admin/audit", "/admin/password"];

const TEXT = {
  ja: { menu: "メニュー", nav: "メイン", insights: "分析", events: "イベント", filters: /^絞り込み \(2 件適用中\)$/, oneFilter: /^絞り込み \(1 件適用中\)$/ },
  en: { menu: "Menu", nav: "Main", insights: "Insights", events: "Events", filters: /^Filters \(2 active\)$/, oneFilter: /^Filters \(1 active\)$/ },
} as const;

/** The startup sync stores the demo history in the background: wait until a connection is stitched. */
async function aConnectionPath(page: Page): Promise<string> {
  let href: string | null = null;
  await expect(async () => {
    await page.goto("/connections");
    href = await page.getByTestId("connections-table").locator("tbody tr[data-attempt-id] a[href^='/connections/']").first().getAttribute("href");
    expect(href).toBeTruthy();
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
  return href!;
}

/**
 * The page itself cannot be scrolled sideways. A mobile browser zooms out to fit a page wider than
 * its screen (window.innerWidth then grows with it), so the page is also held to the screen's width.
 */
async function expectNoSidewaysScroll(page: Page, width: number) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(innerWidth, "the browser did not zoom out to fit a wide page").toBe(width);
  expect(scrollWidth, "the page is no wider than the screen").toBeLessThanOrEqual(innerWidth);
}

/** At least a fingertip's 40 px in both directions. */
async function expectTouchSize(target: Locator) {
  const box = (await target.boundingBox())!;
  expect(box.height, "tall enough for a finger").toBeGreaterThanOrEqual(40);
  expect(box.width, "wide enough for a finger").toBeGreaterThanOrEqual(40);
}

const shotName = (path: string, tag: string) => `test-results/phone${path === "/" ? "-overview" : path.replace(/[/?=&]+/g, "-")}-${tag}.png`;

for (const { locale, tag } of [
  { locale: "ja-JP", tag: "ja" },
  { locale: "en-US", tag: "en" },
] as const) {
  const text = TEXT[tag];

  test.describe(`on a phone in ${locale}`, () => {
    test.use({ viewport: PHONE, locale, isMobile: true, hasTouch: true });

    test("every page fits the screen's width, its navigation folded into the menu", async ({ page }) => {
      const connection = await aConnectionPath(page);
      for (const path of [...PAGES, connection]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", tag);
        await expect(page.locator("main h1")).toBeVisible();
        await expect(page.getByRole("navigation", { name: text.nav })).toBeHidden();
        await expectTouchSize(page.getByTestId("header-menu-toggle"));
        // Charts and timelines are drawn within the screen.
        for (const chart of await page.locator("main svg, main .timeline").all()) {
          const box = await chart.boundingBox();
          if (box) expect(box.x + box.width, "a chart fits the screen").toBeLessThanOrEqual(PHONE.width);
        }
        await expectNoSidewaysScroll(page, PHONE.width);
        await page.screenshot({ path: shotName(path === connection ? "/connection" : path, tag), fullPage: true });
      }
    });

    test("the menu opens by touch and by keyboard, offers the language switch and navigates", async ({ page }) => {
      await page.goto("/");
      const toggle = page.getByTestId("header-menu-toggle");
      const nav = page.getByRole("navigation", { name: text.nav });
      await expect(toggle).toHaveText(new RegExp(text.menu));
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      await toggle.tap();
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
      await expect(nav).toBeVisible();
      for (const link of await nav.getByRole("link").all()) await expectTouchSize(link);
      await expect(page.getByRole("button", { name: tag === "ja" ? "English" : "日本語" })).toBeVisible();
      await page.screenshot({ path: `test-results/phone-menu-open-${tag}.png` });
      await expectNoSidewaysScroll(page, PHONE.width);

      await nav.getByRole("link", { name: text.insights }).tap();
      await expect(page).toHaveURL(/\/insights$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.insights);
      // The header outlives the navigation: the menu closed behind the choice.
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      await expect(nav).toBeHidden();

      // The keyboard: Enter opens, Escape closes and leaves the focus on the button.
      await toggle.focus();
      await page.keyboard.press("Enter");
      await expect(nav).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(nav).toBeHidden();
      await expect(toggle).toBeFocused();
    });

    test("the filters fold behind a button that counts them; the events keep their key columns and open for the rest", async ({ page }) => {
      await page.goto("/events?name=p2p_client_complete&exit=failure");
      const toggle = page.getByTestId("filter-toggle");
      await expect(toggle).toHaveText(text.filters);
      await expectTouchSize(toggle);
      const filters = page.locator(".filter-bar");
      await expect(filters).toBeHidden();
      // The rows start on the first screen.
      const firstRow = page.getByTestId("events-table").locator("tbody tr[data-event-id]").first();
      expect((await firstRow.boundingBox())!.y).toBeLessThan(PHONE.height);
      await toggle.tap();
      await expect(filters).toBeVisible();
      await expectNoSidewaysScroll(page, PHONE.width);
      await page.screenshot({ path: `test-results/phone-events-filters-${tag}.png`, fullPage: true });
      await toggle.tap();
      await expect(filters).toBeHidden();

      // Time, event, user and host; the client, exit code, duration and attempt wait in the row's detail.
      const table = page.getByTestId("events-table");
      const visibleHeadings =
        (await table.locator("thead th").evaluateAll((cells) => cells.filter((cell) => cell.getBoundingClientRect().width > 0).length)) - 1;
      expect(visibleHeadings, "four columns besides the row's ▸").toBe(4);
      await expect(table.locator("td.cell-attempt").first()).toBeHidden();
      const expand = firstRow.locator(".expand-button");
      await expectTouchSize(expand);
      await expand.tap();
      const detail = table.locator(".detail-row .event-detail");
      await expect(detail).toBeVisible();
      await expect(detail).toContainText("attempt_id");
      await expectNoSidewaysScroll(page, PHONE.width);
      await page.screenshot({ path: `test-results/phone-events-detail-${tag}.png` });

      // The insights' filters fold the same way.
      await page.goto("/insights?host=OFFICE%5Cnaoki");
      await expect(page.getByTestId("filter-toggle")).toHaveText(text.oneFilter);
      await expect(page.locator(".filter-bar")).toBeHidden();

      await page.goto("/connections?status=failed");
      await expect(page.getByTestId("filter-toggle")).toHaveText(text.oneFilter);
      await expect(page.locator(".filter-bar")).toBeHidden();
      // A connection's start opens its detail, where the rest of the row is.
      await page.getByTestId("connections-table").locator("tbody tr[data-attempt-id] a[href^='/connections/']").first().tap();
      await expect(page).toHaveURL(/\/connections\/[^/?]+$/);
      await expectNoSidewaysScroll(page, PHONE.width);
    });
  });
}

for (const { locale, tag } of [
  { locale: "ja-JP", tag: "ja" },
  { locale: "en-US", tag: "en" },
] as const) {
  test.describe(`the sign-in page on a phone in ${locale}`, () => {
    test.use({ viewport: PHONE, locale, isMobile: true, hasTouch: true, storageState: { cookies: [], origins: [] } });
    test("fits the screen's width, its language switch at hand", async ({ page }) => {
      await page.goto("/sign-in");
      await expect(page.locator("main h1")).toBeVisible();
      await expect(page.getByRole("button", { name: tag === "ja" ? "English" : "日本語" })).toBeVisible();
      await expectNoSidewaysScroll(page, PHONE.width);
      await page.screenshot({ path: shotName("/sign-in", tag), fullPage: true });
    });
  });
}

for (const locale of ["en-US", "ja-JP"] as const) {
  test.describe(`on a desktop in ${locale}`, () => {
    test.use({ viewport: { width: 1280, height: 800 }, locale });
    test("the header keeps every item whole on one line, with no menu button", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByTestId("header-menu-toggle")).toBeHidden();
      const header = page.locator(".app-header__inner");
      const items = header.locator(".brand, nav a, .time-zone, .locale-switch button, .account-menu > summary");
      await expect(items).toHaveCount(1 + 6 + 1 + 2 + 1);
      const headerBox = (await header.boundingBox())!;
      for (const item of await items.all()) {
        await expect(item).toBeVisible();
        const box = (await item.boundingBox())!;
        expect(box.x, "the item starts inside the header").toBeGreaterThanOrEqual(headerBox.x);
        expect(box.x + box.width, "the item ends inside the window").toBeLessThanOrEqual(1280);
        expect(box.y + box.height, "one line").toBeLessThanOrEqual(headerBox.y + headerBox.height);
        // Not cut by its own box either.
        expect(await item.evaluate((element) => element.scrollWidth <= element.clientWidth || element.clientWidth === 0)).toBe(true);
      }
      expect(headerBox.height, "the header is one line").toBeLessThan(70);
      await expectNoSidewaysScroll(page, 1280);

      // The admin's pages and sign-out are under their email.
      await page.locator(".account-menu > summary").click();
      await expect(page.getByRole("button", { name: locale === "ja-JP" ? "サインアウト" : "Sign out" })).toBeVisible();
      await page.screenshot({ path: `test-results/desktop-header-${locale}.png` });
    });
  });
}
