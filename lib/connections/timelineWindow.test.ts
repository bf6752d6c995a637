import { describe, expect, it } from "vitest";
import { zonedInstant } from "../i18n/zonedTime";
import { isKnownTimeZone, timelineParamsSchema, timelineWindow } from "./timelineWindow";

const NOW = Date.parse("2026-11-25T16:00:00Z"); // Wed 26 Nov 01:00 in Tokyo

describe("timelineWindow", () => {
  it("puts a Tokyo day at its local midnight", () => {
    const window = timelineWindow({ span: "day", date: "2026-11-25" }, "Asia/Tokyo", NOW);
    expect(new Date(window.startMs).toISOString()).toBe("2026-11-24T15:00:00.000Z");
    expect(window.endMs - window.startMs).toBe(86_400_000);
    expect([window.previousDate, window.nextDate]).toEqual(["2026-11-24", "2026-11-26"]);
    expect(window.ticks.map((t) => t.at)).toEqual([0, 3, 6, 9, 12, 15, 18, 21].map((hour) => ({ hour })));
  });

  it("defaults to the week holding today in the zone, Monday first", () => {
    const window = timelineWindow({ span: "week", date: undefined }, "Asia/Tokyo", NOW);
    expect(window.date).toBe("2026-11-23");
    expect(window.first).toEqual({ year: 2026, month: 11, day: 23 });
    expect(window.ticks[6]!.at).toEqual({ date: { year: 2026, month: 11, day: 29 } });
    expect(window.ticks).toHaveLength(7);
    expect([window.previousDate, window.nextDate]).toEqual(["2026-11-16", "2026-11-30"]);
  });

  it("remembers the day it was asked for (today by default), which a change of span keeps: a week's Day is not its Monday", () => {
    expect(timelineWindow({ span: "week", date: undefined }, "Asia/Tokyo", NOW).anchorDate).toBe("2026-11-26");
    const week = timelineWindow({ span: "week", date: "2026-11-27" }, "Asia/Tokyo", NOW);
    expect([week.date, week.anchorDate]).toEqual(["2026-11-23", "2026-11-27"]);
    expect(timelineWindow({ span: "month", date: "2026-11-27" }, "Asia/Tokyo", NOW).anchorDate).toBe("2026-11-27");
  });

  it("takes a calendar month, across a year's end", () => {
    const window = timelineWindow({ span: "month", date: "2026-12-31" }, "UTC", NOW);
    expect(window.date).toBe("2026-12-01");
    expect(window.ticks).toHaveLength(31);
    expect([window.previousDate, window.nextDate]).toEqual(["2026-11-01", "2027-01-01"]);
    expect(new Date(window.endMs).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("keeps days of 23 and 25 hours across daylight-saving changes", () => {
    const spring = timelineWindow({ span: "day", date: "2026-03-08" }, "America/New_York", NOW);
    expect(spring.endMs - spring.startMs).toBe(23 * 3_600_000);
    const autumn = timelineWindow({ span: "day", date: "2026-11-01" }, "America/New_York", NOW);
    expect(autumn.endMs - autumn.startMs).toBe(25 * 3_600_000);
    expect(new Date(zonedInstant({ year: 2026, month: 11, day: 1 }, 0, "America/New_York")).toISOString()).toBe("2026-11-01T04:00:00.000Z");
  });

  it("parses and refuses URL parameters", () => {
    expect(timelineParamsSchema.parse({})).toEqual({ span: "week", date: undefined });
    expect(timelineParamsSchema.safeParse({ date: "2026-02-30" }).success).toBe(false);
    expect(timelineParamsSchema.safeParse({ span: "year" }).success).toBe(false);
    expect(isKnownTimeZone("Asia/Tokyo")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus")).toBe(false);
  });
});
