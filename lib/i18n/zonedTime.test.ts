import { describe, expect, it } from "vitest";
import { formatZonedClock, formatZonedInstant, parseZonedDateTime } from "./zonedTime";

const AT = Date.parse("2026-11-25T16:05:09.250Z"); // Thu 26 Nov 01:05 in Tokyo

describe("formatZonedInstant", () => {
  it("writes the wall clock of the zone it is given, not the runtime's", () => {
    expect(formatZonedInstant(AT, "Asia/Tokyo")).toBe("2026-11-26 01:05:09");
    expect(formatZonedInstant(AT, "UTC")).toBe("2026-11-25 16:05:09");
    expect(formatZonedInstant(AT, "America/Los_Angeles", "minute")).toBe("2026-11-25 08:05");
    expect(formatZonedInstant(AT, "Asia/Tokyo", "day")).toBe("2026-11-26");
    expect(formatZonedClock(AT, "Asia/Kolkata")).toBe("21:35:09");
  });

  it("writes midnight as 00, never 24", () => {
    expect(formatZonedInstant(Date.parse("2026-11-25T15:00:00Z"), "Asia/Tokyo")).toBe("2026-11-26 00:00:00");
  });
});

describe("parseZonedDateTime", () => {
  const tokyo = (text: string) => {
    const ms = parseZonedDateTime(text, "Asia/Tokyo");
    return ms === null ? null : new Date(ms).toISOString();
  };

  it("reads the ways people write a date and time, in the zone's wall clock", () => {
    for (const text of [
      "2026/12/02 14:05",
      "2026-12-02 14:05:00",
      "2026-12-02T14:05",
      "2026年12月2日 14:05",
      "２０２６／１２／０２　１４：０５",
      " 2026/12/2(水) 14:05 ",
    ]) {
      expect(tokyo(text), text).toBe("2026-12-02T05:05:00.000Z");
    }
    expect(tokyo("2026/12/02 14:05:09")).toBe("2026-12-02T05:05:09.000Z");
    expect(tokyo("2026/12/02")).toBe("2026-12-01T15:00:00.000Z");
    expect(parseZonedDateTime("2026-12-02 14:05", "UTC")).toBe(Date.parse("2026-12-02T14:05:00Z"));
  });

  it("refuses what names no real date and time", () => {
    for (const text of ["", "yesterday", "2026/02/30 10:00", "2026/13/01", "2026/12/02 24:00", "2026/12/02 10:60", "12/02/2026 10:00", "2026/12/02 10"]) {
      expect(tokyo(text), text).toBeNull();
    }
  });

  it("takes a wall-clock time in a daylight-saving zone at that day's offset", () => {
    expect(parseZonedDateTime("2026-07-01 12:00", "Europe/London")).toBe(Date.parse("2026-07-01T11:00:00Z"));
    expect(parseZonedDateTime("2026-12-01 12:00", "Europe/London")).toBe(Date.parse("2026-12-01T12:00:00Z"));
  });
});
