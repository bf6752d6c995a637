import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeEvents } from "./storeEvents";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { toRawConnectionRow } from "../connections/connectionRows";
import { refreshConnections } from "./refreshConnections";
import { stitchConnection } from "../connections/stitchConnection";
import { fromParsecEvent } from "../connections/attemptEvent";
import { catchUpConnections } from "./connectionBacklog";
import { flowParsecEvents, readConnections, readRollups, type FlowSpec, type FlowStepName } from "../connections/testing";

let database: TempDatabase;
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(() => database.close());

function clear(): void {
  database.sqlite.exec(`DELETE FROM "Event"; DELETE FROM "Connection"; DELETE FROM "ConnectionDailyRollup"; DELETE FROM "ConnectionHourlyRollup";`);
}

/** What the maintenance must reach: every attempt stitched from all its events, once. */
function rebuildFromScratch(): void {
  database.sqlite.exec(`DELETE FROM "Connection"; DELETE FROM "ConnectionDailyRollup"; DELETE FROM "ConnectionHourlyRollup";`);
  const ids = (database.sqlite.prepare(`SELECT DISTINCT "attemptId" FROM "Event" WHERE "attemptId" IS NOT NULL`).all() as { attemptId: string }[]).map(
    (r) => r.attemptId,
  );
  database.sqlite.transaction(() => refreshConnections(database.sqlite, ids))();
}

const DAY = 86_400_000;
const attemptSpec = fc.record({
  // Around midnight UTC and across days, so that attempts fall into different rollup days and hours.
  startMs: fc.integer({ min: Date.parse("2026-03-01T20:00:00Z"), max: Date.parse("2026-03-01T20:00:00Z") + 2 * DAY }),
  clientUserId: fc.constantFrom(11, 12, 13),
  hostUserId: fc.constantFrom(0, 11, 14),
  hostComputerName: fc.constantFrom("render-01", "レンダー|02", "shared-03"),
  failure: fc.constantFrom(0, 0, -6023, 9),
  duration: fc.integer({ min: 0, max: 30_000 }),
  hostDuration: fc.option(fc.integer({ min: 0, max: 30_001 }), { nil: undefined }),
  omit: fc.subarray<FlowStepName>(["relayed", "hostComplete", "clientDisconnect", "hostDisconnect"], { maxLength: 2 }),
});

describe("connections kept page by page", () => {
  it("equal stitching the whole history, and the rollups a rebuild from scratch, however the events are split, ordered, repeated or left to wait", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(attemptSpec, { minLength: 1, maxLength: 6 }),
        fc.infiniteStream(fc.nat()),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        // Per page, how many new events may wait before they are stitched (0: at once).
        fc.array(fc.constantFrom(0, 0, 3, 10, 1_000), { minLength: 1, maxLength: 6 }),
        async (specs, randomness, pageSizes, repeats, waits) => {
          clear();
          const attempts = specs.map((spec, i) => flowParsecEvents({ ...(spec as FlowSpec), attemptId: `attempt-${i}-0000-0000` }));
          const all = attempts.flat();
          const shuffled = [...all].sort(() => (randomness.next().value % 3) - 1);
          // Some events are delivered again later, as overlapping sync windows do.
          const delivered = [...shuffled, ...repeats.map((i) => all[i % all.length]!)];
          for (let at = 0, page = 0; at < delivered.length; page += 1) {
            const size = pageSizes[page % pageSizes.length]!;
            const items = delivered.slice(at, at + size);
            const stitchAfterEvents = waits[page % waits.length]!;
            database.sqlite.transaction(() => storeEvents(database.sqlite, items, "test", [], { stitchAfterEvents }))();
            at += size;
          }
          await catchUpConnections(database.sqlite);
          const expected = attempts
            .map((events) => {
              const attemptId = (events[0]!.data as { attempt_id: string }).attempt_id;
              const { updatedAt: _ignored, ...row } = toRawConnectionRow(stitchConnection(attemptId, events.map(fromParsecEvent)), 0);
              return row;
            })
            .sort((a, b) => String(a.attemptId).localeCompare(String(b.attemptId)));
          expect(readConnections(database.sqlite)).toEqual(expected);
          const incremental = readRollups(database.sqlite);
          rebuildFromScratch();
          expect(incremental).toEqual(readRollups(database.sqlite));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("leave no rollup rows behind when a connection moves to another day, user or code", () => {
    clear();
    const early = flowParsecEvents({ attemptId: "moving-attempt", startMs: Date.parse("2026-03-02T00:00:05Z"), omit: ["offer"] });
    database.sqlite.transaction(() => storeEvents(database.sqlite, early, "test"))();
    const before = readRollups(database.sqlite);
    expect(before.daily.map((r) => (r as { day: number }).day)).toContain(Date.parse("2026-03-02T00:00:00Z"));
    // The offer, a minute before midnight, arrives late: the connection now starts the day before.
    const offer = flowParsecEvents({ attemptId: "moving-attempt", startMs: Date.parse("2026-03-01T23:59:59Z") })[0]!;
    database.sqlite.transaction(() => storeEvents(database.sqlite, [offer], "test"))();
    const after = readRollups(database.sqlite) as { daily: { day: number; attempts: number }[]; hourly: unknown[] };
    // The day grains on the day before, the start-hour grains on its last hour; nothing on the 2nd.
    expect(new Set(after.daily.map((r) => r.day))).toEqual(new Set([Date.parse("2026-03-01T00:00:00Z"), Date.parse("2026-03-01T23:00:00Z")]));
    expect(after.daily.every((r) => r.attempts === 1)).toBe(true);
  });
});
