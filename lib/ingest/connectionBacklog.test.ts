import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { storeEvents, type StoreOptions } from "./storeEvents";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { catchUpConnections } from "./connectionBacklog";
import { connectionsNeedRebuild, rebuildConnections } from "./rebuildConnections";
import { flowParsecEvents, readConnections, readRollups } from "../connections/testing";

let database: TempDatabase;
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(() => database.close());
beforeEach(() => {
  database.sqlite.exec(`DELETE FROM "Event"; DELETE FROM "Connection"; DELETE FROM "ConnectionDailyRollup"; DELETE FROM "ConnectionHourlyRollup";`);
  database.sqlite.exec(`UPDATE "ConnectionStitchMark" SET "eventRowid" = 0`);
});

const store = (items: unknown[], options: StoreOptions = {}) => database.sqlite.transaction(() => storeEvents(database.sqlite, items, "test", [], options))();
const attempt = (n: number, spec: Parameters<typeof flowParsecEvents>[0] = {}) =>
  flowParsecEvents({ attemptId: `attempt-${String(n).padStart(4, "0")}`, startMs: Date.parse("2026-03-02T09:00:00Z") + n * 60_000, ...spec });
const stitchedIds = () => readConnections(database.sqlite).map((row) => row.attemptId);

describe("new events waiting for their connections", () => {
  it("wait until a batch has gathered; the page that completes it stitches every waiting attempt", () => {
    store(attempt(1), { stitchAfterEvents: 15 }); // 6 events waiting
    store(attempt(2), { stitchAfterEvents: 15 }); // 12
    expect(stitchedIds()).toEqual([]);
    store(attempt(3), { stitchAfterEvents: 15 }); // 18: the batch is complete
    expect(stitchedIds()).toEqual(["attempt-0001", "attempt-0002", "attempt-0003"]);
    store(attempt(4), { stitchAfterEvents: 15 });
    expect(stitchedIds()).toHaveLength(3);
    // A page stored the default way stitches whatever waits along with its own.
    store(attempt(5));
    expect(stitchedIds()).toEqual(["attempt-0001", "attempt-0002", "attempt-0003", "attempt-0004", "attempt-0005"]);
  });

  it("are stitched by a catch-up, which then has nothing left to do", async () => {
    const events = [1, 2, 3].flatMap((n) => attempt(n));
    store(events.slice(0, 7), { stitchAfterEvents: 1_000 });
    store(events.slice(7), { stitchAfterEvents: 1_000 });
    expect(stitchedIds()).toEqual([]);
    expect(await catchUpConnections(database.sqlite)).toBe(3);
    expect(stitchedIds()).toEqual(["attempt-0001", "attempt-0002", "attempt-0003"]);
    expect(await catchUpConnections(database.sqlite)).toBe(0);

    // The same rows and rollups as stitching every page at once.
    const batched = { connections: readConnections(database.sqlite), rollups: readRollups(database.sqlite) };
    database.sqlite.exec(`DELETE FROM "Event"; DELETE FROM "Connection"; DELETE FROM "ConnectionDailyRollup"; DELETE FROM "ConnectionHourlyRollup";`);
    store(events.slice(0, 7));
    store(events.slice(7));
    expect({ connections: readConnections(database.sqlite), rollups: readRollups(database.sqlite) }).toEqual(batched);
  });

  it("do not hold back an event whose content changed: its attempt is stitched at once", () => {
    store(attempt(1, { failure: 0 }));
    expect(readConnections(database.sqlite)[0]).toMatchObject({ attemptId: "attempt-0001", status: "ended" });
    // Parsec delivers the client's completion again with another code, among new events that wait.
    const changed = attempt(1, { failure: -6023 }).find((event) => event.name === "p2p_client_complete")!;
    store([changed, ...attempt(2)], { stitchAfterEvents: 1_000 });
    expect(readConnections(database.sqlite)).toEqual([expect.objectContaining({ attemptId: "attempt-0001", completionExitCode: -6023 })]);
  });

  it("include events that took the rowids of deleted ones", async () => {
    store([...attempt(1), ...attempt(2)]);
    // The newest events go (by hand: the app never deletes events), and new ones reuse their rowids.
    database.sqlite.exec(`DELETE FROM "Event" WHERE "id" LIKE 'attempt-0002:%'`);
    store(attempt(3), { stitchAfterEvents: 1_000 });
    expect(await catchUpConnections(database.sqlite)).toBe(1);
    expect(stitchedIds()).toEqual(["attempt-0001", "attempt-0002", "attempt-0003"]);
  });
});

describe("connectionsNeedRebuild", () => {
  it("is false for events that wait above the mark (a first sync that died), true for stored events without connections", async () => {
    store(attempt(1), { stitchAfterEvents: 1_000 });
    expect(stitchedIds()).toEqual([]);
    expect(connectionsNeedRebuild(database.sqlite), "the next catch-up stitches them").toBe(false);
    await catchUpConnections(database.sqlite);
    database.sqlite.exec(`DELETE FROM "Connection"`);
    expect(connectionsNeedRebuild(database.sqlite), "stitched once, then lost: an upgrade looks like this").toBe(true);
  });

  it("is false after a rebuild, which leaves nothing waiting", async () => {
    store([...attempt(1), ...attempt(2)], { stitchAfterEvents: 1_000 });
    database.sqlite.exec(`UPDATE "ConnectionStitchMark" SET "eventRowid" = (SELECT max("rowid") FROM "Event")`);
    expect(connectionsNeedRebuild(database.sqlite)).toBe(true);
    await rebuildConnections({ db: database.db, sqlite: database.sqlite });
    expect(stitchedIds()).toEqual(["attempt-0001", "attempt-0002"]);
    expect(connectionsNeedRebuild(database.sqlite)).toBe(false);
    expect(await catchUpConnections(database.sqlite)).toBe(0);
  });

  it("is true for connections whose rollups were kept before they counted the hour each started in", async () => {
    store(attempt(1), { stitchAfterEvents: 1_000 });
    await catchUpConnections(database.sqlite);
    expect(connectionsNeedRebuild(database.sqlite)).toBe(false);
    database.sqlite.exec(`DELETE FROM "ConnectionDailyRollup" WHERE "grain" LIKE 'start-hour-%'`);
    expect(connectionsNeedRebuild(database.sqlite), "an upgrade from the daily rollups alone").toBe(true);
    await rebuildConnections({ db: database.db, sqlite: database.sqlite });
    expect(connectionsNeedRebuild(database.sqlite)).toBe(false);
  });
});
