import type { Db } from "../store/client";
import { writeTransaction, type SqliteConnection } from "../store/sqlite";
import { acquireSyncLock } from "./syncLock";
import { markAllStitched, stitchedThroughRowid } from "./connectionBacklog";
import { refreshConnections } from "./refreshConnections";

export interface RebuildProgress {
  attempts: number;
  totalAttempts: number;
}

export interface RebuildResult {
  attempts: number;
  ms: number;
}

const ATTEMPTS_PER_TRANSACTION = 2_000;

/**
 * True for a database whose connection events were stored before connections were kept (an
 * upgrade): events below the stitch mark carry attempt ids but no connection exists. Events above
 * the mark (a first sync that died before stitching) are not a reason: the next sync stitches them.
 * True too for connections kept before the rollups counted them by the hour they started (which
 * the charts need for days in a zone other than UTC): every connection has a row in that grain.
 */
export function connectionsNeedRebuild(sqlite: SqliteConnection): boolean {
  const hasConnection = sqlite.prepare(`SELECT 1 FROM "Connection" LIMIT 1`).get() !== undefined;
  if (hasConnection) return sqlite.prepare(`SELECT 1 FROM "ConnectionDailyRollup" WHERE "grain" = 'start-hour-code' LIMIT 1`).get() === undefined;
  return sqlite.prepare(`SELECT 1 FROM "Event" WHERE "attemptId" IS NOT NULL AND "rowid" <= ? LIMIT 1`).get(stitchedThroughRowid(sqlite)) !== undefined;
}

/**
 * Builds the Connection table and its rollups again from the stored events: for an existing
 * database, or after a change to the stitching rules. The same code as the incremental path
 * (refreshConnections) over every attempt id, so a rebuild and the sync always agree.
 * Streamed: attempt ids are read in batches along the Event (attemptId) index and each batch is
 * its own transaction, so memory stays bounded by the batch and the sync's writes are never
 * held up long; the sync lease keeps a sync from writing meanwhile (SyncAlreadyRunningError).
 */
export async function rebuildConnections(options: {
  db: Db;
  sqlite: SqliteConnection;
  onProgress?: (progress: RebuildProgress) => void;
  batchSize?: number;
}): Promise<RebuildResult> {
  const { sqlite } = options;
  const started = Date.now();
  const lease = await acquireSyncLock(options.db);
  try {
    const totalAttempts = (sqlite.prepare(`SELECT COUNT(DISTINCT "attemptId") AS n FROM "Event" WHERE "attemptId" IS NOT NULL`).get() as { n: number }).n;
    await writeTransaction(sqlite, () => {
      sqlite.exec(`DELETE FROM "Connection"; DELETE FROM "ConnectionDailyRollup"; DELETE FROM "ConnectionHourlyRollup";`);
      // Every attempt stored by now is stitched below; later events are stitched by their own store.
      markAllStitched(sqlite);
    });
    const nextIds = sqlite.prepare<[string, number], { attemptId: string }>(
      `SELECT DISTINCT "attemptId" FROM "Event" WHERE "attemptId" > ? ORDER BY "attemptId" LIMIT ?`,
    );
    let after = "";
    let attempts = 0;
    for (;;) {
      lease.lost.throwIfAborted();
      const ids = nextIds.all(after, options.batchSize ?? ATTEMPTS_PER_TRANSACTION).map((r) => r.attemptId);
      if (ids.length === 0) break;
      await writeTransaction(sqlite, () => refreshConnections(sqlite, ids));
      attempts += ids.length;
      after = ids[ids.length - 1]!;
      options.onProgress?.({ attempts, totalAttempts });
    }
    return { attempts, ms: Date.now() - started };
  } finally {
    await lease.release().catch(() => undefined);
  }
}
