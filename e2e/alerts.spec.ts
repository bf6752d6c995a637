import { expect, test } from "./fixtures";
import { E2E_SYNC_TOKEN } from "../playwright.config";
import { typeTokyoStart } from "./timeRange";

const RULE = { name: "E2E API key created", kind: "event", severity: "critical", match: { names: ["team_api_key_create"] }, enabled: true, channels: [] };

// An admin creates a rule on /alerts, the simulator's scenario triggers it, a sync stores it, the
// alert log shows it with its event one click away, and the rule is muted from there.
test("create a rule, trigger it through the simulator, see it in the alert log, mute it", async ({ page }) => {
  await page.goto("/alerts");
  await expect(page.getByTestId("alert-rules")).toContainText("新しいアドレスからの接続");

  const form = page.getByRole("form", { name: "新しいルール" });
  await page.getByText("新しいルール", { exact: true }).click();
  // The rule typed as JSON (e2e/alertsRuleForm.spec.ts fills in the form). A wrong definition is
  // refused with the field named, in the reader's language.
  await form.getByRole("button", { name: "JSON", exact: true }).click();
  await form.locator("textarea").fill(JSON.stringify({ ...RULE, match: { names: [] } }));
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("alert")).toContainText("match.names: イベント名を 1 つ以上指定してください。");
  await form.locator("textarea").fill(JSON.stringify(RULE, null, 2));
  await form.getByRole("button", { name: "過去 30 日で試す" }).click();
  await expect(form.getByRole("status")).toContainText("過去 30 日間では、このルールは");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toHaveText("保存しました。");
  await page.reload();
  const ruleRow = page.locator(`tbody[data-rule="${RULE.name}"]`);
  await expect(ruleRow).toContainText("有効");
  await page.screenshot({ path: "test-results/alerts-page.png", fullPage: true });

  await page.getByRole("button", { name: "API キーの作成" }).click();
  await expect(page.getByRole("status").filter({ hasText: "API キーの作成: シミュレートしたチームに 1 件のイベントを追加しました。" })).toBeVisible();

  // A sync stores the injected event (a scheduled one may be running: then wait and ask again).
  await expect(async () => {
    const answer = await page.request.post("/api/sync?wait=true", { headers: { authorization: `Bearer ${E2E_SYNC_TOKEN}` } });
    expect(answer.status()).toBe(200);
    await page.goto(`/alerts/log?rule=${encodeURIComponent(RULE.name)}`);
    await expect(page.locator(`tr[data-rule="${RULE.name}"]`)).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  const alertRow = page.locator(`tr[data-rule="${RULE.name}"]`);
  // Worded in the reader's language from the alert's facts, its instant in the viewer's zone (Tokyo).
  const sentence = alertRow.getByTestId("alert-sentence");
  await expect(sentence).toHaveText(/^.+ による team_api_key_create（\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d）。$/);
  const at = new Date((await sentence.locator("time").getAttribute("datetime"))!);
  const tokyo = new Date(at.getTime() + 9 * 3_600_000).toISOString().replace("T", " ").slice(0, 19).replaceAll("-", "/");
  await expect(sentence.locator("time")).toHaveText(tokyo);
  await expect(alertRow).toContainText("履歴のみ");
  await page.screenshot({ path: "test-results/alert-log.png", fullPage: true });

  await alertRow.getByRole("button", { name: "確認済みにする" }).click();
  await expect(page.locator(`tr[data-rule="${RULE.name}"]`)).toContainText("が確認済み");
  await page.locator(`tr[data-rule="${RULE.name}"]`).getByRole("button", { name: "ルールを 24 時間ミュート" }).click();
  await page.goto("/alerts");
  await expect(page.locator(`tbody[data-rule="${RULE.name}"]`).getByTestId("muted-until")).toBeVisible();
  await expect(page.locator(`tbody[data-rule="${RULE.name}"]`).getByRole("button", { name: "ミュート解除" })).toBeVisible();

  // The alert's event is one click away in the explorer.
  await page.goto(`/alerts/log?rule=${encodeURIComponent(RULE.name)}`);
  await page
    .locator(`tr[data-rule="${RULE.name}"]`)
    .getByRole("link", { name: /1 件のイベントを開く/ })
    .click();
  await expect(page).toHaveURL(/\/events\?/);
  await expect(page.locator("table tbody")).toContainText("team_api_key_create");

  // Every change is in the viewer audit.
  await page.goto("/admin/audit?action=alert_rule_saved");
  await expect(page.getByTestId("viewer-audit")).toContainText(RULE.name);
  await page.goto("/admin/audit?action=alert_rule_muted");
  await expect(page.getByTestId("viewer-audit")).toContainText(
    new RegExp(`ルール「${RULE.name}」を \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d までミュートしました`),
  );
});

// The log's time range is the explorers' own: typed the Japanese way in the viewer's zone (Tokyo),
// sent with the other filters as they are set, and shown back as the app writes times.
test("the alert log's time range takes a Japanese date in Tokyo time and keeps the other filters", async ({ page }) => {
  await page.goto("/alerts/log?severity=critical");
  await typeTokyoStart(page, "enter");
  expect(new URL(page.url()).searchParams.get("severity")).toBe("critical");
  await page.getByRole("group", { name: "期間" }).getByLabel("終了").fill("2026/02/30 10:00");
  await page.getByRole("group", { name: "期間" }).getByRole("button", { name: "適用" }).click();
  await expect(page.getByRole("group", { name: "期間" }).getByRole("alert")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("to")).toBeNull();
  await page.getByRole("group", { name: "期間" }).getByRole("button", { name: "すべて" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBeNull();
  expect(new URL(page.url()).searchParams.get("severity")).toBe("critical");
  await page.screenshot({ path: "test-results/alert-log-time-range.png", fullPage: true });
});

test("the rules are listed by the names the reader sees, the built-in ones first, in Japanese order", async ({ page }) => {
  await page.goto("/alerts");
  const rules = page.getByTestId("alert-rules").locator("tbody[data-rule]");
  await expect(rules.first()).toBeVisible();
  const listed = await rules.evaluateAll((bodies) =>
    bodies.map((body) => {
      const heading = body.querySelector("tr > th")!;
      return { name: heading.querySelector("span")?.textContent ?? "", builtIn: heading.textContent!.includes("組み込み") };
    }),
  );
  const builtIn = listed.filter((r) => r.builtIn).map((r) => r.name);
  expect(builtIn.length).toBeGreaterThan(1);
  expect(listed.slice(0, builtIn.length).every((r) => r.builtIn)).toBe(true);
  expect(builtIn).toEqual([...builtIn].sort(new Intl.Collator("ja").compare));
});
