import { expect, test } from "./fixtures";

test("the overview says what the retention policy deletes and waits for", async ({ page }) => {
  await page.goto("/");
  // The e2e server keeps events for ten years (nothing of the demo expires) and forwards to a destination that is down.
  const panel = page.getByRole("region", { name: "保持期間" });
  await expect(panel).toContainText("3,650 日より古いイベントは、接続と検索インデックスとともに、1 時間ごとに少しずつ削除されます。");
  await expect(panel).toContainText("イベントは、すべての連携先に届いてから削除されます。");
  await expect(panel).toContainText("インサイトのグラフ用の集計は無期限に保存します。");
  // The first run starts a minute after the server: before it, the panel says so; after, what it deleted.
  await expect(panel).toContainText(
    /まだ実行されていません。初回はサーバーの起動から 1 分後に実行されます。|前回の実行 \(.+\): イベント 0 件、接続 0 件、隔離 0 件、集計 0 行を削除しました。/,
  );
  await panel.screenshot({ path: "test-results/retention-panel.png" });
});
