import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { getConfig } from "../config";
import { deliverPending } from "../integrations/delivery/deliverPending";
import { groundTruth, instantSleep, startSyncFixture } from "../sync/testing";

const TOKEN = "metrics-token-0123456789abcdef";

/** The value of one sample line of Prometheus' text format, or undefined when there is none. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", () => {
  it("after a sync against the simulator: the store's events, runs by outcome, pages, 429s, how far behind, destination lag, sign-in failures; only with the token", async () => {
    const f = await startSyncFixture({ events: 900, seed: 51 });
    onTestFinished(f.close);
    // A destination nobody listens on: everything stays pending there, and its delivery fails.
    const dir = mkdtempSync(path.join(tmpdir(), "metrics-"));
    writeFileSync(
      path.join(dir, "integrations.json"),
      JSON.stringify({ destinations: [{ name: "collector", type: "http", url: "http://127.0.0.1:9/ingest" }] }),
    );
    Object.assign(process.env, { DATABASE_URL: f.database.url, METRICS_TOKEN: TOKEN, INTEGRATIONS_FILE: path.join(dir, "integrations.json") });
    // Parsec blocks the key twice on the way (the client waits and tries again).
    f.sim.injectFaults([{ kind: "429", retryAfterSeconds: 1 }, { kind: "429" }]);
    const syncStartedAt = Date.now();
    const result = await f.sync({ api: { sleep: instantSleep } });
    const [report] = await deliverPending(f.sqlite, getConfig().integrations.destinations);
    expect(report).toMatchObject({ name: "collector", status: "failed" });
    await f.db.syncRun.create({ data: { kind: "sync", trigger: "schedule", status: "failed", error: "Parsec refused the key (401)", finishedAt: new Date() } });
    await f.db.viewerAuditEntry.createMany({
      data: [
        { action: "sign_in_failed", actor: "a@example.com" },
        { action: "sign_in_failed", actor: null },
      ],
    });
    const { GET } = await import("../../app/metrics/route");

    const refused = await GET(new Request("http://viewer.test/metrics"));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe("Bearer");
    expect((await GET(new Request("http://viewer.test/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } }))).status).toBe(401);

    const answer = await GET(new Request("http://viewer.test/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    expect(sample(text, "parsec_viewer_events_stored")).toBe(groundTruth(f.sim).length);
    expect(sample(text, "parsec_viewer_events_quarantined")).toBe(result.quarantined);
    expect(sample(text, 'parsec_viewer_sync_runs_total{status="succeeded"}')).toBe(1);
    expect(sample(text, 'parsec_viewer_sync_runs_total{status="failed"}')).toBe(1);
    expect(sample(text, 'parsec_viewer_sync_runs_total{status="interrupted"}')).toBe(0);
    expect(sample(text, "parsec_viewer_parsec_pages_fetched_total")).toBe(result.pages);
    expect(sample(text, "parsec_viewer_parsec_events_fetched_total")).toBe(result.received);
    expect(sample(text, "parsec_viewer_parsec_rate_limited_total")).toBe(2);
    const destination = '{destination="collector",type="http"}';
    expect(sample(text, `parsec_viewer_destination_pending_events${destination}`)).toBe(groundTruth(f.sim).length);
    expect(sample(text, `parsec_viewer_destination_failing${destination}`)).toBe(1);
    const behind = sample(text, `parsec_viewer_destination_behind_seconds${destination}`)!;
    expect(behind).toBeGreaterThan(0);
    // The oldest pending event was stored by this sync: it has waited at most since the sync began.
    expect(behind).toBeLessThanOrEqual((Date.now() - syncStartedAt) / 1000);
    expect(sample(text, "parsec_viewer_sign_in_failures_total")).toBe(2);
    // The simulated history ends in the past (TEST_HISTORY_END): the store trails now by at least that.
    const coveredUntil = (await f.db.syncCheckpoint.findFirstOrThrow()).coveredUntil!;
    expect(sample(text, "parsec_viewer_sync_behind_seconds")).toBeCloseTo((Date.now() - coveredUntil.getTime()) / 1000, -1);
    const finishedAt = (await f.db.syncRun.findFirstOrThrow({ where: { status: "succeeded" } })).finishedAt!;
    expect(sample(text, "parsec_viewer_sync_last_success_timestamp_seconds")).toBe(finishedAt.getTime() / 1000);
    expect(text).toMatch(/^# TYPE parsec_viewer_process_cpu_seconds_total counter$/m);
    // Scraped again, the counters are the store's totals, not doubled.
    const again = await (await GET(new Request("http://viewer.test/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }))).text();
    expect(sample(again, 'parsec_viewer_sync_runs_total{status="succeeded"}')).toBe(1);
    expect(sample(again, "parsec_viewer_sign_in_failures_total")).toBe(2);
  });
});
