import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { nextScheduledRun, readNextScheduledRun, saveNextScheduledRun } from "./syncSchedule";

const NOW = Date.parse("2026-12-01T00:00:00.000Z");

describe("the next scheduled sync", () => {
  it("is the scheduler's time while it lies ahead, counted from now", () => {
    expect(nextScheduledRun({ intervalMs: 300_000, nextAt: "2026-12-01T00:04:00.000Z", running: false, now: NOW })).toEqual({
      kind: "at",
      at: "2026-12-01T00:04:00.000Z",
      inMs: 240_000,
    });
    // A manual run going meanwhile does not move the scheduler's timer.
    expect(nextScheduledRun({ intervalMs: 300_000, nextAt: "2026-12-01T00:04:00.000Z", running: true, now: NOW }).kind).toBe("at");
  });

  it("is an interval after the run going once its time has passed (the scheduler skips a tick that finds one running)", () => {
    for (const nextAt of ["2026-11-30T23:59:00.000Z", null]) {
      expect(nextScheduledRun({ intervalMs: 300_000, nextAt, running: true, now: NOW })).toEqual({ kind: "afterRun", intervalMs: 300_000 });
      expect(nextScheduledRun({ intervalMs: 300_000, nextAt, running: false, now: NOW })).toEqual({ kind: "due" });
    }
  });

  it("is none when the background sync is off, whatever was recorded", () => {
    expect(nextScheduledRun({ intervalMs: 0, nextAt: "2026-12-01T00:04:00.000Z", running: false, now: NOW })).toEqual({ kind: "off" });
  });

  describe("as the store keeps it for the page thread", () => {
    let database: TempDatabase;
    beforeAll(async () => (database = await createTempDatabase()));
    afterAll(() => database.close());

    it("is saved, replaced and cleared", async () => {
      expect(await readNextScheduledRun(database.db)).toBeNull();
      await saveNextScheduledRun(database.db, new Date("2026-12-01T00:05:00Z"));
      await saveNextScheduledRun(database.db, new Date("2026-12-01T00:10:00Z"));
      expect(await readNextScheduledRun(database.db)).toBe("2026-12-01T00:10:00.000Z");
      await saveNextScheduledRun(database.db, null);
      expect(await readNextScheduledRun(database.db)).toBeNull();
    });
  });
});
