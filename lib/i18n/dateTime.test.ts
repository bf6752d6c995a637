import { describe, expect, it } from "vitest";
import { formatDayLabel, formatDayTime, formatDayWithYear, formatMonth, formatSeconds, formatShortDay, formatShortDuration, formatInstant } from "./dateTime";

const AT = Date.UTC(2026, 10, 25, 5, 5, 9); // 2026-11-25 05:05:09 UTC, a Wednesday

describe("formatInstant", () => {
  it("writes each language's one way, in the given zone", () => {
    expect(formatInstant(AT, "UTC", "en")).toBe("2026-11-25 05:05:09");
    expect(formatInstant(AT, "Asia/Tokyo", "ja")).toBe("2026/11/25 14:05:09");
    expect(formatInstant(AT, "Asia/Tokyo", "en", "minute")).toBe("2026-11-25 14:05");
    expect(formatInstant(AT, "America/New_York", "ja", "day")).toBe("2026/11/25");
  });

  it("crosses the date line with the zone, not with UTC", () => {
    expect(formatInstant(Date.UTC(2026, 10, 25, 16, 0, 0), "Asia/Tokyo", "ja", "day")).toBe("2026/11/26");
  });
});

describe("formatDayLabel", () => {
  it("names the weekday where a day is meant", () => {
    expect(formatDayLabel({ year: 2026, month: 11, day: 25 }, "en")).toBe("Wed 25 Nov");
    expect(formatDayLabel({ year: 2026, month: 11, day: 25 }, "ja")).toBe("11月25日(水)");
    expect(formatDayLabel({ year: 2026, month: 11, day: 29 }, "ja")).toBe("11月29日(日)");
  });
});

describe("days, months and day times", () => {
  it("write the year, the month and the minute each language's way", () => {
    const day = { year: 2026, month: 11, day: 23 };
    expect(formatDayWithYear(day, "en")).toBe("Mon 23 Nov 2026");
    expect(formatDayWithYear(day, "ja")).toBe("2026年11月23日(月)");
    expect(formatMonth(2026, 12, "en")).toBe("Dec 2026");
    expect(formatMonth(2026, 12, "ja")).toBe("2026年12月");
    expect(formatShortDay(day, "en")).toBe("23 Nov");
    expect(formatShortDay(day, "ja")).toBe("11/23");
  });

  it("take the day of the zone, not of UTC", () => {
    const at = Date.parse("2026-11-25T16:00:00Z");
    expect(formatDayTime(at, "Asia/Tokyo", "en")).toBe("Thu 26 Nov 01:00");
    expect(formatDayTime(at, "Asia/Tokyo", "ja")).toBe("11月26日(木) 01:00");
    expect(formatDayTime(at, "America/New_York", "ja")).toBe("11月25日(水) 11:00");
  });
});

describe("formatShortDuration", () => {
  it("rounds to the largest unit, per language", () => {
    expect([45, 600, 5400, 54000].map((s) => formatShortDuration(s, "en"))).toEqual(["45s", "10m", "1.5h", "15h"]);
    expect([45, 600, 5400, 54000].map((s) => formatShortDuration(s, "ja"))).toEqual(["45秒", "10分", "1.5時間", "15時間"]);
  });
});

describe("formatSeconds", () => {
  it("writes seconds, minutes and hours per language", () => {
    expect(formatSeconds(42, "en")).toBe("42s");
    expect(formatSeconds(185, "en")).toBe("3m 05s");
    expect(formatSeconds(4020, "en")).toBe("1h 07m");
    expect(formatSeconds(42, "ja")).toBe("42秒");
    expect(formatSeconds(185, "ja")).toBe("3分05秒");
    expect(formatSeconds(4020, "ja")).toBe("1時間07分");
  });

  it("rounds to the second and never writes a negative duration", () => {
    expect(formatSeconds(59.6, "en")).toBe("1m 00s");
    expect(formatSeconds(-3, "ja")).toBe("0秒");
  });
});
