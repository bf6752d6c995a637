import { DAILY_GRAINS, DAY_MS, HOUR_MS, HOURLY_GRAINS, START_HOUR_GRAINS } from "../connections/rollupContributions";
import { stitchedThroughRowid } from "../ingest/connectionBacklog";
import type { Destination } from "../integrationsFile";
import { readIntegrationStates } from "../store/integrationLedger";
import { writeTransaction, type SqliteConnection } from "../store/sqlite";

/**
 * The deletions of the retention policy (lib/retention/runRetention.ts), each in small write
 * transactions so that the sync's pages and the integrations' commits slip in between them.
 *
 * What may go:
 * - an event older than the cutoff that every configured destination has acknowledged (its
 *   changeSeq at or below the destination's cursor, or before the destination's `from`), unless
 *   the policy ignores the destinations;
 * - an event of a connection only together with every other event of that connection, and the
 *   Connection row with them: a connection is a pure function of its stored events, so one
 *   stored half would disagree with a rebuild. Its rollup contribution stays (rollups have their
 *   own cutoff), which is why the row is deleted here and not re-stitched;
 * - only events whose connections are stitched (rowid at or below the stitch mark): the sync lets
 *   new events wait for stitching, and an attempt whose events vanished before it was stitched
 *   would leave its rollup contribution unaccounted for;
 * - the search index entry and the histogram count of each event go with it, through the
 *   triggers on Event (migrations *_event_search and *_event_hour_counts).
 */

/** Rows read and deleted per write transaction. */
export const RETENTION_BATCH_ROWS = 1_000;

/** What one pass deleted, and the expired events it had to keep because a destination still lacks them. */
export interface RetentionCounts {
  events: number;
  connections: number;
  quarantined: number;
  rollups: number;
  heldUndelivered: number;
}

export interface RetentionPass {
  /** Events, connections and quarantine entries older than this (Unix ms) go. */
  cutoffMs: number;
  /** Rollup rows of days and hours before this go; null: rollups are kept. */
  rollupCutoffMs: number | null;
  /** The configured destinations whose cursors hold back what they have not acknowledged. */
  destinations: readonly Pick<Destination, "name" | "type" | "from">[];
  ignoreUndelivered: boolean;
  batchRows?: number;
  /** Awaited between transactions: what lets everything else sharing the thread and the file run. */
  pause: () => Promise<void>;
  signal?: AbortSignal;
}

export const emptyCounts = (): RetentionCounts => ({ events: 0, connections: 0, quarantined: 0, rollups: 0, heldUndelivered: 0 });

/** Runs every deletion of one pass, batch by batch, adding to `counts` as each batch commits. */
export async function deleteExpired(sqlite: SqliteConnection, pass: RetentionPass, counts: RetentionCounts = emptyCounts()): Promise<RetentionCounts> {
  const batchRows = pass.batchRows ?? RETENTION_BATCH_ROWS;
  const between = async () => {
    pass.signal?.throwIfAborted();
    await pass.pause();
  };
  const events = prepareEventBatch(sqlite, pass, batchRows);
  for (let after: Position | null = { at: Number.MIN_SAFE_INTEGER, id: "" }; after !== null;) {
    await between();
    const position: Position = after;
    after = await writeTransaction(sqlite, () => events(position, counts));
  }
  const quarantine = sqlite.prepare<[number, number]>(
    `DELETE FROM "QuarantinedEvent" WHERE "id" IN (SELECT "id" FROM "QuarantinedEvent" WHERE "lastSeenAt" < ? LIMIT ?)`,
  );
  for (let deleted = batchRows; deleted === batchRows;) {
    await between();
    deleted = await writeTransaction(sqlite, () => quarantine.run(pass.cutoffMs, batchRows).changes);
    counts.quarantined += deleted;
  }
  // Hours whose events are all gone: the triggers leave their count at zero.
  await writeTransaction(sqlite, () =>
    sqlite.prepare(`DELETE FROM "EventHourCount" WHERE "hour" < ? AND "count" <= 0`).run(Math.floor(pass.cutoffMs / HOUR_MS)),
  );
  if (pass.rollupCutoffMs !== null) await deleteRollups(sqlite, pass.rollupCutoffMs, batchRows, between, counts);
  return counts;
}

interface Position {
  at: number;
  id: string;
}

interface Candidate {
  rowid: number;
  id: string;
  occurredAt: number;
  attemptId: string | null;
  delivered: number;
  deletable: number;
}

/**
 * One batch of expired events in (occurredAt, id) order after `after`: deletes what may go, and
 * returns where the next batch starts (null: no expired event is left to look at). A read that
 * moves on whatever it kept, so a pass reads each expired event once even while a destination
 * holds them all back.
 */
