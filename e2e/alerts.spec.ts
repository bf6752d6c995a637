import { expect, test } from "./fixtures";
import { E2E_SYNC_TOKEN } from "../playwright.config";

const RULE = { name: "E2E API key created", kind: "event", severity: "critical", match: { names: ["team_api_key_create"] }, enabled: true, channels: [] };

// An admin creates a rule on /alerts, the simulator's scenario triggers it, a sync stores it, the
// alert log shows it with its event one click away, and the rule is muted from there.
test("create a rule, trigger it through the simulator, see it in the alert log, mute it", async ({ page }) => {
  await page.goto("/alerts");
  await expect(page.getByTestId("alert-rules")).toContainText("Connection from a new address");

  const form = page.getByRole("form", { name: "New rule" });
  await page.getByText("New rule", { exact: true }).click();
  // A wrong definition is refused with the field named.
  await form.locator("textarea").fill(JSON.stringify({ ...RULE, match: { names: [] } }));
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toContainText("rule match.names must name at least one event");
  await form.locator("textarea").fill(JSON.stringify(RULE, null, 2));
  await form.getByRole("button", { name: "Test against the last 30 days" }).click();
  await expect(form.getByRole("status")).toContainText("Over the last 30 days this rule would have fired");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  const ruleRow = page.locator(`tr[data-rule="${RULE.name}"]`);
  await expect(ruleRow).toContainText("on");
  await page.screenshot({ path: "test-results/alerts-page.png", fullPage: true });

  await page.getByRole("button", { name: "api-key-created" }).click();
  await expect(page.getByRole("status").filter({ hasText: "api-key-created: 1 events" })).toBeVisible();

  // A sync stores the injected event (a scheduled one may be running: then wait and ask again).
  await expect(async () => {
    const answer = await page.request.post("/api/sync?wait=true", { headers: { authorization: `Bearer ${E2E_SYNC_TOKEN}` } });
    expect(answer.status()).toBe(200);
    await page.goto(`/alerts/log?rule=${encodeURIComponent(RULE.name)}`);
    await expect(page.locator(`tr[data-rule="${RULE.name}"]`)).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  const alertRow = page.locator(`tr[data-rule="${RULE.name}"]`);
  await expect(alertRow).toContainText("team_api_key_create by");
  await expect(alertRow).toContainText("log only");
  await page.screenshot({ path: "test-results/alert-log.png", fullPage: true });

  await alertRow.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.locator(`tr[data-rule="${RULE.name}"]`)).toContainText("acknowledged by");
  await page.locator(`tr[data-rule="${RULE.name}"]`).getByRole("button", { name: "Mute the rule 24 h" }).click();
  await page.goto("/alerts");
  await expect(page.locator(`tr[data-rule="${RULE.name}"]`).getByTestId("muted-until")).toBeVisible();
  await expect(page.locator(`tr[data-rule="${RULE.name}"]`).getByRole("button", { name: "Unmute" })).toBeVisible();

  // The alert's event is one click away in the explorer.
  await page.goto(`/alerts/log?rule=${encodeURIComponent(RULE.name)}`);
  await page
    .locator(`tr[data-rule="${RULE.name}"]`)
    .getByRole("link", { name: /Open the 1 event/ })
    .click();
  await expect(page).toHaveURL(/\/events\?/);
  await expect(page.locator("table tbody")).toContainText("team_api_key_create");

  // Every change is in the viewer audit.
  await page.goto("/admin/audit?action=alert_rule_saved");
  await expect(page.getByTestId("viewer-audit")).toContainText(RULE.name);
  await page.goto("/admin/audit?action=alert_rule_muted");
  await expect(page.getByTestId("viewer-audit")).toContainText(`muted rule "${RULE.name}"`);
});
