import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importEventsFile } from "../ingest/importEvents";
import { readChangesAfter } from "../store/integrationLedger";
import { makeTempDir, type TempDir } from "../store/testing";
import { startSyncFixture, storedEvents, startCli, type ParsecEventJson, type SyncFixture } from "../sync/testing";
import { startDeliveryScheduler, type DeliveryScheduler } from "./delivery/deliveryScheduler";
import { integrationStatus } from "./status/integrationStatus";
import { S3RVER_ENV, startLocalS3, type LocalS3 } from "./destinations/s3/testing";
import { destinationsOf, startReceiver, type Receiver } from "./testing";

/**
 * The whole path, from the simulated Parsec API through the sync and the import to the
 * destinations, with the server's scheduler woken by the write path: after a backfill, new
 * events, an updated event and an import, every destination holds every stored event, whatever
 * faults the destinations had on the way.
 */

let fixture: SyncFixture;
let s3: LocalS3;
let receivers: Receiver[];
let dir: TempDir;

beforeEach(async () => {
  fixture = await startSyncFixture({ events: 1_500 });
  s3 = await startLocalS3();
  receivers = [];
  dir = makeTempDir();
});
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await s3.close();
  await fixture.close();
  dir.remove();
});

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

/** Every event a receiver accepted, each line parsed. */
const linesOf = (r: Receiver) =>
  r.accepted.flatMap((request) =>
    request.text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ParsecEventJson),
  );

function withoutMark(event: ParsecEventJson): ParsecEventJson {
  const copy = { ...event };
  delete copy.viewer_update;
  return copy;
}

/** The last version each destination got of each event: what it holds. */
function latestById(events: ParsecEventJson[]): Map<string, ParsecEventJson> {
  return new Map(events.map((event) => [event.id as string, withoutMark(event)]));
}

