import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DAY_MS } from "../connections/rollupContributions";
import { parseEventFilters } from "../events/eventFilters";
import { queryEvents } from "../events/queryEvents";
import { deliverDestination } from "../integrations/delivery/deliverDestination";
import { createSender } from "../integrations/destinations/createSender";
import { destinationsOf, startReceiver, type Receiver } from "../integrations/testing";
import { ensureIntegrationStates, readIntegrationState } from "../store/integrationLedger";
import { groundTruth, startSyncFixture, TEST_HISTORY_END, type SyncFixture } from "../sync/testing";
import { readLastRetentionRun, runRetention, type RetentionPolicy } from "./runRetention";

/**
 * The retention policy on a real SQLite file, run in small batches while a sync stores new pages
 * through the same connection (as in the ingest runner), with a destination that holds part of
 * the history and then goes down, and later catches up.
 */

let fixture: SyncFixture;
let receiver: Receiver;

beforeEach(async () => {
  // Oldest first, so that the destination's first batches hold the oldest events: some of the
  // expired events are delivered while the destination is down, some are not.
  fixture = await startSyncFixture({ events: 3_000, days: 90, order: "oldest-first" });
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
  await fixture.close();
});

const NOW = TEST_HISTORY_END.getTime();
const POLICY: RetentionPolicy = { eventDays: 45, rollupDays: 60, ignoreUndelivered: false };
const CUTOFF = NOW - POLICY.eventDays * DAY_MS;
const ROLLUP_CUTOFF_DAY = Math.floor((NOW - POLICY.rollupDays! * DAY_MS) / DAY_MS) * DAY_MS;

interface StoredRow {
  id: string;
  occurredAt: number;
  attemptId: string | null;
  changeSeq: number;
}

const storedRows = (fixture: SyncFixture) =>
  fixture.sqlite.prepare<[], StoredRow>(`SELECT "id", "occurredAt", "attemptId", "changeSeq" FROM "Event"`).all() as StoredRow[];

const searchFinds = async (fixture: SyncFixture, q: string) =>
  (await queryEvents(fixture.sqlite, { filters: parseEventFilters({ q }), limit: 10, order: "newest", cursor: null })).rows.map((row) => row.id);

/** Stored connections that disagree with the stored events: none left without events, each counting exactly its stored events. */
function inconsistentConnections(fixture: SyncFixture): unknown[] {
  return fixture.sqlite
    .prepare(
      `SELECT c."attemptId", c."eventCount", (SELECT count(*) FROM "Event" e WHERE e."attemptId" = c."attemptId") AS "stored" FROM "Connection" c
       WHERE c."eventCount" <> (SELECT count(*) FROM "Event" e WHERE e."attemptId" = c."attemptId")
       UNION ALL
       SELECT DISTINCT e."attemptId", NULL, NULL FROM "Event" e WHERE e."attemptId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Connection" c WHERE c."attemptId" = e."attemptId")`,
    )
    .all();
}

/** Connections whose day is missing from the per-exit-code daily rollup: a rollup row some stored connection still adds to was deleted. */
const connectionsWithoutRollup = (fixture: SyncFixture) =>
  fixture.sqlite
    .prepare(
      `SELECT count(*) AS "n" FROM "Connection" c WHERE NOT EXISTS (SELECT 1 FROM "ConnectionDailyRollup" r
         WHERE r."grain" = 'day-code' AND r."day" = c."startedAt" / 86400000 * 86400000 AND r."completionExitCode" IS c."completionExitCode")`,
    )
    .get() as { n: number };

const dailyAttempts = (fixture: SyncFixture) =>
  new Map(
    (
      fixture.sqlite.prepare(`SELECT "day", sum("attempts") AS "attempts" FROM "ConnectionDailyRollup" WHERE "grain" = 'day-user' GROUP BY "day"`).all() as {
        day: number;
        attempts: number;
      }[]
    ).map((row) => [row.day, row.attempts]),
  );

