import { expect, test, type Page } from "./fixtures";
import { eventRows, openWhenStitched } from "./demoData";

const searchBox = (page: Page) => page.getByRole("searchbox", { name: "イベントを検索" });
const chips = (page: Page) => page.getByTestId("active-filter");
const param = (page: Page, name: string) => new URL(page.url()).searchParams.getAll(name);
const exitNames = (page: Page) => eventRows(page).locator(".exit-code__name").allInnerTexts();

test("a search for an exit code's name finds the failed rows that show it, says which codes it matched, and shows what applies as chips", async ({ page }) => {
  await openWhenStitched(page, "/events", 2_000);
  await expect(chips(page)).toHaveCount(0);

  // NAT_ERR is printed on failed rows, never stored as text: the search finds them through the catalogue.
  await searchBox(page).fill("NAT_ERR");
  await searchBox(page).press("Enter");
  await expect(page).toHaveURL(/[?&]q=NAT_ERR(&|$)/);
  await expect(page.getByTestId("code-search-note")).toContainText("「NAT_ERR」は終了コードの名前や説明にも一致するため");
  await expect(page.getByTestId("code-search-note")).toContainText("-6023 NAT_ERR_PEER_PHASE");
  await expect.poll(async () => (await exitNames(page)).length).toBeGreaterThan(0);
  const names = await exitNames(page);
  expect(names).toHaveLength(await eventRows(page).count());
  for (const name of names) expect(name).toMatch(/^NAT_ERR_/);
  await expect(chips(page)).toHaveText(["検索: NAT_ERR×"]);

  // With a time range too: a chip for each, in Japanese.
  await page.getByRole("button", { name: "30日" }).click();
  await expect(page).toHaveURL(/[?&]from=/);
  await expect(chips(page)).toHaveCount(2);
  await expect(chips(page).nth(0)).toContainText(/^期間: \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} 以降/);
  await page.screenshot({ path: "test-results/search-chips.png", fullPage: true });

  // Escape puts the URL's search back, never an empty box over results still filtered by it.
  await searchBox(page).fill("NAT_ERR_PEER");
  await searchBox(page).press("Escape");
  await expect(searchBox(page)).toHaveValue("NAT_ERR");
  await searchBox(page).press("Escape");
  await expect(searchBox(page)).toHaveValue("NAT_ERR");
  expect(param(page, "q")).toEqual(["NAT_ERR"]);
  for (const name of await exitNames(page)) expect(name).toMatch(/^NAT_ERR_/);

  // Escape while a Japanese IME is composing belongs to the IME: the text being typed stays.
  await searchBox(page).fill("NAT_ERRなと");
  await searchBox(page).dispatchEvent("keydown", { key: "Escape", isComposing: true });
  await expect(searchBox(page)).toHaveValue("NAT_ERRなと");
  await searchBox(page).press("Escape");
  await expect(searchBox(page)).toHaveValue("NAT_ERR");

  // Removing the search's chip removes the search: the box follows, the time range stays.
  await page.getByRole("link", { name: "フィルター「検索: NAT_ERR」を外す" }).click();
  await expect(page).not.toHaveURL(/[?&]q=/);
  expect(param(page, "from")).toHaveLength(1);
  await expect(searchBox(page)).toHaveValue("");
  await expect(chips(page)).toHaveCount(1);
  await expect(page.getByTestId("code-search-note")).toHaveCount(0);
  await expect.poll(async () => (await exitNames(page)).some((name) => !name.startsWith("NAT_ERR_"))).toBe(true);

  // Back: the search, its box and its chip return together.
  await page.goBack();
  await expect(page).toHaveURL(/[?&]q=NAT_ERR(&|$)/);
  await expect(searchBox(page)).toHaveValue("NAT_ERR");
  await expect(chips(page)).toHaveCount(2);
});

test("the connections table shows its filters as chips, each removed by its own link", async ({ page }) => {
  await openWhenStitched(page, "/connections?status=failed&exit=failure");
  await expect(chips(page)).toHaveText(["状態: 失敗×", "終了コード: 失敗 (0 以外のコード)×"]);
  const failed = Number(await page.getByTestId("result-count").getAttribute("data-count"));

  await page.getByRole("link", { name: "フィルター「状態: 失敗」を外す" }).click();
  await expect(page).not.toHaveURL(/[?&]status=/);
  expect(param(page, "exit")).toEqual(["failure"]);
  await expect(chips(page)).toHaveText(["終了コード: 失敗 (0 以外のコード)×"]);
  await expect.poll(async () => Number(await page.getByTestId("result-count").getAttribute("data-count"))).toBeGreaterThanOrEqual(failed);

  // A duration bound reads as typed, and a known code by its name.
  await page.goto("/connections?exit=-6023&min_duration=13h");
  await expect(chips(page)).toHaveText(["終了コード: -6023 NAT_ERR_PEER_PHASE×", "接続時間: 13h 以上×"]);
  await page.getByRole("link", { name: "フィルター「接続時間: 13h 以上」を外す" }).click();
  await expect(page).toHaveURL(/\/connections\?exit=-6023$/);
  await expect(chips(page)).toHaveCount(1);
  await page.screenshot({ path: "test-results/connection-chips.png", fullPage: true });
});
