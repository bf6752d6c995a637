// The sessions the viewer stitches, held against the simulator's own ground truth of sessions
// (lib/parsec/simulator sessions(): what each connection really did, lost events or not): a demo-
// sized team with a few days of its live feed, synced over real HTTP into a real SQLite file in
// pages of the usual size and in two runs, so that disconnects cross pages, runs and the overlap window.
import { describe, expect, it, onTestFinished } from "vitest";
import type { SessionTruth } from "../parsec/simulator";
import { parallelSessions, type SessionSpan } from "../parsec/simulator/testing";
import { startSyncFixture, TEST_HISTORY_END } from "../sync/testing";
import { displayStatus, OPEN_CONNECTION_MAX_AGE_MS } from "./connectionStatus";
import { concurrencyOverTime, teamSeats } from "./insights";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The first run sees two days of the live feed, the second a third day: what was open at the first is closed by the second. */
const FIRST_RUN_AT = new Date(TEST_HISTORY_END.getTime() + 2 * DAY_MS + 5 * HOUR_MS);
const SECOND_RUN_AT = new Date(TEST_HISTORY_END.getTime() + 3 * DAY_MS + 6 * HOUR_MS);

interface StoredSession {
  attemptId: string;
  status: string;
  clientUserId: number | null;
  hostComputerName: string | null;
  completedAt: number;
  endedAt: number | null;
  lastEventAt: number;
}

/** Connected sessions as the viewer stitched them: every row with a completion that is not a failure. */
function storedSessions(sqlite: Parameters<typeof teamSeats>[0]): StoredSession[] {
  return sqlite
    .prepare(
      `SELECT "attemptId", "status", "clientUserId", "hostComputerName", "completedAt", "endedAt", "lastEventAt"
       FROM "Connection" WHERE "completedAt" IS NOT NULL AND "status" <> 'failed'`,
    )
    .all() as StoredSession[];
}

/**
 * How many spans are open at each moment where either list changes (a span is open on [from, to)).
 * Both counts are step functions, so equal at every change point of either means equal at every moment.
 */
function openAtEachMoment(a: readonly SessionSpan[], b: readonly SessionSpan[]): { moments: number[]; a: number[]; b: number[] } {
  const moments = [...new Set([...a, ...b].flatMap((s) => [s.fromMs, s.toMs]).filter(Number.isFinite))].sort((x, y) => x - y);
  const counter = (spans: readonly SessionSpan[]) => {
    const starts = spans.map((s) => s.fromMs).sort((x, y) => x - y);
    const ends = spans.map((s) => s.toMs).sort((x, y) => x - y);
    return (t: number) => countAtMost(starts, t) - countAtMost(ends, t);
  };
  const countA = counter(a);
  const countB = counter(b);
  return { moments, a: moments.map(countA), b: moments.map(countB) };
}

function countAtMost(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const truthSpan = (s: SessionTruth, untilMs: number): SessionSpan => ({ ...s, fromMs: s.connectedAtMs, toMs: s.endedAtMs > untilMs ? Infinity : s.endedAtMs });
const storedSpan = (s: StoredSession): SessionSpan => ({ ...s, fromMs: s.completedAt, toMs: s.endedAt ?? Infinity });

describe("sessions stitched from a synced demo team", () => {
  it("are open exactly when the simulator's sessions are, with no one connected twice to a host, and no more open at the end than there are seats", async () => {
    const fixture = await startSyncFixture({ events: 20_000 });
    onTestFinished(fixture.close);
    // Each run at the moment the live feed has reached, as a server syncing as the team works would.
    fixture.sim.advanceLive(FIRST_RUN_AT);
    await fixture.sync({ now: () => FIRST_RUN_AT });
    fixture.sim.advanceLive(SECOND_RUN_AT);
    await fixture.sync({ now: () => SECOND_RUN_AT });
    const end = SECOND_RUN_AT.getTime();

    const truth = fixture.sim.sessions().filter((s) => s.connectedAtMs <= end);
    const lost = new Set(truth.filter((s) => !s.disconnectLogged && s.endedAtMs <= end).map((s) => s.attemptId));
    expect(truth.length, "a demo team's worth of sessions").toBeGreaterThan(2_500);
    expect(truth.filter((s) => s.connectedAtMs > TEST_HISTORY_END.getTime()).length, "live ones among them").toBeGreaterThan(50);
    const stored = storedSessions(fixture.sqlite);

    // The viewer's sessions are the simulator's, one for one.
    expect(stored.map((s) => s.attemptId).sort()).toEqual(truth.map((s) => s.attemptId).sort());

    // Sessions whose disconnects were all lost stay open in the log for good: exactly those, and
    // the ones still running at the end, have no end in the viewer.
    const stillRunning = truth.filter((s) => s.endedAtMs > end).map((s) => s.attemptId);
    expect(
      stored
        .filter((s) => s.endedAt === null)
        .map((s) => s.attemptId)
        .sort(),
    ).toEqual([...lost, ...stillRunning].sort());
    expect(lost.size, "the history loses some disconnects").toBeGreaterThan(0);

    // Those are shown as not closed once they have been open longer than any session runs.
    const lostLongAgo = stored.filter((s) => lost.has(s.attemptId) && s.lastEventAt < end - OPEN_CONNECTION_MAX_AGE_MS);
    expect(lostLongAgo.length).toBeGreaterThan(0);
    expect(new Set(lostLongAgo.map((s) => displayStatus(s, SECOND_RUN_AT)))).toEqual(new Set(["stale"]));

    // Every other session is open at exactly the moments it really was.
    const known = openAtEachMoment(
      truth.filter((s) => !lost.has(s.attemptId)).map((s) => truthSpan(s, end)),
      stored.filter((s) => !lost.has(s.attemptId)).map(storedSpan),
    );
    const differing = known.moments.filter((_, i) => known.a[i] !== known.b[i]).map((t) => new Date(t).toISOString());
    expect(differing.slice(0, 5), `moments where the counts differ (${differing.length} of ${known.moments.length})`).toEqual([]);

    // No one is connected twice to the same computer, in the simulator or in the viewer.
    expect(parallelSessions(truth.map((s) => truthSpan(s, end)))).toEqual([]);
    const shownOpenUntil = (s: StoredSession): SessionSpan => ({ ...storedSpan(s), toMs: s.endedAt ?? Math.min(end, s.lastEventAt + DAY_MS) });
    expect(parallelSessions(stored.filter((s) => !lost.has(s.attemptId)).map(shownOpenUntil))).toEqual([]);

    // At the end, what the viewer counts as connected is what really is, and fits in the seats.
    const seats = teamSeats(fixture.sqlite, SECOND_RUN_AT).at(-1)!.seats;
    const activeNow = stored.filter((s) => displayStatus(s, SECOND_RUN_AT) === "active").map((s) => s.attemptId);
    // (A session that lost its disconnects within the last day cannot be told from one still running.)
    expect(activeNow.filter((id) => !lost.has(id)).sort()).toEqual([...stillRunning].sort());
    expect(activeNow.length).toBeLessThanOrEqual(seats);
    const { hours } = concurrencyOverTime(fixture.sqlite, { from: new Date(end - 7 * DAY_MS), to: SECOND_RUN_AT, now: SECOND_RUN_AT });
    expect(Math.max(...hours.map((h) => h.averageConcurrent)), "the busiest hour of the last week, on average").toBeLessThanOrEqual(seats);
  }, 120_000);
});
