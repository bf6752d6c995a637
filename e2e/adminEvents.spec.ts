import { expect, test } from "./fixtures";
import { eventRows as rows, openWhenEventsShown } from "./demoData";

test("who created API keys: each row says who created which key, without opening it, and so does the opened event", async ({ page }) => {
  await openWhenEventsShown(page, "/events?name=team_api_key_create");
  const first = rows(page).first();
  const summary = first.getByTestId("admin-summary");
  // Worded in the reader's language from the event's fields: the actor, the key's name, the action.
  await expect(summary).toHaveText(/^.+ が API キー「.+」を作成しました$/);
  const actor = (await first.locator("a[href^='/users/']").first().innerText()).replace(/\s+/g, "");
  expect((await summary.innerText()).startsWith(actor)).toBe(true);
  await page.screenshot({ path: "test-results/admin-events-summaries.png", fullPage: true });

  // Opened, the event says it again above its fields, and its data holds the key's name the line showed.
  await first.focus();
  await page.keyboard.press("Enter");
  const detail = page.locator(".event-detail");
  await expect(detail.getByTestId("admin-summary")).toHaveText(await summary.innerText());
  const data = JSON.parse(await detail.locator("pre.json").innerText()) as { key_name: string };
  expect(await summary.innerText()).toContain(`「${data.key_name}」`);
});

test("every administrative event of the demo has a line, role changes naming both people", async ({ page }) => {
  await openWhenEventsShown(page, "/events?name=team_member_add&name=team_member_role_update&name=team_seats_update&name=guest_access_create&limit=200");
  const lines = await rows(page).evaluateAll((all) =>
    all.map((row) => [row.querySelector("code")?.textContent ?? "", row.querySelector("[data-testid=admin-summary]")?.textContent ?? ""]),
  );
  expect(lines.length).toBeGreaterThan(3);
  for (const [name, line] of lines) expect(line, name).not.toBe("");
  for (const [name, line] of lines.filter(([name]) => name === "team_member_role_update"))
    expect(line, name).toMatch(/^.+ が .+ のロールを変更しました（member → admin）$/);
  for (const [name, line] of lines.filter(([name]) => name === "team_seats_update")) expect(line, name).toMatch(/シート数を変更しました（\d+ → \d+）$/);
});
