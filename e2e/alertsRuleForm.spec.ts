import { expect, test } from "./fixtures";

const NAME = "E2E 失敗の集中 (フォーム)";

// The structured rule form: a threshold rule is made field by field, the JSON view shows (and
// takes) the same definition, the rule is listed, edited, and a bad value is refused beside its
// field in Japanese.
test("create a threshold rule through the form, see it listed, edit it, see a field's problem in Japanese", async ({ page }) => {
  await page.goto("/alerts");
  await page.getByText("新しいルール", { exact: true }).click();
  const form = page.getByRole("form", { name: "新しいルール" });
  await expect(form.getByRole("button", { name: "フォーム", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(form.locator("textarea")).toBeHidden();

  // Each kind shows its own fields.
  const kind = form.getByLabel("種類", { exact: true });
  for (const [label, section, field] of [
    ["初めての値", "初めての値", "新しいとみなす値"],
    ["同期の状態", "監視する状態", "しきい値"],
    ["時間外", "勤務時間", "タイムゾーン"],
  ] as const) {
    await kind.selectOption({ label });
    await expect(form.getByRole("group", { name: section }).getByLabel(field, { exact: true })).toBeVisible();
  }
  await expect(form.getByLabel("タイムゾーン", { exact: true })).toHaveValue("Asia/Tokyo");
  await expect(form.getByRole("group", { name: "勤務日" }).getByLabel("月", { exact: true })).toBeChecked();
  await expect(form.getByRole("group", { name: "勤務日" }).getByLabel("日", { exact: true })).not.toBeChecked();
  await kind.selectOption({ label: "しきい値" });
  await expect(form.getByRole("group", { name: "件数と期間" })).toBeVisible();
  await form.getByLabel("名前", { exact: true }).fill(NAME);
  await form.getByLabel("重要度", { exact: true }).selectOption({ label: "重大" });
  await form.getByLabel("件数", { exact: true }).fill("4");
  await form.getByLabel("期間 (分)", { exact: true }).fill("10");
  await form.getByLabel("グループ分け", { exact: true }).selectOption({ label: "ユーザーごと" });
  await form.getByLabel("イベント名", { exact: true }).fill("p2p_client_complete, conn_client_offer");
  await form.getByLabel("接続の結果", { exact: true }).selectOption({ label: "失敗した接続" });
  await form.getByRole("button", { name: "条件を追加" }).click();
  const condition = form.getByRole("group", { name: "条件 1" });
  await condition.getByLabel("data のフィールド").fill("role");
  await condition.getByLabel("比較", { exact: true }).selectOption({ label: "どれにも等しくない" });
  await condition.getByLabel("比較する値").fill("owner, admin");
  await page.screenshot({ path: "test-results/alerts-rule-form.png", fullPage: true });

  // The JSON view holds what the form wrote; an edit there is in the form when it comes back.
  await form.getByRole("button", { name: "JSON", exact: true }).click();
  const json = form.locator("textarea");
  const definition = JSON.parse(await json.inputValue());
  expect(definition).toMatchObject({
    kind: "threshold",
    name: NAME,
    severity: "critical",
    count: 4,
    windowMinutes: 10,
    groupBy: "user",
    match: { names: ["p2p_client_complete", "conn_client_offer"], exit: "failure", data: [{ field: "role", op: "not-in", value: ["owner", "admin"] }] },
  });
  await json.fill(JSON.stringify({ ...definition, windowMinutes: 20 }, null, 2));
  await form.getByRole("button", { name: "フォーム", exact: true }).click();
  await expect(form.getByLabel("期間 (分)", { exact: true })).toHaveValue("20");
  await expect(form.getByLabel("件数", { exact: true })).toHaveValue("4");

  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toHaveText("保存しました。");
  await page.reload();
  const row = page.locator(`tbody[data-rule="${NAME}"]`);
  // The kind, severity and state columns (the edit form is in the row below).
  await expect(row.locator("td").nth(0)).toHaveText("しきい値");
  await expect(row.locator("td").nth(1)).toHaveText("重大");
  await expect(row.locator("td").nth(3).locator("strong")).toHaveText("無効");

  // Edited through the form: a count of 1 is refused beside the count, in Japanese.
  await row.getByText("編集", { exact: true }).click();
  const edit = row.getByRole("form", { name: `${NAME} を編集` });
  const count = edit.getByLabel("件数", { exact: true });
  await expect(count).toHaveValue("4");
  await count.fill("1");
  await edit.getByLabel("有効", { exact: true }).check();
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(count).toHaveAccessibleDescription(/件数は 2 以上にしてください。/);
  await expect(count).toHaveAttribute("aria-invalid", "true");
  await expect(edit.getByRole("alert")).toHaveText("定義は保存されていません。印の付いた項目を直してください。");
  // The refused edit is still the edit: nothing went back to a first option or unticked.
  await expect(edit.getByLabel("種類", { exact: true })).toHaveValue("threshold");
  await expect(edit.getByLabel("重要度", { exact: true })).toHaveValue("critical");
  await expect(edit.getByLabel("グループ分け", { exact: true })).toHaveValue("user");
  await expect(edit.getByLabel("有効", { exact: true })).toBeChecked();
  await expect(edit.getByRole("group", { name: "条件 1" }).getByLabel("比較", { exact: true })).toHaveValue("not-in");
  await row.screenshot({ path: "test-results/alerts-rule-form-error.png" });
  // Not a number at all: said as such, again beside the field.
  await count.fill("たくさん");
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(count).toHaveAccessibleDescription(/件数は数値で指定してください。/);
  // The JSON view lists the same problem with its path.
  await edit.getByRole("button", { name: "JSON", exact: true }).click();
  await expect(edit.getByRole("alert")).toContainText("count: 件数は数値で指定してください。");
  // A channel that does not exist, typed in the JSON: named in both views.
  const edited = edit.locator("textarea");
  await edited.fill(JSON.stringify({ ...JSON.parse(await edited.inputValue()), count: 6, channels: ["夜間当番"] }));
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(edit.getByRole("alert")).toContainText("channels: 「夜間当番」という通知チャネルはありません。先にチャネルを作成してください。");
  await edit.getByRole("button", { name: "フォーム", exact: true }).click();
  const channels = edit.getByRole("group", { name: "通知チャネル" });
  await expect(channels).toContainText("「夜間当番」という通知チャネルはありません。");
  await expect(count).toHaveValue("6");

  // Unticked, a channel that does not exist is gone from the choices (there is none other here).
  await channels.getByLabel("夜間当番").click();
  await expect(channels).toHaveCount(0);
  await expect(edit).toContainText("通知チャネルはまだありません。このルールはアラート履歴に記録するだけです。");
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(edit.getByRole("status")).toHaveText("保存しました。");
  await page.reload();
  await expect(row.locator("td").nth(3).locator("strong")).toHaveText("有効");
  await page.locator(`tbody[data-rule="${NAME}"]`).getByText("編集", { exact: true }).click();
  await expect(page.locator(`tbody[data-rule="${NAME}"]`).getByLabel("件数", { exact: true })).toHaveValue("6");
  await expect(page.locator(`tbody[data-rule="${NAME}"]`).getByLabel("期間 (分)", { exact: true })).toHaveValue("20");
});
