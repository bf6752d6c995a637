import { describe, expect, it } from "vitest";
import { cloudwatchTimestamp, putLogEventsCalls } from "./cloudwatchBatches";

const DAY_MS = 86_400_000;

describe("PutLogEvents calls within CloudWatch's limits", () => {
  it("sorts by time, keeping the order of equal times, and cuts at 10,000 events", () => {
    const events = Array.from({ length: 10_001 }, (_, i) => ({ timestamp: 1_000 - (i % 2), message: `m${i}` }));
    const calls = putLogEventsCalls(events);
    expect(calls.map((call) => call.length)).toEqual([10_000, 1]);
    expect(calls[0]![0]).toEqual({ timestamp: 999, message: "m1" });
    expect(calls[0]![1]).toEqual({ timestamp: 999, message: "m3" });
  });

  it("cuts before 1,048,576 bytes counting 26 bytes per event, and at a span over 24 hours", () => {
    const big = "x".repeat(100_000);
    expect(putLogEventsCalls(Array.from({ length: 11 }, () => ({ timestamp: 0, message: big }))).map((call) => call.length)).toEqual([10, 1]);
    expect(putLogEventsCalls([0, DAY_MS, DAY_MS + 1].map((timestamp) => ({ timestamp, message: "m" }))).map((call) => call.length)).toEqual([2, 1]);
  });

  it("keeps an event's own time inside the window CloudWatch takes, and the sending time outside it", () => {
    const now = Date.UTC(2026, 11, 2);
    expect(cloudwatchTimestamp(now - 13 * DAY_MS, now)).toBe(now - 13 * DAY_MS);
    expect(cloudwatchTimestamp(now - 14 * DAY_MS, now)).toBe(now);
    expect(cloudwatchTimestamp(now + 3 * 3_600_000, now)).toBe(now);
  });
});