describe("retention", () => {
  it("deletes in batches while a sync runs: nothing newer than the cutoff, nothing a destination lacks, everything expired once it has it", async () => {
    await fixture.sync();
    const [destination] = destinationsOf([{ name: "archive", type: "http", url: receiver.url, batchSize: 200 }]);
    await ensureIntegrationStates(fixture.sqlite, [destination!]);
    // The destination takes three batches, then is down.
    let requests = 0;
    receiver.answer = () => (++requests <= 3 ? { status: 200 } : { status: 503, body: "down" });
    const sender = createSender(destination!);
    const delivery = await deliverDestination(fixture.sqlite, destination!, sender, { retryDelaysMs: [1] });
    expect(delivery.status).toBe("failed");
    const deliveredSeq = readIntegrationState(fixture.sqlite, "archive")!.deliveredSeq;
    expect(deliveredSeq).toBeGreaterThan(0);

    const before = storedRows(fixture);
    const expired = before.filter((row) => row.occurredAt < CUTOFF);
    expect(expired.length).toBeGreaterThan(500);
    // An expired event's own attempt id, as the search finds it before.
    const searched = expired.find((row) => row.attemptId !== null && row.changeSeq > deliveredSeq)!;
    const deliveredSearched = expired.find((row) => row.attemptId !== null && row.changeSeq <= deliveredSeq)!;
    expect(await searchFinds(fixture, searched.attemptId!)).toContain(searched.id);
    const rollupsBefore = dailyAttempts(fixture);
    // An expired quarantine entry beside the sync's own.
    fixture.sqlite
      .prepare(`INSERT INTO "QuarantinedEvent" ("rawHash", "raw", "reason", "source", "firstSeenAt", "lastSeenAt") VALUES ('old', '{}', 'test', 'sync', ?, ?)`)
      .run(CUTOFF - DAY_MS, CUTOFF - DAY_MS);

    // Phase 1: new events arrive while the policy runs, in batches of 100 rows.
    fixture.sim.append({ count: 300 });
    let batches = 0;
    // The newest rowid at each pause: it grows when a sync page commits between two batches.
    const newestSeen = new Set<number>();
    const newest = fixture.sqlite.prepare(`SELECT max("rowid") FROM "Event"`).pluck();
    const options = {
      now: NOW,
      destinations: [destination!],
      batchRows: 100,
      pause: () => new Promise<void>((resolve) => setImmediate(() => (batches++, newestSeen.add(newest.get() as number), resolve()))),
    };
    const [synced, first] = await Promise.all([fixture.sync(), runRetention(fixture, POLICY, options)]);
    expect(synced.inserted).toBe(300);
    expect(batches).toBeGreaterThan(10);
    expect(newestSeen.size, "sync pages committed between the batches").toBeGreaterThan(1);
    expect(first.error).toBeNull();

    const afterFirst = storedRows(fixture);
    const keptIds = new Set(afterFirst.map((row) => row.id));
    const deletedFirst = before.filter((row) => !keptIds.has(row.id));
    expect(deletedFirst.length).toBeGreaterThan(0);
    expect(first.events).toBe(deletedFirst.length);
    expect(first.quarantined).toBe(1);
    for (const row of deletedFirst) {
      expect(row.occurredAt).toBeLessThan(CUTOFF);
      expect(row.changeSeq).toBeLessThanOrEqual(deliveredSeq);
    }
    expect(first.heldUndelivered).toBe(expired.filter((row) => row.changeSeq > deliveredSeq).length);
    expect(inconsistentConnections(fixture)).toEqual([]);
    expect(connectionsWithoutRollup(fixture).n).toBe(0);
    expect(await searchFinds(fixture, searched.attemptId!)).toContain(searched.id);
    if (!keptIds.has(deliveredSearched.id)) expect(await searchFinds(fixture, deliveredSearched.attemptId!)).toEqual([]);

    // Phase 2: the destination is back and catches up; the next run, again beside a sync, deletes the rest.
    receiver.answer = () => ({ status: 200 });
    expect((await deliverDestination(fixture.sqlite, destination!, sender, { retryDelaysMs: [1] })).status).toBe("caught-up");
    fixture.sim.append({ count: 100 });
    const [, second] = await Promise.all([fixture.sync(), runRetention(fixture, POLICY, options)]);
    expect(second.error).toBeNull();
    expect(second.heldUndelivered).toBe(0);

    const after = storedRows(fixture);
    const byAttempt = new Map<string, StoredRow[]>();
    for (const row of after) if (row.attemptId) byAttempt.set(row.attemptId, [...(byAttempt.get(row.attemptId) ?? []), row]);
    // What stays of the expired: only events of connections that go on past the cutoff.
    for (const row of after.filter((r) => r.occurredAt < CUTOFF)) {
      expect(row.attemptId, `expired event ${row.id} without a connection is kept`).not.toBeNull();
      expect(Math.max(...byAttempt.get(row.attemptId!)!.map((r) => r.occurredAt))).toBeGreaterThanOrEqual(CUTOFF);
    }
    // Nothing newer than the cutoff is missing: every event of the simulator's history from the cutoff on is stored.
    const storedIds = new Set(after.map((row) => row.id));
    const recent = groundTruth(fixture.sim).filter((event) => Date.parse(event.timestamp as string) >= CUTOFF);
    expect(recent.length).toBeGreaterThan(1_000);
    expect(recent.filter((event) => !storedIds.has(event.id as string))).toEqual([]);
    expect(inconsistentConnections(fixture)).toEqual([]);
    expect(await searchFinds(fixture, searched.attemptId!)).toEqual([]);
    expect(first.events + second.events).toBe(before.length + 400 - after.length);
    expect(first.connections + second.connections).toBeGreaterThan(0);

    // Rollups: the days before ROLLUP_RETENTION_DAYS are gone, the later ones are as they were (the
    // deleted connections still count in the days between the two cutoffs).
    const rollupsAfter = dailyAttempts(fixture);
    expect([...rollupsAfter.keys()].filter((day) => day < ROLLUP_CUTOFF_DAY)).toEqual([]);
    // The per-hour sums of the same connections go with the days.
    const startHoursBeforeCutoff = fixture.sqlite
      .prepare(`SELECT count(*) AS "n" FROM "ConnectionDailyRollup" WHERE "grain" LIKE 'start-hour-%' AND "day" < ?`)
      .get(ROLLUP_CUTOFF_DAY) as { n: number };
    expect(startHoursBeforeCutoff.n).toBe(0);
    const keptDays = [...rollupsBefore.keys()].filter((day) => day >= ROLLUP_CUTOFF_DAY && day < CUTOFF - DAY_MS);
    expect(keptDays.length).toBeGreaterThan(10);
    for (const day of keptDays) expect(rollupsAfter.get(day), new Date(day).toISOString()).toBe(rollupsBefore.get(day));
    expect(first.rollups + second.rollups).toBeGreaterThan(0);
    expect(connectionsWithoutRollup(fixture).n).toBe(0);

    // The viewer audit holds each run with its counts; the overview reads the last one.
    const audit = await fixture.db.viewerAuditEntry.findMany({ where: { action: "retention" }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.detail)).toEqual(
      [first, second].map((run) =>
        expect.stringContaining(
          `deleted ${run.events.toLocaleString("en")} events, ${run.connections.toLocaleString("en")} connections, ${run.quarantined} quarantined and ${run.rollups.toLocaleString("en")} rollup rows`,
        ),
      ),
    );
    expect(audit[0]!.detail).toContain(`kept ${first.heldUndelivered.toLocaleString("en")} not yet delivered`);
    expect(await readLastRetentionRun(fixture.db)).toEqual(second);
  }, 120_000);

  it("deletes what a down destination lacks when told to, and records nothing in the audit when nothing expired", async () => {
    await fixture.sync();
    const [destination] = destinationsOf([{ name: "down", type: "http", url: receiver.url }]);
    await ensureIntegrationStates(fixture.sqlite, [destination!]);
    const expired = storedRows(fixture).filter((row) => row.occurredAt < CUTOFF).length;

    const held = await runRetention(fixture, POLICY, { now: NOW, destinations: [destination!] });
    expect(held).toMatchObject({ events: 0, connections: 0, heldUndelivered: expired });
    const forced = await runRetention(fixture, { ...POLICY, ignoreUndelivered: true }, { now: NOW, destinations: [destination!] });
    expect(forced.events).toBeGreaterThan(expired / 2);
    expect(forced.heldUndelivered).toBe(0);
    const again = await runRetention(fixture, { ...POLICY, ignoreUndelivered: true }, { now: NOW, destinations: [destination!] });
    expect(again).toMatchObject({ events: 0, connections: 0, quarantined: 0, rollups: 0 });
    expect(await fixture.db.viewerAuditEntry.count({ where: { action: "retention" } })).toBe(1);
    expect(await readLastRetentionRun(fixture.db)).toEqual(again);
  }, 60_000);

  it("keeps the rollups when ROLLUP_RETENTION_DAYS is keep", async () => {
    await fixture.sync();
    const rollupRows = () => fixture.sqlite.prepare(`SELECT count(*) AS "n" FROM "ConnectionDailyRollup"`).get() as { n: number };
    const before = rollupRows().n;
    const run = await runRetention(fixture, { ...POLICY, rollupDays: null }, { now: NOW, destinations: [] });
    expect(run.connections).toBeGreaterThan(0);
    expect(run.rollups).toBe(0);
    expect(rollupRows().n).toBe(before);
    expect(run.rollupCutoff).toBeNull();
  }, 60_000);
});
