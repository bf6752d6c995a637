import { describe, expect, it } from "vitest";
import { seedEvents } from "../../ingest/testing";
import { exportEvents } from "../../events/exportEvents";
import { parseEventFilters } from "../../events/eventFilters";
import { acquireDeliveryLease } from "./deliveryLease";
import { planIntegrationBatch, readIntegrationState, setIntegrationPaused, startIntegrationReplay } from "../../store/integrationLedger";
import { acceptedLines, destinationsOf, eventSeries, startReceiver, useDatabaseAndReceiver } from "../testing";
import { integrationStatus } from "../status/integrationStatus";
import { deliverPending } from "./deliverPending";

const FAST = { retryDelaysMs: [5, 10] };

const fixture = useDatabaseAndReceiver();

const hook = (fields: Record<string, unknown> = {}) =>
  destinationsOf([{ name: "hook", type: "http", url: `${fixture.receiver.url}/ingest`, batchSize: 40, ...fields }]);

async function exportedLines(): Promise<string[]> {
  let text = "";
  await exportEvents(fixture.database.sqlite, parseEventFilters({}), "ndjson", (chunk) => void (text += chunk));
  return text.split("\n").filter(Boolean);
}

describe("deliverPending", () => {
  it("sends every stored event once, in insertion order, as the export's lines, and then nothing more", async () => {
    seedEvents(fixture.database, eventSeries(100));
    const [report] = await deliverPending(fixture.database.sqlite, hook(), FAST);
    expect(report).toEqual({ name: "hook", status: "caught-up", delivered: 100, error: null });
    expect(fixture.receiver.accepted.map((r) => r.text.split("\n").filter(Boolean).length)).toEqual([40, 40, 20]);
    expect(fixture.receiver.accepted.flatMap((r) => r.text.split("\n").filter(Boolean))).toEqual(await exportedLines());
    expect(fixture.receiver.accepted[0]!.headers["content-type"]).toBe("application/x-ndjson");
    await deliverPending(fixture.database.sqlite, hook(), FAST);
    expect(fixture.receiver.all).toHaveLength(3);
    expect(readIntegrationState(fixture.database.sqlite, "hook")).toMatchObject({ delivered: 100, lastError: null, batchUntilSeq: null });
  });

  it("sends an event again, marked as an update, when Parsec re-delivers it with changed content; an unchanged re-delivery is not sent", async () => {
    const events = eventSeries(10);
    seedEvents(fixture.database, events);
    await deliverPending(fixture.database.sqlite, hook(), FAST);
    seedEvents(fixture.database, [events[3]!, { ...events[5]!, user_email: "renamed@example.com" }]);
    await deliverPending(fixture.database.sqlite, hook(), FAST);
    const lines = acceptedLines(fixture.receiver);
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatchObject({ id: events[5]!.id, user_email: "renamed@example.com", viewer_update: true });
    expect(lines.slice(0, 10).every((line) => !("viewer_update" in line))).toBe(true);
  });

  it("an event inserted and changed before the destination saw it is sent once, not as an update", async () => {
    const events = eventSeries(3);
    seedEvents(fixture.database, events);
    seedEvents(fixture.database, [{ ...events[0]!, user_email: "new@example.com" }]);
    await deliverPending(fixture.database.sqlite, hook(), FAST);
    const lines = acceptedLines(fixture.receiver);
    expect(lines.map((line) => line.id)).toEqual([events[1]!.id, events[2]!.id, events[0]!.id]);
    expect(lines.some((line) => "viewer_update" in line)).toBe(false);
  });

  it("a destination with a from date gets only the events from then on", async () => {
    seedEvents(fixture.database, eventSeries(100));
    await deliverPending(fixture.database.sqlite, hook({ from: "2026-01-01T01:00:00Z" }), FAST);
    const ids = acceptedLines(fixture.receiver).map((line) => line.id);
    expect(ids).toHaveLength(40);
    expect(ids[0]).toBe("e000061");
    expect(readIntegrationState(fixture.database.sqlite, "hook")?.delivered).toBe(40);
  });

  it("signs the body with HMAC-SHA256 when secretEnv is set, and sends the file's headers", async () => {
    seedEvents(fixture.database, eventSeries(2));
    const destinations = destinationsOf(
      [{ name: "hook", type: "http", url: fixture.receiver.url, secretEnv: "HOOK_SECRET", headers: { "x-source": "parsec" } }],
      {
        HOOK_SECRET: "s3cret",
      },
    );
    await deliverPending(fixture.database.sqlite, destinations, FAST);
    const { createHmac } = await import("node:crypto");
    const request = fixture.receiver.accepted[0]!;
    expect(request.headers["x-parsec-signature"]).toBe(`sha256=${createHmac("sha256", "s3cret").update(request.body).digest("hex")}`);
    expect(request.headers["x-source"]).toBe("parsec");
  });

  it("retries a batch answered 500 and, after the last attempt, keeps its cursor and records the error; the next round sends it again", async () => {
    seedEvents(fixture.database, eventSeries(50));
    let failures = 2;
    fixture.receiver.answer = () => (failures-- > 0 ? { status: 500, body: "overloaded" } : { status: 200 });
    expect((await deliverPending(fixture.database.sqlite, hook(), FAST))[0]).toMatchObject({ status: "caught-up", delivered: 50 });

    seedEvents(fixture.database, eventSeries(10, undefined, 50));
    fixture.receiver.answer = () => ({ status: 503, body: "maintenance" });
    const [failed] = await deliverPending(fixture.database.sqlite, hook(), FAST);
    expect(failed).toMatchObject({ status: "failed", delivered: 0 });
    expect(failed!.error).toMatch(/answered HTTP 503: maintenance/);
    const state = readIntegrationState(fixture.database.sqlite, "hook")!;
    expect(state).toMatchObject({ delivered: 50, lastError: failed!.error });
    expect(integrationStatus(fixture.database.sqlite, hook())[0]).toMatchObject({ caughtUp: false, pending: 10, failing: true });
    expect(state.lastErrorAt).toBeGreaterThan(0);

    fixture.receiver.answer = () => ({ status: 200 });
    await deliverPending(fixture.database.sqlite, hook(), FAST);
    const ids = acceptedLines(fixture.receiver).map((line) => line.id);
    expect(new Set(ids).size).toBe(60);
    expect(ids).toEqual([...ids].sort());
    expect(readIntegrationState(fixture.database.sqlite, "hook")).toMatchObject({ delivered: 60, lastError: failed!.error });
    expect(integrationStatus(fixture.database.sqlite, hook())[0]).toMatchObject({ caughtUp: true, failing: false, lastError: failed!.error, delivered: 60 });
  });

  it("gives up on a destination that does not answer within its timeout, or refuses connections, without holding up the others", async () => {
    seedEvents(fixture.database, eventSeries(30));
    const slow = await startReceiver();
    slow.answer = () => "hang";
    const closed = await startReceiver();
    await closed.close();
    try {
      const destinations = destinationsOf([
        { name: "slow", type: "http", url: slow.url, timeoutSeconds: 1 },
        { name: "down", type: "http", url: closed.url },
        { name: "hook", type: "http", url: fixture.receiver.url },
      ]);
      const reports = await deliverPending(fixture.database.sqlite, destinations, { retryDelaysMs: [] });
      expect(reports.map((r) => [r.name, r.status, r.delivered])).toEqual([
        ["slow", "failed", 0],
        ["down", "failed", 0],
        ["hook", "caught-up", 30],
      ]);
      expect(reports[0]!.error).toMatch(/did not answer within 1 s/);
      expect(reports[1]!.error).toMatch(/cannot be reached: ECONNREFUSED/);
    } finally {
      await slow.close();
    }
  });

  it("does not follow a redirect (it would re-send the batch elsewhere), and refuses an answer too large to read", async () => {
    seedEvents(fixture.database, eventSeries(3));
    fixture.receiver.answer = () => ({ status: 307, headers: { location: "http://127.0.0.1:1/elsewhere" } });
    const [redirected] = await deliverPending(fixture.database.sqlite, hook(), { retryDelaysMs: [] });
    expect(redirected!.error).toMatch(/answered HTTP 307/);
    fixture.receiver.answer = () => ({ status: 200, body: "x".repeat(33 * 1024 * 1024) });
    const [huge] = await deliverPending(fixture.database.sqlite, hook(), { retryDelaysMs: [] });
    expect(huge!.error).toBe("the answer to HTTP 200 is larger than 32 MB");
    expect(readIntegrationState(fixture.database.sqlite, "hook")?.delivered).toBe(0);
  });

  it("after a crash between sending a batch and committing it, sends exactly that batch again, even if more events arrived", async () => {
    seedEvents(fixture.database, eventSeries(25));
    await deliverPending(fixture.database.sqlite, hook(), FAST);
    seedEvents(fixture.database, eventSeries(5, undefined, 25));
    // The state a crash leaves: a batch of the 5 planned (and perhaps sent), its commit lost.
    const planned = readIntegrationState(fixture.database.sqlite, "hook")!.deliveredSeq + 5;
    const crashed = await acquireDeliveryLease(fixture.database.sqlite, "hook");
    if (!("lease" in crashed)) throw new Error("the lease should be free");
    await planIntegrationBatch(fixture.database.sqlite, "hook", crashed.lease.holder, planned);
    await crashed.lease.release();
    seedEvents(fixture.database, eventSeries(10, undefined, 30));
    await deliverPending(fixture.database.sqlite, hook(), FAST);
    expect(fixture.receiver.accepted.slice(1).map((r) => r.text.split("\n").filter(Boolean).length)).toEqual([5, 10]);
  });

  it("pause holds a destination's events until it is resumed; a replay re-sends the range from a date", async () => {
    seedEvents(fixture.database, eventSeries(100));
    await deliverPending(fixture.database.sqlite, hook(), FAST);
    await setIntegrationPaused(fixture.database.sqlite, "hook", true);
    seedEvents(fixture.database, eventSeries(5, undefined, 100));
    expect((await deliverPending(fixture.database.sqlite, hook(), FAST))[0]!.status).toBe("paused");
    expect(fixture.receiver.all).toHaveLength(3);
    await setIntegrationPaused(fixture.database.sqlite, "hook", false);
    expect(await startIntegrationReplay(fixture.database.sqlite, "hook", Date.UTC(2026, 0, 1, 1, 0))).toBe(45);
    const [report] = await deliverPending(fixture.database.sqlite, hook(), FAST);
    expect(report).toMatchObject({ status: "caught-up", delivered: 50 });
    const ids = acceptedLines(fixture.receiver).map((line) => line.id as string);
    expect(ids.slice(100, 105)).toEqual(["e000101", "e000102", "e000103", "e000104", "e000105"]);
    expect(ids.slice(105)).toEqual(Array.from({ length: 45 }, (_, i) => `e${String(61 + i).padStart(6, "0")}`));
    expect(readIntegrationState(fixture.database.sqlite, "hook")).toMatchObject({ replayFrom: null, replayDone: 45, replayTotal: 45 });
  });
});
