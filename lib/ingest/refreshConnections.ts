import { preparedStatements, type SqliteConnection } from "../store/sqlite";
import { ATTEMPT_EVENT_COLUMNS, fromStoredValues, type AttemptEvent, type StoredAttemptEventValues } from "../connections/attemptEvent";
import { CONNECTION_COLUMNS, rollupSourceOf, sameConnection, toRawConnectionRow, type RawConnectionRow } from "../connections/connectionRows";
import { decodeHistogram, encodeHistogram } from "../connections/durationBuckets";
import { RollupChanges, type DailyCell } from "../connections/rollupContributions";
import { stitchConnection, type StitchedConnection } from "../connections/stitchConnection";

/**
 * Keeps the Connection table and its rollups up to date as events are stored. Called inside the
 * caller's transaction with the attempt ids of new or changed events (storeEvents, and
 * connectionBacklog.ts for a batch of new ones): each attempt's stored events are read back
 * whole (the Event table is indexed by attemptId) and stitched again, so the row equals stitching
 * the whole history at once, however the attempt's events were spread over pages and runs.
 * Rollups move by the difference between the old row and the new one. Synchronous, like the rest
 * of the write path.
 */
export function refreshConnections(sqlite: SqliteConnection, attemptIds: Iterable<string>, now = Date.now()): number {
  const statements = preparedStatements(sqlite, prepare);
  const changes = new RollupChanges();
  const ids = [...attemptIds];
  let written = 0;
  // A stitching batch holds thousands of attempts: their events and rows are read a hundred
  // attempts at a time (one statement each, through the attemptId indexes). Larger reads were no
  // faster and kept more events alive at once: measured on 40,000 new events at a million, 500
  // attempts a read raised the sync's peak heap by 30-40 MB over stitching page by page, 100 did not.
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    const batch = JSON.stringify(ids.slice(start, start + READ_BATCH));
    const eventsByAttempt = new Map<string, AttemptEvent[]>();
    for (const values of statements.eventsOfAttempts.all(batch)) {
      const events = eventsByAttempt.get(values[0]);
      if (events) events.push(fromStoredValues(values));
      else eventsByAttempt.set(values[0], [fromStoredValues(values)]);
    }
    const oldRows = new Map(statements.connectionsOf.all(batch).map((row) => [row.attemptId as string, row]));
    for (const attemptId of ids.slice(start, start + READ_BATCH)) {
      const events = eventsByAttempt.get(attemptId);
      const stitched = events ? stitchConnection(attemptId, events) : null;
      if (writeConnection(statements, changes, oldRows.get(attemptId) ?? null, stitched, now)) written += 1;
    }
  }
  applyRollupChanges(sqlite, changes);
  return written;
}

const READ_BATCH = 100;

/**
 * Replaces one connection's row (`old`, as stored, or null) by `stitched` (null: it has no events
 * left) and records the rollup difference. Returns whether anything changed.
 */
export function writeConnection(
  statements: ConnectionStatements,
  changes: RollupChanges,
  old: RawConnectionRow | null,
  stitched: StitchedConnection | null,
  now: number,
): boolean {
  const row = stitched ? toRawConnectionRow(stitched, now) : null;
  if (old && row && sameConnection(old, row)) return false;
  if (!old && !row) return false;
  if (old) changes.add(rollupSourceOf(old), -1);
  if (row) {
    statements.upsert.run(row);
    changes.add(rollupSourceOf(row), 1);
  } else {
    statements.remove.run(old!.attemptId);
  }
  return true;
}

/**
 * Writes gathered rollup changes: one upsert per touched row that adds the change to it (the
 * histogram through `connection_histogram_add`, registered on the connection below), then the
 * rows that a decrease brought to zero are deleted, so that a rollup holds exactly the rows a
 * rebuild would.
 */
