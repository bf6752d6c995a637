import { expect, test } from "./fixtures";
import { E2E_METRICS_TOKEN } from "../playwright.config";

const AUTH = { authorization: `Bearer ${E2E_METRICS_TOKEN}` };

/** The value of one sample line of Prometheus' text format (0 when there is none yet). */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

test("/metrics times every answer by the route it belongs to, and only answers the token", async ({ page, request }) => {
  expect((await request.get("/metrics", { headers: { authorization: "Bearer not-the-token-0123456789" } })).status()).toBe(401);
  const before = await (await request.get("/metrics", { headers: AUTH })).text();
  const count = (text: string, route: string, status = "200") =>
    sample(text, `parsec_viewer_http_request_duration_seconds_count{method="GET",route="${route}",status="${status}"}`);

  await page.goto("/events");
  await expect(page.getByTestId("events-table")).toBeVisible();
  await page.goto("/hosts/%E4%BC%9A%E8%AD%B0%E5%AE%A4PC"); // 会議室PC: one label for every host
  expect((await request.get("/no-such-page-for-metrics")).status()).toBe(404);

  const answer = await request.get("/metrics", { headers: AUTH });
  expect(answer.status()).toBe(200);
  const after = await answer.text();
  expect(count(after, "/events")).toBeGreaterThan(count(before, "/events"));
  expect(count(after, "/hosts/[hostName]")).toBeGreaterThan(count(before, "/hosts/[hostName]"));
  expect(count(after, "unmatched", "404")).toBeGreaterThan(count(before, "unmatched", "404"));
  // A path is never a label of its own: no series names a host or the made-up page.
  expect(after).not.toMatch(/route="\/hosts\/%|route="\/no-such-page/);
  expect(sample(after, "parsec_viewer_events_stored")).toBeGreaterThan(0);
});
