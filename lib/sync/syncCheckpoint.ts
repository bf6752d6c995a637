import type { Db } from "../store/client";
import { preparedStatements, type SqliteConnection } from "../store/sqlite";
import type { ClockReading } from "../parsec/parsecClock";

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
  /** When the pass began on Parsec's clock: what its window is known complete up to once it ends. */
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
    startedAt: checkpoint.passStartedAt ?? new Date(checkpoint.passEndAt),
    oldestAt: checkpoint.passOldestAt,
    newestAt: checkpoint.passNewestAt,
  };
}

/**
 * The next window to walk, on Parsec's clock (`parsecNow`: this machine's time corrected by the
 * difference its answers showed). Backfill: everything up to now. Incremental: from a little before
 * where the last complete walk ended, so that events Parsec records late, with a timestamp slightly
 * in the past, are still caught. A recorded end in Parsec's future cannot be true (an older version
 * trusted this machine's clock, which ran ahead): the walk then starts from the newest event stored,
 * so that nothing after it is skipped. Full: everything again (re-verifies the whole history).
 */
export function nextPass(checkpoint: Checkpoint, options: { full: boolean; overlapMs: number; parsecNow: Date; newestStoredAt: Date | null }): SyncPass {
  const endAt = options.parsecNow.toISOString();
  const base = { endAt, cursor: null, pages: 0, events: 0, startedAt: options.parsecNow, oldestAt: null, newestAt: null };
  if (!checkpoint.coveredUntil) return { ...base, mode: "backfill", startAt: null };
  if (options.full) return { ...base, mode: "full", startAt: null };
  const covered = checkpoint.coveredUntil.getTime();
  const now = options.parsecNow.getTime();
  const from = covered <= now ? covered : Math.min(now, options.newestStoredAt?.getTime() ?? now);
  const startAt = new Date(from - options.overlapMs).toISOString();
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
    `UPDATE "SyncCheckpoint" SET "passCursor" = ?, "passPages" = ?, "passEvents" = ?, "passStartedAt" = ?,
     "passOldestAt" = ?, "passNewestAt" = ?, "updatedAt" = ? WHERE "teamId" = ?`,
  );

export function recordPassPage(connection: SqliteConnection, teamId: string, pass: SyncPass): void {
  preparedStatements(connection, prepareRecordPassPage).run(
    pass.cursor,
    pass.pages,
    pass.events,
    pass.startedAt.getTime(),
    pass.oldestAt?.getTime() ?? null,
    pass.newestAt?.getTime() ?? null,
    Date.now(),
    teamId,
  );
}

/**
 * A finished pass has fetched every event of its window that existed when it began: on Parsec's
 * clock, up to the earlier of its end and its start.
 */
export async function completePass(db: Db, checkpoint: Checkpoint, pass: SyncPass): Promise<Checkpoint> {
  const coveredUntil = new Date(Math.min(Date.parse(pass.endAt), pass.startedAt.getTime()));
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

/** Parsec's clock as its latest answer showed it, for the next run's windows and the overview. */
export async function recordClock(db: Db, teamId: string, reading: ClockReading): Promise<void> {
  await db.syncCheckpoint.update({ where: { teamId }, data: { clockOffsetMs: reading.offsetMs, clockReadAt: new Date(reading.localMs) } });
}

export async function setHistoryStart(db: Db, teamId: string, at: Date): Promise<void> {
  await db.syncCheckpoint.update({ where: { teamId }, data: { historyStartsAt: at } });
}