export function applyRollupChanges(sqlite: SqliteConnection, changes: RollupChanges): void {
  const s = preparedStatements(sqlite, prepare);
  for (const [id, change] of changes.daily) {
    if (isNoChange(change)) continue;
    s.dailyAdd.run({
      id,
      grain: change.grain,
      day: change.day,
      clientUserId: change.clientUserId,
      hostComputerName: change.hostComputerName,
      completionExitCode: change.completionExitCode,
      attempts: change.attempts,
      failures: change.failures,
      sessions: change.sessions,
      connectedMs: change.connectedMs,
      durationHistogram: encodeHistogram(change.histogram),
    });
    if (change.attempts < 0) s.dailyDeleteEmpty.run(id);
  }
  for (const [id, change] of changes.hourly) {
    if (change.sessions === 0 && change.connectedMs === 0) continue;
    s.hourlyAdd.run({
      id,
      grain: change.grain,
      hour: change.hour,
      clientUserId: change.clientUserId,
      hostComputerName: change.hostComputerName,
      sessions: change.sessions,
      connectedMs: change.connectedMs,
    });
    if (change.sessions < 0) s.hourlyDeleteEmpty.run(id);
  }
}

function isNoChange(cell: DailyCell): boolean {
  return (
    cell.attempts === 0 && cell.failures === 0 && cell.sessions === 0 && cell.connectedMs === 0 && [...cell.histogram.values()].every((count) => count === 0)
  );
}

/** SQL function: the sum of two encoded histograms (either may hold negative counts: a change). */
function addEncodedHistograms(current: unknown, change: unknown): string {
  return encodeHistogram(decodeHistogram(String(change ?? ""), decodeHistogram(String(current ?? ""))));
}

export type ConnectionStatements = ReturnType<typeof prepare>;

export function connectionStatements(sqlite: SqliteConnection): ConnectionStatements {
  return preparedStatements(sqlite, prepare);
}

function prepare(sqlite: SqliteConnection) {
  sqlite.function("connection_histogram_add", { deterministic: true }, addEncodedHistograms);
  const columns = CONNECTION_COLUMNS.map((c) => `"${c}"`).join(", ");
  const values = CONNECTION_COLUMNS.map((c) => `@${c}`).join(", ");
  const updates = CONNECTION_COLUMNS.filter((c) => c !== "attemptId")
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(", ");
  return {
    // The argument is a JSON array of attempt ids.
    eventsOfAttempts: sqlite
      .prepare<[string], StoredAttemptEventValues>(`SELECT ${ATTEMPT_EVENT_COLUMNS} FROM "Event" WHERE "attemptId" IN (SELECT "value" FROM json_each(?))`)
      .raw(),
    connectionsOf: sqlite.prepare<[string], RawConnectionRow>(`SELECT ${columns} FROM "Connection" WHERE "attemptId" IN (SELECT "value" FROM json_each(?))`),
    upsert: sqlite.prepare(`INSERT INTO "Connection" (${columns}) VALUES (${values}) ON CONFLICT ("attemptId") DO UPDATE SET ${updates}`),
    remove: sqlite.prepare(`DELETE FROM "Connection" WHERE "attemptId" = ?`),
    dailyAdd: sqlite.prepare(
      `INSERT INTO "ConnectionDailyRollup" ("id", "grain", "day", "clientUserId", "hostComputerName", "completionExitCode",
         "attempts", "failures", "sessions", "connectedMs", "durationHistogram")
       VALUES (@id, @grain, @day, @clientUserId, @hostComputerName, @completionExitCode,
         @attempts, @failures, @sessions, @connectedMs, @durationHistogram)
       ON CONFLICT ("id") DO UPDATE SET "attempts" = "attempts" + excluded."attempts", "failures" = "failures" + excluded."failures",
         "sessions" = "sessions" + excluded."sessions", "connectedMs" = "connectedMs" + excluded."connectedMs",
         "durationHistogram" = connection_histogram_add("durationHistogram", excluded."durationHistogram")`,
    ),
    dailyDeleteEmpty: sqlite.prepare(`DELETE FROM "ConnectionDailyRollup" WHERE "id" = ? AND "attempts" = 0`),
    hourlyAdd: sqlite.prepare(
      `INSERT INTO "ConnectionHourlyRollup" ("id", "grain", "hour", "clientUserId", "hostComputerName", "sessions", "connectedMs")
       VALUES (@id, @grain, @hour, @clientUserId, @hostComputerName, @sessions, @connectedMs)
       ON CONFLICT ("id") DO UPDATE SET "sessions" = "sessions" + excluded."sessions", "connectedMs" = "connectedMs" + excluded."connectedMs"`,
    ),
    hourlyDeleteEmpty: sqlite.prepare(`DELETE FROM "ConnectionHourlyRollup" WHERE "id" = ? AND "sessions" = 0`),
  };
}
