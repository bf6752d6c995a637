import { describe, expect, it } from "vitest";
import { groupByLane, timelineTotals, type TimelineConnection } from "./timelineConnections";

const base: TimelineConnection = {
  attemptId: "a",
  status: "ended",
  clientUserId: 1,
  clientEmail: null,
  clientComputerName: null,
  hostComputerName: "会議室PC",
  completionExitCode: 0,
  durationSeconds: 3600,
  fromMs: 1_000,
  toMs: 3_601_000,
  connectedMsInWindow: 3_600_000,
};

describe("timeline totals", () => {
  it("count sessions, failures and hours; a connection from before the window adds hours, not attempts", () => {
    const connections: TimelineConnection[] = [
      base,
      { ...base, attemptId: "b", hostComputerName: "render 🎬", connectedMsInWindow: 1_800_000 },
      { ...base, attemptId: "c", status: "failed", completionExitCode: -6023, connectedMsInWindow: 0 },
      { ...base, attemptId: "d", fromMs: -5_000, connectedMsInWindow: 900_000 },
    ];
    const totals = timelineTotals(connections, { startMs: 0 }, (c) => c.hostComputerName ?? "");
    expect(totals).toEqual({ attempts: 3, sessions: 2, failures: 1, failureRate: 1 / 3, connectedHours: 1.75, counterparts: 2 });
    expect(timelineTotals([], { startMs: 0 }, () => "").failureRate).toBeNull();
  });

  it("groups lanes by name, keeping each lane's order", () => {
    const lanes = groupByLane(
      [
        { n: "b", i: 1 },
        { n: "a", i: 2 },
        { n: "b", i: 3 },
      ],
      (x) => x.n,
    );
    expect(lanes).toEqual([
      { key: "a", connections: [{ n: "a", i: 2 }] },
      {
        key: "b",
        connections: [
          { n: "b", i: 1 },
          { n: "b", i: 3 },
        ],
      },
    ]);
  });
});
