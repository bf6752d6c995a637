import { createServer, type Server } from "node:http";
import { E2E_INTEGRATION_PORT } from "../playwright.config";
import { expect, test } from "./fixtures";

/** The collector the server forwards to (playwright.config.ts), up only while this test wants it. */
async function startCollector(): Promise<{ lines: string[]; server: Server }> {
  const lines: string[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    lines.push(...body.split("\n").filter(Boolean));
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(E2E_INTEGRATION_PORT, "127.0.0.1", resolve));
  return { lines, server };
}

test("the integrations page shows a destination that is down as lagging with its error, then caught up once it is back", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "メイン" }).getByRole("link", { name: "連携" }).click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(page.getByRole("heading", { name: "連携", level: 1 })).toBeVisible();
  const card = page.getByTestId("integration-collector");
  await expect(card.getByRole("heading", { name: /collector/ })).toBeVisible();

  // Down: the events wait, and the page says how many and why.
  await expect(card.getByTestId("integration-state")).toContainText(/[\d,]+ 件の遅れ、最も古いものは .+ 待機中/, { timeout: 30_000 });
  await expect(card.getByTestId("integration-state")).toContainText("失敗中", { timeout: 30_000 });
  await expect(card.getByTestId("integration-error")).toContainText(`127.0.0.1:${E2E_INTEGRATION_PORT} cannot be reached: ECONNREFUSED`);
  await page.screenshot({ path: "test-results/integrations-lagging.png", fullPage: true });

  // Up: the server's timer delivers what waited; the page (refreshing itself) shows it caught up.
  const collector = await startCollector();
  try {
    await expect(card.getByTestId("integration-state")).toHaveText("最新", { timeout: 60_000 });
    await expect(card.getByTestId("integration-error")).toContainText("ECONNREFUSED"); // the last error stays shown, no longer failing
    const delivered = Number((await card.getByTestId("integration-delivered").innerText()).replace(/\D/g, ""));
    expect(delivered).toBeGreaterThan(2_000);
    expect(new Set(collector.lines.map((line) => (JSON.parse(line) as { id: string }).id)).size).toBe(delivered);

    // A test event reaches it, and pausing is recorded in the viewer audit.
    await card.getByTestId("integration-send-test").click();
    await expect(page.getByRole("status").filter({ hasText: "テストイベントが collector に届きました。" })).toBeVisible();
    expect(collector.lines.some((line) => line.includes('"viewer_integration_test"'))).toBe(true);
    await card.getByTestId("integration-pause").click();
    await expect(card.getByTestId("integration-state")).toHaveText("一時停止中");
    await expect(card.getByTestId("integration-pause")).toHaveText("再開");
    await card.getByTestId("integration-pause").click();
    await expect(card.getByTestId("integration-state")).not.toHaveText("一時停止中");
    await page.screenshot({ path: "test-results/integrations-caught-up.png", fullPage: true });
    // A replay from a date before the history sends every stored event again.
    const before = collector.lines.length;
    await card.getByTestId("integration-replay-from").fill("2000-01-01");
    await card.getByTestId("integration-replay").click();
    await expect(page.getByRole("status").filter({ hasText: "collector への再送を開始しました。" })).toBeVisible();
    await expect.poll(() => collector.lines.length - before, { timeout: 30_000 }).toBeGreaterThanOrEqual(delivered);
    await page.goto("/admin/audit");
    await expect(page.getByRole("table")).toContainText("連携を一時停止");
    await expect(page.getByRole("table")).toContainText("連携を再開");
    await expect(page.getByRole("table")).toContainText("テストイベントを送信");
    await expect(page.getByRole("table")).toContainText("連携へ再送");

    // GET /api/sync reports the lag per destination, and so does the health check, to an admin only.
    const status = (await (await page.request.get("/api/sync")).json()) as { integrations: { name: string; pending: number }[] };
    expect(status.integrations.map((i) => i.name)).toEqual(["collector"]);
    const health = (await (await page.request.get("/api/health")).json()) as { status: string; integrations?: { name: string; caughtUp: boolean }[] };
    expect(health.integrations?.map((i) => i.name)).toEqual(["collector"]);
    // Explicitly without the signed-in state the project gives every context.
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    try {
      expect(await (await anonymous.get("/api/health")).json()).toEqual({ status: "ok" });
    } finally {
      await anonymous.dispose();
    }
  } finally {
    await new Promise((resolve) => collector.server.close(resolve));
  }
});
