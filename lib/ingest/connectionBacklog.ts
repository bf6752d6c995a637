import { preparedStatements, writeTransaction, type SqliteConnection } from "../store/sqlite";
import { refreshConnections } from "./refreshConnections";

/**
 * New events whose connections are not stitched yet: those above the mark in
 * ConnectionStitchMark (prisma/schema.prisma). Stitching a page's attempts in the transaction
 * that stores the page rewrites the same rollup rows and the same index pages (the days' rows,
 * each user's and host's newest entries) at every commit, and a commit's cost grows with the
 * database: at a million events it cost 27-30% of the sync's throughput, in batches of 40,000
 * events 16-18% (`npm run bench -- --only connections`). The sync and the import therefore
 * let up to STITCH_BATCH_EVENTS new events wait, stitch them together in the transaction of the
 * page that reaches the batch, and catch up when they end, so the Connection table trails the
 * events by at most one batch, and only while a run is under way.
 *
 * Waiting loses nothing: the mark moves in the transaction that stitches, so events stored by a
 * run that died are still above it and are stitched by the next store or catch-up. Stitching an
 * attempt reads all its stored events (refreshConnections), so when it happens does not change
 * the result.
 */

/** New events the sync and the import let wait before stitching their connections. */
export const STITCH_BATCH_EVENTS = 40_000;

/**
 * Called by storeEvents, in its transaction, once it has inserted rows above `rowidBefore`:
 * stitches every waiting attempt if at least `batchEvents` new events wait (0: any). Returns the
 * number of attempts stitched.
 */
export function stitchNewEvents(sqlite: SqliteConnection, rowidBefore: number, batchEvents: number, now: number): number {
  const s = preparedStatements(sqlite, prepare);
  let mark = stitchedThroughRowid(sqlite);
  // A rowid is only handed out again after the newest events were deleted (Event has no
  // AUTOINCREMENT): whatever lies above `rowidBefore` is new, so the mark must not stand above it.
  if (rowidBefore < mark) {
    mark = rowidBefore;
    s.setMark.run(mark);
  }
  const newest = lastRowid(s);
  if (newest - mark < Math.max(1, batchEvents)) return 0;
  const attemptIds = s.attemptsBetween.all(mark, newest);
  refreshConnections(sqlite, attemptIds, now);
  s.setMark.run(newest);
  return attemptIds.length;
}

/**
 * Stitches the attempts of every event waiting above the mark, in a write transaction of its own.
 * The sync and the import call it when they end, whether they finished or failed. Returns the
 * number of attempts stitched.
 */
export function catchUpConnections(sqlite: SqliteConnection, now = Date.now()): Promise<number> {
  // As a store that inserted nothing: what waits is stitched, a mark above the newest event is lowered.
  return writeTransaction(sqlite, () => stitchNewEvents(sqlite, lastRowid(preparedStatements(sqlite, prepare)), 0, now));
}

/**
 * Moves the mark to the newest event without stitching: for the rebuild, which stitches every
 * attempt itself, in the transaction where it clears the Connection table.
 */
export function markAllStitched(sqlite: SqliteConnection): void {
  const s = preparedStatements(sqlite, prepare);
  s.setMark.run(lastRowid(s));
}

/**
 * The rowid up to which every event's connection is stitched. A missing row (a database edited
 * by hand) reads as 0: everything is stitched again, which is slow but right.
 */
export function stitchedThroughRowid(sqlite: SqliteConnection): number {
  return preparedStatements(sqlite, prepare).readMark.get()?.eventRowid ?? 0;
}

type Statements = ReturnType<typeof prepare>;

function lastRowid(s: Statements): number {
  return s.lastRowid.get()?.rowid ?? 0;
}

function prepare(sqlite: SqliteConnection) {
  return {
    readMark: sqlite.prepare<[], { eventRowid: number }>(`SELECT "eventRowid" FROM "ConnectionStitchMark" WHERE "id" = 1`),
    setMark: sqlite.prepare<[number]>(
      `INSERT INTO "ConnectionStitchMark" ("id", "eventRowid") VALUES (1, ?) ON CONFLICT ("id") DO UPDATE SET "eventRowid" = excluded."eventRowid"`,
    ),
    lastRowid: sqlite.prepare<[], { rowid: number }>(`SELECT coalesce(max("rowid"), 0) AS "rowid" FROM "Event"`),
    attemptsBetween: sqlite
      .prepare<[number, number], string>(`SELECT DISTINCT "attemptId" FROM "Event" WHERE "rowid" > ? AND "rowid" <= ? AND "attemptId" IS NOT NULL`)
      .pluck(),
  };
}
