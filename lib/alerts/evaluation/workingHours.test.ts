import { describe, expect, it } from "vitest";
import { isWithinWorkingHours } from "./workingHours";
import { fullestWindowWith } from "./evaluateRules";
import type { AlertEvent } from "./alertEvent";

const weekdays = ["mon", "tue", "wed", "thu", "fri"] as ("mon" | "tue" | "wed" | "thu" | "fri")[];
const at = (iso: string) => Date.parse(iso);

describe("working hours", () => {
  it("read the wall clock of a zone without daylight saving time (Asia/Tokyo)", () => {
    const tokyo = { zone: "Asia/Tokyo", days: weekdays, from: "09:00", to: "19:00" };
    expect(isWithinWorkingHours(at("2026-06-02T00:00:00Z"), tokyo)).toBe(true); // Tue 09:00
    expect(isWithinWorkingHours(at("2026-06-01T23:59:59Z"), tokyo)).toBe(false); // Tue 08:59:59
    expect(isWithinWorkingHours(at("2026-06-02T10:00:00Z"), tokyo)).toBe(false); // Tue 19:00, the end is not included
    expect(isWithinWorkingHours(at("2026-06-01T18:12:00Z"), tokyo)).toBe(false); // Tue 03:12
    expect(isWithinWorkingHours(at("2026-06-06T01:00:00Z"), tokyo)).toBe(false); // Sat 10:00
  });

  it("move with daylight saving time: 09:00 in New York is 13:00 UTC in summer and 14:00 UTC in winter", () => {
    const newYork = { zone: "America/New_York", days: weekdays, from: "09:00", to: "17:00" };
    expect(isWithinWorkingHours(at("2026-07-07T13:30:00Z"), newYork)).toBe(true); // Tue 09:30 EDT
    expect(isWithinWorkingHours(at("2026-01-06T13:30:00Z"), newYork)).toBe(false); // Tue 08:30 EST
    expect(isWithinWorkingHours(at("2026-01-06T14:30:00Z"), newYork)).toBe(true); // Tue 09:30 EST
    // Across the spring change (Sun 8 March 2026, 02:00 -> 03:00): Monday's 09:00 is already EDT.
    expect(isWithinWorkingHours(at("2026-03-09T13:05:00Z"), newYork)).toBe(true);
    expect(isWithinWorkingHours(at("2026-03-06T13:05:00Z"), newYork)).toBe(false); // the Friday before, 08:05 EST
  });

  it("a span past midnight belongs to the day it starts on", () => {
    const night = { zone: "Europe/Berlin", days: ["fri"] as "fri"[], from: "22:00", to: "06:00" };
    expect(isWithinWorkingHours(at("2026-06-05T21:00:00Z"), night)).toBe(true); // Fri 23:00 CEST
    expect(isWithinWorkingHours(at("2026-06-06T02:00:00Z"), night)).toBe(true); // Sat 04:00, Friday's night
    expect(isWithinWorkingHours(at("2026-06-07T02:00:00Z"), night)).toBe(false); // Sun 04:00
  });
});

describe("threshold windows", () => {
  const events = (minutes: number[]): AlertEvent[] =>
    minutes.map((m, i) => ({
      id: `e${i}`,
      name: "x",
      timestamp: "",
      occurredAt: m * 60_000,
      userId: 1,
      userEmail: null,
      hostComputerName: null,
      ip: null,
      exitCode: 1,
      data: "{}",
    }));

  it("find the fullest window holding the event, on either side of it", () => {
    const list = events([0, 1, 2, 20, 21, 22, 23]);
    expect(fullestWindowWith(list, list[0]!, 15 * 60_000).map((e) => e.id)).toEqual(["e0", "e1", "e2"]);
    expect(fullestWindowWith(list, list[3]!, 15 * 60_000).map((e) => e.id)).toEqual(["e3", "e4", "e5", "e6"]);
    const later = events([0, 10, 12, 13, 14]);
    expect(fullestWindowWith(later, later[1]!, 5 * 60_000).map((e) => e.id)).toEqual(["e1", "e2", "e3", "e4"]);
  });
});
