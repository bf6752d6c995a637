import { describe, expect, it } from "vitest";
import { calendarRange } from "./calendarRanges";

// Wednesday 2026-12-02 00:30 in Tokyo, still Tuesday 2026-12-01 in UTC.
const NOW = Date.parse("2026-12-01T15:30:00.000Z");

describe("calendarRange", () => {
  it("takes today and yesterday in the viewer's zone, not in UTC", () => {
    expect(calendarRange("today", NOW, "Asia/Tokyo")).toEqual({ from: "2026-12-01T15:00:00.000Z", to: "2026-12-02T14:59:59.999Z" });
    expect(calendarRange("yesterday", NOW, "Asia/Tokyo")).toEqual({ from: "2026-11-30T15:00:00.000Z", to: "2026-12-01T14:59:59.999Z" });
    expect(calendarRange("today", NOW, "UTC")).toEqual({ from: "2026-12-01T00:00:00.000Z", to: "2026-12-01T23:59:59.999Z" });
  });

  it("starts weeks on Monday", () => {
    // Tokyo: Wednesday 2 December, so this week is Monday 30 November to Sunday 6 December.
    expect(calendarRange("thisWeek", NOW, "Asia/Tokyo")).toEqual({ from: "2026-11-29T15:00:00.000Z", to: "2026-12-06T14:59:59.999Z" });
    expect(calendarRange("lastWeek", NOW, "Asia/Tokyo")).toEqual({ from: "2026-11-22T15:00:00.000Z", to: "2026-11-29T14:59:59.999Z" });
    // A Sunday belongs to the week that began the Monday before.
    const sunday = Date.parse("2026-12-06T12:00:00.000Z");
    expect(calendarRange("thisWeek", sunday, "UTC").from).toBe("2026-11-30T00:00:00.000Z");
  });

  it("takes calendar months across a year's end, in the zone", () => {
    expect(calendarRange("thisMonth", NOW, "Asia/Tokyo")).toEqual({ from: "2026-11-30T15:00:00.000Z", to: "2026-12-31T14:59:59.999Z" });
    expect(calendarRange("lastMonth", NOW, "Asia/Tokyo")).toEqual({ from: "2026-10-31T15:00:00.000Z", to: "2026-11-30T14:59:59.999Z" });
    // 03:00 UTC on 1 December is still 30 November in New York: last month is October, through the end of daylight saving (1 November).
    const lateNovember = Date.parse("2026-12-01T03:00:00.000Z");
    expect(calendarRange("thisMonth", lateNovember, "America/New_York")).toEqual({ from: "2026-11-01T04:00:00.000Z", to: "2026-12-01T04:59:59.999Z" });
    expect(calendarRange("lastMonth", lateNovember, "America/New_York")).toEqual({ from: "2026-10-01T04:00:00.000Z", to: "2026-11-01T03:59:59.999Z" });
    const january = Date.parse("2027-01-10T00:00:00.000Z");
    expect(calendarRange("lastMonth", january, "UTC")).toEqual({ from: "2026-12-01T00:00:00.000Z", to: "2026-12-31T23:59:59.999Z" });
  });

  it("keeps a day of 23 hours whole across the spring change", () => {
    const range = calendarRange("today", Date.parse("2026-03-08T17:00:00.000Z"), "America/New_York");
    expect(Date.parse(range.to) + 1 - Date.parse(range.from)).toBe(23 * 3_600_000);
  });
});
