import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { describeClockDifference } from "@/lib/parsec/parsecClock";
import type { SyncStatus } from "@/lib/sync/getSyncStatus";
import { SyncStatusPanel } from "./SyncStatusPanel";

const status = (offsetMs: number | null): SyncStatus => ({
  eventsStored: 10,
  quarantined: 0,
  coveredUntil: "2026-12-01T00:00:00.000Z",
  historyStartsAt: null,
  backfillDone: true,
  clock: offsetMs === null ? null : { offsetMs, readAt: "2026-12-01T00:00:00.000Z", difference: describeClockDifference(offsetMs) },
  running: null,
  runs: [],
});

describe("the overview's sync panel", () => {
  it("warns when this machine's clock is more than a minute off Parsec's, saying which way and how far", () => {
    const html = renderToStaticMarkup(<SyncStatusPanel status={status(-9 * 3_600_000)} intervalSeconds={300} />);
    expect(html).toContain('data-testid="clock-difference"');
    expect(html).toContain("This machine&#x27;s clock is 9 h 0 min ahead of Parsec&#x27;s.");
  });

  it("says nothing within a minute, or before any answer was read", () => {
    for (const offset of [45_000, -59_000, null]) {
      expect(renderToStaticMarkup(<SyncStatusPanel status={status(offset)} intervalSeconds={300} />)).not.toContain("clock-difference");
    }
  });
});
