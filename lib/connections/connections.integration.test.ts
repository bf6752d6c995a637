// Connections kept by the sync over real HTTP into a real SQLite file, against a reference worked
// out from the simulator's ground truth by rules of its own (by event names and counts, not by
// the stitching code), and against each other: other page orders and sizes, and a rebuild.
import { describe, expect, it, onTestFinished } from "vitest";
import { isFailure } from "../parsec/exitCodes";
import { connectDatabase } from "../store/testing";
import { runCli, startSyncFixture, type SyncFixture } from "../sync/testing";
import { connectionsNeedRebuild } from "../ingest/rebuildConnections";
import { keptAndRebuilt } from "../ingest/testing";
import { readConnections, readRollups } from "./testing";

interface Reference {
  byStatus: Record<string, number>;
  byUser: Record<string, number>;
  totalDurationSeconds: number;
}

/**
 * Straight from the served events: per attempt, which of the flow's names occur and how often.
 * The client's duration is the smaller of the two disconnects' (the simulator's host reports the
 * same or one second more), so it needs no rule about which disconnect is whose.
 */
function referenceOf(events: Iterable<Record<string, unknown>>): Reference {
  const attempts = new Map<string, Record<string, unknown>[]>();
  for (const event of events) {
    const attemptId = (event.data as Record<string, unknown>).attempt_id;
    if (typeof attemptId !== "string") continue;
    attempts.set(attemptId, [...(attempts.get(attemptId) ?? []), event]);
  }
  const reference: Reference = { byStatus: {}, byUser: {}, totalDurationSeconds: 0 };
  for (const events of attempts.values()) {
    const named = (name: string) => events.filter((e) => e.name === name);
    const code = (name: string) => (named(name)[0]?.data as { exit_code?: number } | undefined)?.exit_code;
    const verdict = code("p2p_client_complete") ?? code("p2p_host_complete");
    const disconnects = named("client_disconnect");
    const completions = named("p2p_client_complete").length + named("p2p_host_complete").length;
    let status: string;
    if (verdict !== undefined && isFailure(verdict)) status = "failed";
    else if (completions === 0) status = disconnects.length > 0 ? "incomplete" : "connecting";
    else if (disconnects.length === 0) status = "open";
    else {
      const whole = ["conn_client_offer", "conn_signal_offer_relayed", "p2p_client_complete", "p2p_host_complete"].every((name) => named(name).length === 1);
      status = whole && disconnects.length === 2 ? "ended" : "incomplete";
    }
    reference.byStatus[status] = (reference.byStatus[status] ?? 0) + 1;
    const user = String((events[0]!.data as { client_user_id: number }).client_user_id);
    reference.byUser[user] = (reference.byUser[user] ?? 0) + 1;
    if (disconnects.length > 0) {
      reference.totalDurationSeconds += Math.min(...disconnects.map((d) => (d.data as { duration: number }).duration));
    }
  }
  return reference;
}

function storedFigures(fixture: SyncFixture): Reference {
  const rows = fixture.sqlite.prepare(`SELECT "status", "clientUserId" AS user, "durationSeconds" AS duration FROM "Connection"`).all() as {
    status: string;
    user: number;
    duration: number | null;
  }[];
  const figures: Reference = { byStatus: {}, byUser: {}, totalDurationSeconds: 0 };
  for (const row of rows) {
    figures.byStatus[row.status] = (figures.byStatus[row.status] ?? 0) + 1;
    figures.byUser[String(row.user)] = (figures.byUser[String(row.user)] ?? 0) + 1;
    figures.totalDurationSeconds += row.duration ?? 0;
  }
  return figures;
}

async function syncedFixture(
  options: Parameters<typeof startSyncFixture>[0],
  pageSize: number,
  sync: Parameters<SyncFixture["sync"]>[0] = {},
): Promise<SyncFixture> {
  const fixture = await startSyncFixture(options);
  onTestFinished(fixture.close);
  await fixture.sync({ pageSize, ...sync });
  return fixture;
}

describe("connections kept by the sync", () => {
  it("match a reference counted from the simulator's ground truth, whatever the page order and size, and a rebuild", async () => {
    const newestFirst = await syncedFixture({ events: 4_000, seed: 7, order: "newest-first" }, 200);
    const reference = referenceOf(newestFirst.sim.groundTruth());
    expect(reference.byStatus.ended, "the history has ended connections").toBeGreaterThan(100);
    expect(reference.byStatus.failed, "and failed ones").toBeGreaterThan(10);
    expect(reference.byStatus.incomplete, "and ones with lost events").toBeGreaterThan(0);
    expect(storedFigures(newestFirst)).toEqual(reference);

    // The same history, pages the other way round and cut elsewhere, their connections stitched in
    // batches that end mid-page rather than once at the end of the run: the same rows and rollups.
    const oldestFirst = await syncedFixture({ events: 4_000, seed: 7, order: "oldest-first" }, 137, { storeOptions: { stitchAfterEvents: 450 } });
    expect(readConnections(oldestFirst.sqlite)).toEqual(readConnections(newestFirst.sqlite));
    expect(readRollups(oldestFirst.sqlite)).toEqual(readRollups(newestFirst.sqlite));

    // Rebuilding from the events gives what the page-by-page maintenance gave.
    const { kept, rebuilt, attempts } = await keptAndRebuilt(newestFirst.db, newestFirst.sqlite, 97);
    expect(attempts).toBe(kept.connections.length);
    expect(rebuilt).toEqual(kept);
  });

  it("stay exact when later runs bring the rest of open attempts", async () => {
    const fixture = await syncedFixture({ events: 2_000, seed: 11 }, 200);
    // Events at "now": new attempts whose completions and disconnects come with later runs.
    fixture.sim.append({ count: 40 });
    await fixture.sync({ pageSize: 50 });
    fixture.sim.append({ count: 25, lateBySeconds: 30 });
    await fixture.sync({ pageSize: 7 });
    const reference = referenceOf(fixture.sim.groundTruth());
    expect((reference.byStatus.open ?? 0) + (reference.byStatus.connecting ?? 0), "attempts still under way").toBeGreaterThan(0);
    expect(storedFigures(fixture)).toEqual(reference);
    const { kept, rebuilt } = await keptAndRebuilt(fixture.db, fixture.sqlite);
    expect(rebuilt).toEqual(kept);
  });

  it("are rebuilt by scripts/rebuild-connections.ts (npm run connections:rebuild) from the events alone", async () => {
    const fixture = await syncedFixture({ events: 1_500, seed: 5 }, 300);
    const kept = { connections: readConnections(fixture.sqlite), rollups: readRollups(fixture.sqlite) };
    expect(connectionsNeedRebuild(fixture.sqlite), "stitched as they were stored").toBe(false);
    fixture.sqlite.exec(`DELETE FROM "Connection"; DELETE FROM "ConnectionDailyRollup"; DELETE FROM "ConnectionHourlyRollup";`);
    // What a database from before connections were kept looks like: the server rebuilds it at start.
    expect(connectionsNeedRebuild(fixture.sqlite)).toBe(true);
    await fixture.database.disconnect();
    const run = await runCli("rebuild-connections.ts", [], fixture.cliEnv());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`${kept.connections.length} connections stitched`));
    const reopened = await connectDatabase(fixture.database.file);
    try {
      expect(readConnections(reopened.sqlite)).toEqual(kept.connections);
      expect(readRollups(reopened.sqlite)).toEqual(kept.rollups);
      expect(connectionsNeedRebuild(reopened.sqlite)).toBe(false);
    } finally {
      await reopened.disconnect();
    }
  });
});
