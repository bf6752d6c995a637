import { describeExitCode } from "../lib/parsec/exitCodes";
import { expect, test, type Page } from "./fixtures";
import { eventRows, openWhenStitched } from "./demoData";

const facet = (page: Page, dimension: string) => page.getByTestId(`facet-${dimension}`);
const facetValues = (page: Page, dimension: string) => facet(page, dimension).locator("li[data-value]");
/** One value's row of a facet (JSON's quoting is CSS's for the names here: "OFFICE\\naoki"). */
const valueRow = (page: Page, dimension: string, value: string) => facet(page, dimension).locator(`li[data-value=${JSON.stringify(value)}]`);
const chips = (page: Page) => page.getByTestId("active-filter");
const resultCount = async (page: Page) => Number(await page.getByTestId("result-count").getAttribute("data-count"));
const connectionRows = (page: Page) => page.getByTestId("connections-table").locator("tbody tr[data-attempt-id]");
/** The count a facet shows for a value, as a number (the demo is small: exact, no "約"). */
const countOf = async (value: ReturnType<typeof facetValues>) => Number((await value.locator(".facets__count").innerText()).replace(/[^\d]/g, ""));

test("which hosts failed most this week: the facets answer, a host is shown with one click, a user left out with another", async ({ page }) => {
  await openWhenStitched(page, "/connections");
  await page.getByRole("button", { name: "7日" }).click();
  await expect(page).toHaveURL(/[?&]from=/);

  // The status facet counts every status of the week: one click shows only the failed ones.
  await expect(facet(page, "status")).toContainText("失敗");
  await facet(page, "status").getByRole("link", { name: "失敗 で絞り込む" }).click();
  await expect(page).toHaveURL(/[?&]status=failed/);
  await expect(chips(page).filter({ hasText: "状態: 失敗" })).toHaveCount(1);
  // The status facet still lists the other statuses (its own filter does not apply to it).
  await expect(facetValues(page, "status")).not.toHaveCount(1);
  const failedThisWeek = await resultCount(page);

  // Leave out the user with the most failures this week: their rows go, the chip says "除外".
  const user = facetValues(page, "user").first();
  const userId = (await user.getAttribute("data-value"))!;
  const email = (await user.locator(".facets__label").innerText()).trim();
  const userFailures = await countOf(user);
  expect(userFailures).toBeLessThan(failedThisWeek);
  await user.getByRole("link", { name: `${email} を除外` }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]not_user=${userId}(&|$)`));
  const chip = chips(page).filter({ hasText: `除外ユーザー: ${email}` });
  await expect(chip).toHaveCount(1);
  await expect(chip).toHaveClass(/chip--not/);
  await expect.poll(() => resultCount(page)).toBe(failedThisWeek - userFailures);
  const rowUsers = await connectionRows(page).evaluateAll((rows) => rows.map((row) => row.querySelector("td:nth-child(2)")?.textContent ?? ""));
  expect(rowUsers.length).toBeGreaterThan(0);
  expect(rowUsers).not.toContain(email);
  await expect(valueRow(page, "user", userId)).toHaveAttribute("data-state", "excluded");

  // The host facet lists the hosts by failures this week (of everyone else), most first.
  const hosts = facetValues(page, "host");
  await expect(hosts.first()).toBeVisible();
  const counts = await Promise.all((await hosts.all()).map(countOf));
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  const top = hosts.first();
  const host = (await top.getAttribute("data-value"))!;
  const hostFailures = await countOf(top);
  await page.screenshot({ path: "test-results/facets-connections.png", fullPage: true });

  await top.getByRole("link", { name: `${host} で絞り込む` }).click();
  await expect(page).toHaveURL(/[?&]host=/);
  expect(new URL(page.url()).searchParams.getAll("host")).toEqual([host]);
  await expect(chips(page).filter({ hasText: `ホスト: ${host}` })).toHaveCount(1);
  await expect.poll(() => resultCount(page)).toBe(hostFailures);
  const rowHosts = await connectionRows(page).evaluateAll((rows) => rows.map((row) => row.querySelector("td:nth-child(3) a")?.textContent ?? ""));
  expect(new Set(rowHosts)).toEqual(new Set([host]));
  await expect(valueRow(page, "host", host)).toHaveAttribute("data-state", "included");

  // The exports hold what the table shows.
  const csv = await page.getByRole("link", { name: "CSV" }).getAttribute("href");
  expect(new URL(csv!, page.url()).searchParams.getAll("not_user")).toEqual([userId]);
  const ndjson = await page.request.get(new URL(csv!.replace("format=csv", "format=ndjson"), page.url()).toString());
  const exported = (await ndjson.text())
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { client_user_id: number; host_computer_name: string });
  expect(exported.length).toBe(hostFailures);
  expect(exported.every((row) => row.client_user_id !== Number(userId) && row.host_computer_name === host)).toBe(true);

  // The same link again brings the user back.
  await facet(page, "user")
    .getByRole("link", { name: `${email} の除外をやめる` })
    .click();
  await expect(page).not.toHaveURL(/not_user=/);
  await expect.poll(() => resultCount(page)).toBeGreaterThanOrEqual(hostFailures);
});

test("the explorer's exit-code facet names each code and says what it means, in Japanese; an event name is left out with one click", async ({ page }) => {
  await openWhenStitched(page, "/events", 500);
  const codes = facetValues(page, "exit");
  await expect(codes.first()).toBeVisible();
  // A failure code shows its catalogue name and its Japanese meaning. Which failures are among the
  // top values depends on what the specs before this one added, so the first one listed is checked.
  const failure = facet(page, "exit").locator('li[data-value^="-"]').first();
  const code = Number(await failure.getAttribute("data-value"));
  await expect(failure.locator(".exit-code__name")).toHaveText(describeExitCode(code)!.name!);
  await expect(failure.locator(".facets__detail")).toContainText(/[ぁ-んァ-ン一-龥]/);
  await expect(facet(page, "exit")).toContainText("終了コードなし");

  const name = facetValues(page, "name").first();
  const eventName = (await name.getAttribute("data-value"))!;
  const before = await resultCount(page);
  const named = await countOf(name);
  await name.getByRole("link", { name: `${eventName} を除外` }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]not_name=${eventName}(&|$)`));
  await expect(chips(page).filter({ hasText: `除外イベント: ${eventName}` })).toHaveCount(1);
  await expect.poll(() => resultCount(page)).toBe(before - named);
  const names = await eventRows(page).evaluateAll((rows) => rows.flatMap((row) => [...row.querySelectorAll("code")].map((code) => code.textContent)));
  expect(names.length).toBeGreaterThan(0);
  expect(names).not.toContain(eventName);
});

test("on a phone the facets fold away until their summary is tapped", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openWhenStitched(page, "/connections");
  const panel = page.getByTestId("facets");
  await expect(panel).toBeVisible();
  await expect(facet(page, "host")).toBeHidden();
  await panel.locator("summary").click();
  await expect(facet(page, "host")).toBeVisible();
  await page.screenshot({ path: "test-results/facets-phone.png", fullPage: true });
});