async function untilCaughtUp(names: string[], destinations: ReturnType<typeof destinationsOf>, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = integrationStatus(fixture.sqlite, destinations).filter((s) => names.includes(s.name));
    if (status.every((s) => s.caughtUp)) return status;
    if (Date.now() > until) throw new Error(`not caught up: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function expectS3HoldsExactly(stored: ParsecEventJson[]) {
  const objects = await s3.objects();
  const first = objects.filter((o) => !o.key.includes(".update-")).flatMap((o) => o.lines.map((line) => JSON.parse(line) as ParsecEventJson));
  const ids = first.map((event) => event.id as string);
  // Exactly once by id in the first objects; the update objects hold the changed versions beside them.
  expect(ids.length).toBe(new Set(ids).size);
  expect(new Set(ids)).toEqual(new Set(stored.map((event) => event.id as string)));
  const updates = objects.filter((o) => o.key.includes(".update-")).flatMap((o) => o.lines.map((line) => JSON.parse(line) as ParsecEventJson));
  expect(latestById([...first, ...updates])).toEqual(new Map(stored.map((event) => [event.id as string, event])));
}

describe("integrations, end to end", () => {
  it("after a backfill, new events, an updated event and an import, every destination holds every event; one down holds up nothing", async () => {
    const flaky = await receiver();
    let calls = 0;
    // Every third request fails, one in five of the others hangs past the timeout.
    flaky.answer = () => (++calls % 3 === 0 ? { status: 500, body: "oops" } : calls % 5 === 0 ? "hang" : { status: 200 });
    const steady = await receiver();
    const closed = await receiver();
    await closed.close();
    receivers = receivers.filter((r) => r !== closed);
    const destinations = destinationsOf(
      [
        s3.entry({ batchSize: 400 }),
        { name: "flaky", type: "http", url: flaky.url, batchSize: 250, timeoutSeconds: 1 },
        { name: "steady", type: "http", url: steady.url, batchSize: 1000 },
        { name: "down", type: "http", url: closed.url },
      ],
      S3RVER_ENV,
    );
    const live = ["archive", "flaky", "steady"];
    const scheduler: DeliveryScheduler = startDeliveryScheduler(fixture.sqlite, destinations, 0, { retryDelaysMs: [10, 20] });
    try {
      // The backfill: the write path wakes the scheduler after each page.
      await fixture.sync();
      await untilCaughtUp(live, destinations);
      // New events, then an import that changes one stored event (its user's current email) and adds two.
      fixture.sim.append({ count: 40 });
      await fixture.sync();
      await untilCaughtUp(live, destinations);
      const [changed] = await storedEvents(fixture.db);
      const file = dir.file("dashboard.json");
      const added = [0, 1].map((i) => ({ ...changed, id: `imported${i}`, timestamp: new Date(Date.UTC(2026, 4, 1, 12, i)).toISOString() }));
      writeFileSync(file, JSON.stringify({ data: [{ ...changed, user_email: "renamed@example.com" }, ...added] }));
      await importEventsFile(file, { db: fixture.db, sqlite: fixture.sqlite, trigger: "cli" });
      const status = await untilCaughtUp(live, destinations);
      expect(status.every((s) => s.caughtUp)).toBe(true);

      const stored = await storedEvents(fixture.db);
      expect(stored.length).toBeGreaterThan(1_500);
      const storedById = new Map(stored.map((event) => [event.id as string, event]));
      await expectS3HoldsExactly(stored);
      for (const r of [flaky, steady]) {
        const lines = linesOf(r);
        expect(latestById(lines)).toEqual(storedById);
        // At least once; a duplicate is the same event (a retried batch), or its update, marked.
        const marked = lines.filter((line) => line.viewer_update === true);
        expect(marked.map((line) => line.id)).toEqual([changed!.id]);
      }
      expect(linesOf(steady)).toHaveLength(stored.length + 1);
      const down = integrationStatus(fixture.sqlite, destinations).find((s) => s.name === "down")!;
      expect(down).toMatchObject({ caughtUp: false, pending: stored.length, failing: true, delivered: 0 });
      expect(down.lastError).toMatch(/ECONNREFUSED/);
    } finally {
      await scheduler.stop();
    }
  }, 120_000);

  it("npm run forward killed with SIGKILL mid-batch: the next run delivers what is missing, S3 still exactly once", async () => {
    await fixture.sync();
    const hook = await receiver();
    let requests = 0;
    let arrived!: () => void;
    const third = new Promise<void>((resolve) => (arrived = resolve));
    hook.answer = () => {
      if (++requests === 3) {
        arrived();
        return "hang";
      }
      return { status: 200 };
    };
    const file = dir.file("integrations.json");
    writeFileSync(
      file,
      JSON.stringify({ destinations: [s3.entry({ batchSize: 100 }), { name: "hook", type: "http", url: hook.url, batchSize: 200, timeoutSeconds: 60 }] }),
    );
    const env = fixture.cliEnv({ INTEGRATIONS_FILE: file, ...S3RVER_ENV });
    await fixture.database.disconnect();
    const first = startCli("forward.ts", ["--once"], env);
    await third;
    first.killAll();
    expect((await first.done).signal).toBe("SIGKILL");
    expect(hook.accepted).toHaveLength(2);

    const second = await startCli("forward.ts", ["--once"], env).done;
    expect(second.stderr).toMatch(/forward: hook: \d+ events delivered, caught up/);
    expect(second.code).toBe(0);

    const { connectDatabase } = await import("../store/testing");
    const reopened = await connectDatabase(fixture.database.file);
    try {
      const stored = await storedEvents(reopened.db);
      const lines = linesOf(hook);
      expect(latestById(lines)).toEqual(new Map(stored.map((event) => [event.id as string, event])));
      // In order: each event first arrived in the order it was stored.
      const firstArrivals = [...new Set(lines.map((line) => line.id as string))];
      expect(firstArrivals).toEqual(readChangesAfter(reopened.sqlite, 0, Number.MAX_SAFE_INTEGER, 1_000_000).map((row) => row.id));
      await expectS3HoldsExactly(stored);
    } finally {
      await reopened.disconnect();
    }
  }, 120_000);

  it("npm run forward --once exits non-zero naming the destination that cannot be reached and its error", async () => {
    await fixture.sync();
    const closed = await receiver();
    await closed.close();
    receivers = [];
    const file = dir.file("integrations.json");
    writeFileSync(file, JSON.stringify({ destinations: [{ name: "collector", type: "http", url: closed.url }] }));
    await fixture.database.disconnect();
    const result = await startCli("forward.ts", ["--once"], fixture.cliEnv({ INTEGRATIONS_FILE: file })).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/forward: collector: 0 events delivered, failed: http:\/\/127\.0\.0\.1:\d+ cannot be reached: ECONNREFUSED/);
  }, 120_000);
});