function prepareEventBatch(sqlite: SqliteConnection, pass: RetentionPass, batchRows: number) {
  const holds = pass.ignoreUndelivered ? [] : pass.destinations;
  // Acknowledged by every destination: at or below its cursor, or before the events it takes.
  const delivered = holds.length === 0 ? "1" : holds.map((_, i) => `("changeSeq" <= @seq${i} OR "occurredAt" < @from${i})`).join(" AND ");
  const deletable = `("rowid" <= @mark AND "occurredAt" < @cutoff AND ${delivered})`;
  const candidates = sqlite.prepare<Record<string, number | string>, Candidate>(
    `SELECT "rowid", "id", "occurredAt", "attemptId", ${delivered} AS "delivered", ${deletable} AS "deletable" FROM "Event"
     WHERE "occurredAt" < @cutoff AND ("occurredAt" > @at OR ("occurredAt" = @at AND "id" > @id))
     ORDER BY "occurredAt", "id" LIMIT @limit`,
  );
  const keptOfAttempt = sqlite.prepare<Record<string, number | string>, { kept: number }>(
    `SELECT count(*) AS "kept" FROM "Event" WHERE "attemptId" = @attemptId AND NOT ${deletable}`,
  );
  const deleteEvent = sqlite.prepare<[number]>(`DELETE FROM "Event" WHERE "rowid" = ?`);
  const deleteAttemptEvents = sqlite.prepare<[string]>(`DELETE FROM "Event" WHERE "attemptId" = ?`);
  const deleteConnection = sqlite.prepare<[string]>(`DELETE FROM "Connection" WHERE "attemptId" = ?`);

  return (after: Position, counts: RetentionCounts): Position | null => {
    // Read in the transaction that deletes: a cursor moves only forward, but a re-stored event
    // takes a new changeSeq, which its destinations have not acknowledged.
    const params: Record<string, number | string> = { cutoff: pass.cutoffMs, mark: stitchedThroughRowid(sqlite), at: after.at, id: after.id, limit: batchRows };
    const cursors = new Map(readIntegrationStates(sqlite).map((state) => [state.name, state]));
    holds.forEach((destination, i) => {
      const state = cursors.get(destination.name);
      // As the delivery reads it: a state of another type is another destination, starting over.
      params[`seq${i}`] = state?.type === destination.type ? state.deliveredSeq : 0;
      params[`from${i}`] = destination.from?.getTime() ?? Number.MIN_SAFE_INTEGER;
    });
    const rows = candidates.all(params);
    const attempts = new Map<string, Candidate[]>();
    for (const row of rows) {
      if (!row.delivered) counts.heldUndelivered += 1;
      if (row.attemptId !== null) attempts.set(row.attemptId, [...(attempts.get(row.attemptId) ?? []), row]);
      else if (row.deletable) counts.events += deleteEvent.run(row.rowid).changes;
    }
    for (const [attemptId, seen] of attempts) {
      if (!seen.every((row) => row.deletable) || keptOfAttempt.get({ ...params, attemptId })!.kept > 0) continue;
      counts.events += deleteAttemptEvents.run(attemptId).changes;
      counts.connections += deleteConnection.run(attemptId).changes;
    }
    const last = rows.at(-1);
    return rows.length < batchRows || !last ? null : { at: last.occurredAt, id: last.id };
  };
}

/**
 * Rollup rows before the rollup cutoff, but never one a stored connection still adds to: a
 * connection rewritten later subtracts its old contribution from its rows, which must then exist.
 */
async function deleteRollups(
  sqlite: SqliteConnection,
  rollupCutoffMs: number,
  batchRows: number,
  between: () => Promise<void>,
  counts: RetentionCounts,
): Promise<void> {
  const oldestStart = sqlite.prepare<[], { at: number | null }>(`SELECT min("startedAt") AS "at" FROM "Connection"`).get()?.at ?? null;
  // A session's hours reach back from its end by its duration, which may precede its first event;
  // the rollups spread a session over at most a month before its end, so looking 32 days past the
  // cutoff finds every connection whose hours could lie before it.
  const oldestSession =
    sqlite
      .prepare<[number], { at: number | null }>(
        `SELECT min("endedAt" - max("durationSeconds", 0) * 1000) AS "at" FROM "Connection"
         WHERE "startedAt" < ? AND "endedAt" IS NOT NULL AND "durationSeconds" IS NOT NULL`,
      )
      .get(rollupCutoffMs + 32 * DAY_MS)?.at ?? null;
  const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
  const tables = [
    // The start-hour grains go up to the same whole UTC day as the daily ones, so that a range read
    // from both (insights.ts rangeParts) finds the same history in either.
    {
      table: "ConnectionDailyRollup",
      column: "day",
      grains: [...DAILY_GRAINS, ...START_HOUR_GRAINS],
      before: floorTo(Math.min(rollupCutoffMs, oldestStart ?? rollupCutoffMs), DAY_MS),
    },
    {
      table: "ConnectionHourlyRollup",
      column: "hour",
      grains: HOURLY_GRAINS,
      before: floorTo(Math.min(rollupCutoffMs, oldestSession ?? rollupCutoffMs), HOUR_MS),
    },
  ];
  for (const { table, column, grains, before } of tables) {
    // By grain: each index of the table begins with it, so every batch reads only what it deletes.
    const batch = sqlite.prepare<[string, number, number]>(
      `DELETE FROM "${table}" WHERE "rowid" IN (SELECT "rowid" FROM "${table}" WHERE "grain" = ? AND "${column}" < ? LIMIT ?)`,
    );
    for (const grain of grains) {
      for (let deleted = batchRows; deleted === batchRows;) {
        await between();
        deleted = await writeTransaction(sqlite, () => batch.run(grain, before, batchRows).changes);
        counts.rollups += deleted;
      }
    }
  }
}
