import type { Db } from "../store/client";
import { isLeaseAbandoned, newLeaseHolder, thisProcessHolderPrefix } from "../leases/leaseHolder";
import { isUniqueViolation } from "../store/writeConflicts";

export class SyncAlreadyRunningError extends Error {
  override name = "SyncAlreadyRunningError";
  constructor(readonly since: Date) {
    super(`A sync is already running (started ${since.toISOString()}). Wait for it to finish.`);
  }
}

export interface SyncLease {
  readonly holder: string;
  /** Aborted when the lease is lost (another process took it after it expired): stop writing. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

const LOCK_NAME = "sync";

/**
 * A lease in the database, so that only one sync writes at a time across every process (the
 * server's scheduler, POST /api/sync, `npm run sync`). A holder that died leaves its lease behind:
 * on the same host a holder that is no longer running (dead, a zombie, or its pid now another
 * process's) frees it at once, elsewhere it expires after `ttlMs` unless renewed.
 * The holder is named by lib/leases/leaseHolder.ts.
 */
export async function acquireSyncLock(db: Db, ttlMs = 60_000): Promise<SyncLease> {
  const holder = newLeaseHolder();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const created = await db.syncLock
    .create({ data: { name: LOCK_NAME, holder, acquiredAt: now, expiresAt } })
    .then(() => true)
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return false;
      throw error;
    });
  if (!created) {
    const existing = await db.syncLock.findUnique({ where: { name: LOCK_NAME } });
    if (existing && !isLeaseAbandoned(existing, now)) throw new SyncAlreadyRunningError(existing.acquiredAt);
    // Compare-and-swap on the old holder: of two processes taking over at once, one wins.
    const { count } = existing
      ? await db.syncLock.updateMany({
          where: { name: LOCK_NAME, holder: existing.holder },
          data: { holder, acquiredAt: now, expiresAt },
        })
      : { count: 0 };
    if (count !== 1) {
      const winner = await db.syncLock.findUnique({ where: { name: LOCK_NAME } });
      throw new SyncAlreadyRunningError(winner?.acquiredAt ?? now);
    }
  }

  const lost = new AbortController();
  const heartbeat = setInterval(
    () => {
      db.syncLock
        .updateMany({ where: { name: LOCK_NAME, holder }, data: { expiresAt: new Date(Date.now() + ttlMs) } })
        .then(({ count }) => {
          if (count === 0) lost.abort(new Error("The sync lost its lock to another process; it stopped to avoid a second writer."));
        })
        .catch(() => undefined); // a missed beat is retried by the next one, well before the lease runs out
    },
    Math.max(1_000, Math.floor(ttlMs / 4)),
  );
  heartbeat.unref();

  return {
    holder,
    lost: lost.signal,
    async release() {
      clearInterval(heartbeat);
      await db.syncLock.deleteMany({ where: { name: LOCK_NAME, holder } });
    },
  };
}

/**
 * Frees a lease left by another thread of this process: the server's ingest runner (a worker
 * thread) that died or was terminated mid-run leaves its lease under the server's own pid, which
 * is still running, so no one would take it over before it expired. Only the runner that replaces
 * it calls this, before it starts anything: a process has one runner at a time.
 */
export async function releaseLeasesOfThisProcess(db: Db): Promise<number> {
  const { count } = await db.syncLock.deleteMany({ where: { name: LOCK_NAME, holder: { startsWith: thisProcessHolderPrefix() } } });
  return count;
}
