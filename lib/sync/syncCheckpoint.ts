import type { Db } from "../db/client";
import { preparedStatements, type SqliteConnection } from "../db/sqlite";

export type PassMode = "backfill" | "incremental" | "full";

/** One walk through a fixed window of the API, page by page, to the end of its cursors. */
export interface SyncPass {
  mode: PassMode;
  startAt: string | null;
  endAt: string;
  /** The next page's cursor; null before the first page. */
  cursor: string | null;
  pages: number;
  events: number;
  startedAt: Date;
  oldestAt: Date | null;
  newestAt: Date | null;
}

export async function loadCheckpoint(db: Db, teamId: string) {
  return db.syncCheckpoint.upsert({ where: { teamId }, create: { teamId }, update: {} });
}
export type Checkpoint = Awaited<ReturnType<typeof loadCheckpoint>>;

export function unfinishedPass(checkpoint: Checkpoint): SyncPass | null {
  if (!checkpoint.passMode || !checkpoint.passEndAt) return null;
  return {
    mode: checkpoint.passMode as PassMode,
    startAt: checkpoint.passStartAt,
    endAt: checkpoint.passEndAt,
    cursor: checkpoint.passCursor,
    pages: checkpoint.passPages,
    events: checkpoint.passEvents,
    startedAt: checkpoint.passStartedAt ?? new Date(),
    oldestAt: checkpoint.passOldestAt,
    newestAt: checkpoint.passNewestAt,
  };
}

/**
 * The next window to walk. Backfill: everything up to now. Incremental: from a little before
 * where the last complete walk ended, so that events Parsec records late, with a timestamp
 * slightly in the past, are still caught. Full: everything again (re-verifies the whole history).
 */
export function nextPass(checkpoint: Checkpoint, options: { full: boolean; overlapMs: number; now: Date }): SyncPass {
  const endAt = options.now.toISOString();
  const base = { endAt, cursor: null, pages: 0, events: 0, startedAt: options.now, oldestAt: null, newestAt: null };
  if (!checkpoint.coveredUntil) return { ...base, mode: "backfill", startAt: null };
  if (options.full) return { ...base, mode: "full", startAt: null };
  const startAt = new Date(checkpoint.coveredUntil.getTime() - options.overlapMs).toISOString();
  return { ...base, mode: "incremental", startAt };
}

export async function beginPass(db: Db, teamId: string, pass: SyncPass): Promise<void> {
  await db.syncCheckpoint.update({
    where: { teamId },
    data: {
      passMode: pass.mode,
      passStartAt: pass.startAt,
      passEndAt: pass.endAt,
      passCursor: pass.cursor,
      passPages: pass.pages,
      passEvents: pass.events,
      passStartedAt: pass.startedAt,
      passOldestAt: pass.oldestAt,
      passNewestAt: pass.newestAt,
    },
  });
}

/** Raw, inside the page's write transaction: the cursor moves only with the events it covered. */
const prepareRecordPassPage = (connection: SqliteConnection) =>
  connection.prepare(
    `UPDATE "SyncCheckpoint" SET "passCursor" = ?, "passPages" = ?, "passEvents" = ?, "passOldestAt" = ?,
     "passNewestAt" = ?, "updatedAt" = ? WHERE "teamId" = ?`,
  );

export function recordPassPage(connection: SqliteConnection, teamId: string, pass: SyncPass): void {
  preparedStatements(connection, prepareRecordPassPage).run(pass.cursor, pass.pages, pass.events, pass.oldestAt?.getTime() ?? null, pass.newestAt?.getTime() ?? null, Date.now(), teamId);
}

export async function completePass(db: Db, checkpoint: Checkpoint, pass: SyncPass): Promise<Checkpoint> {
  const endAt = new Date(pass.endAt);
  const coveredUntil = checkpoint.coveredUntil && checkpoint.coveredUntil > endAt ? checkpoint.coveredUntil : endAt;
  return db.syncCheckpoint.update({
    where: { teamId: checkpoint.teamId },
    data: {
      coveredUntil,
      passMode: null,
      passStartAt: null,
      passEndAt: null,
      passCursor: null,
      passPages: 0,
      passEvents: 0,
      passStartedAt: null,
      passOldestAt: null,
      passNewestAt: null,
    },
  });
}

export async function setHistoryStart(db: Db, teamId: string, at: Date): Promise<void> {
  await db.syncCheckpoint.update({ where: { teamId }, data: { historyStartsAt: at } });
}
