import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./parseRetryAfter";

const now = Date.parse("2025-01-02T03:04:05Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1_500);
  });

  it("reads an HTTP-date relative to now", () => {
    expect(parseRetryAfter("Thu, 02 Jan 2025 03:09:05 GMT", now)).toBe(300_000);
    expect(parseRetryAfter("Thursday, 02-Jan-25 03:05:05 GMT", now)).toBe(60_000);
    // asctime carries no zone and means GMT, whatever the machine's zone.
    expect(parseRetryAfter("Thu Jan  2 03:04:35 2025", now)).toBe(30_000);
  });

  it("turns a date in the past into 0", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:00 GMT", now)).toBe(0);
  });

  it("returns undefined when absent or unreadable, never a 0 ms wait", () => {
    for (const value of [null, undefined, "", "soon", "-5", "1e3", "12-3", "next tuesday"]) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});
