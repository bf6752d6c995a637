import { describe, expect, it } from "vitest";
import { STATUS_OF_LETTER, timelineBars } from "./timelineBars";
import type { TimelineConnection } from "./timelineConnections";

const WINDOW_START = Date.parse("2026-03-02T00:00:00.000Z");

const connection = (overrides: Partial<TimelineConnection>): TimelineConnection => ({
  attemptId: "a",
  status: "ended",
  fromMs: WINDOW_START + 3_600_000,
  toMs: WINDOW_START + 7_200_000,
  connectedMsInWindow: 3_600_000,
  durationSeconds: 3_595,
  completionExitCode: 0,
  clientUserId: 1001,
  clientEmail: null,
  clientComputerName: "DESKTOP-田中",
  hostComputerName: "render-01 🎬",
  ...overrides,
});

describe("timeline bars", () => {
  it("encode each lane's connections as columns of seconds from the window's start, names and code meanings once", () => {
    const lanes = [
      {
        connections: [
          connection({ attemptId: "before", fromMs: WINDOW_START - 90_400, toMs: WINDOW_START + 60_000 }),
          connection({ attemptId: "failed", status: "failed", toMs: WINDOW_START + 3_603_000, durationSeconds: null, completionExitCode: -6023 }),
        ],
      },
      {
        connections: [
          connection({ attemptId: "active", status: "active", durationSeconds: null, clientComputerName: null }),
          connection({ attemptId: "same client" }),
        ],
      },
    ];
    const named: number[] = [];
    const bars = timelineBars(lanes, WINDOW_START, (code) => (named.push(code), `name of ${code}`));
    expect(bars.lanes[0]).toEqual({
      attemptIds: ["before", "failed"],
      from: [-90, 3600],
      to: [60, 3603],
      statuses: "ef",
      durations: [3595, null],
      codes: [0, -6023],
      clients: [0, 0],
    });
    expect(bars.lanes[1]!.clients).toEqual([-1, 0]);
    expect(bars.clients).toEqual(["DESKTOP-田中"]);
    // Only a failure's code is named, once.
    expect(bars.codeNames).toEqual({ [-6023]: "name of -6023" });
    expect(named).toEqual([-6023]);
    expect([...bars.lanes[0]!.statuses, ...bars.lanes[1]!.statuses].map((letter) => STATUS_OF_LETTER[letter])).toEqual(["ended", "failed", "active", "ended"]);
  });
});
