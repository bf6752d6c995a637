import { describe, expect, it } from "vitest";
import { formatZonedClock, formatZonedInstant } from "./zonedTime";

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
