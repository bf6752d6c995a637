import { describe, expect, it } from "vitest";
import { dayIndexOf, dayShifts, hasWholeHourDays, zoneDayStart, zoneDays } from "./zoneDays";

const at = (iso: string) => Date.parse(iso);
const isoDays = (fromIso: string, toIso: string, zone: string) =>
  zoneDays(at(fromIso), at(toIso), zone).map((d) => [new Date(d.startMs).toISOString(), (d.endMs - d.startMs) / 3_600_000]);

describe("days in the viewer's zone, on the UTC hour grid of the rollups", () => {
  it("runs a Tokyo day from 15:00 to 15:00 UTC", () => {
    expect(new Date(zoneDayStart(at("2026-12-02T14:59:59Z"), "Asia/Tokyo")).toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(new Date(zoneDayStart(at("2026-12-02T15:00:00Z"), "Asia/Tokyo")).toISOString()).toBe("2026-12-02T15:00:00.000Z");
    expect(isoDays("2026-12-01T15:00:00Z", "2026-12-03T00:00:00Z", "Asia/Tokyo")).toEqual([
      ["2026-12-01T15:00:00.000Z", 24],
      ["2026-12-02T15:00:00.000Z", 24],
    ]);
  });

  it("gives the days of a clock change 23 and 25 hours", () => {
    expect(isoDays("2026-03-08T05:00:00Z", "2026-03-10T00:00:00Z", "America/New_York")).toEqual([
      ["2026-03-08T05:00:00.000Z", 23],
      ["2026-03-09T04:00:00.000Z", 24],
    ]);
    expect(isoDays("2026-10-25T00:00:00Z", "2026-10-25T12:00:00Z", "Europe/London")).toEqual([["2026-10-24T23:00:00.000Z", 25]]);
  });

  it("starts a day in India at the whole UTC hour before local midnight, and says midnight is off the grid", () => {
    // Local midnight is 18:30 UTC; the day starts at 18:00 UTC (23:30 in India).
    expect(new Date(zoneDayStart(at("2026-12-02T18:10:00Z"), "Asia/Kolkata")).toISOString()).toBe("2026-12-02T18:00:00.000Z");
    expect(new Date(zoneDayStart(at("2026-12-02T17:59:00Z"), "Asia/Kolkata")).toISOString()).toBe("2026-12-01T18:00:00.000Z");
    expect(hasWholeHourDays(at("2026-12-01T00:00:00Z"), at("2026-12-08T00:00:00Z"), "Asia/Kolkata")).toBe(false);
    expect(hasWholeHourDays(at("2026-12-01T00:00:00Z"), at("2026-12-08T00:00:00Z"), "Asia/Tokyo")).toBe(true);
    expect(hasWholeHourDays(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), "America/New_York")).toBe(true);
  });

  it("finds the day of an instant, and none outside the days", () => {
    const days = zoneDays(at("2026-12-01T15:00:00Z"), at("2026-12-04T15:00:00Z"), "Asia/Tokyo");
    expect(days).toHaveLength(3);
    expect(dayIndexOf(days, at("2026-12-01T15:00:00Z"))).toBe(0);
    expect(dayIndexOf(days, at("2026-12-03T14:00:00Z"))).toBe(1);
    expect(dayIndexOf(days, at("2026-12-04T14:59:59Z"))).toBe(2);
    expect(dayIndexOf(days, at("2026-12-04T15:00:00Z"))).toBe(-1);
    expect(dayIndexOf(days, at("2026-12-01T14:00:00Z"))).toBe(-1);
  });
});

describe("dayShifts: how SQL numbers the day of an hour", () => {
  const DAY = 86_400_000;
  const HOUR = 3_600_000;
  const numberOf = (steps: ReturnType<typeof dayShifts>, hour: number) =>
    Math.floor((hour + steps.find((step) => step.untilMs === null || hour < step.untilMs)!.shiftMs) / DAY);

  it.each(["Asia/Tokyo", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Adelaide", "UTC"])(
    "gives every hour of a day in %s that day's number, and the next day the next one",
    (zone) => {
      const days = zoneDays(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), zone);
      const steps = dayShifts(days, zone);
      expect(steps.length).toBeLessThanOrEqual(3);
      let previous: number | null = null;
      for (const day of days) {
        const first = numberOf(steps, day.startMs);
        for (let hour = day.startMs; hour < day.endMs; hour += HOUR) expect(numberOf(steps, hour), new Date(hour).toISOString()).toBe(first);
        if (previous !== null) expect(first).toBe(previous + 1);
        previous = first;
      }
    },
  );
});
