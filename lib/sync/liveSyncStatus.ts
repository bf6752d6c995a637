import { getConfig } from "../config";
import { getStore } from "../store/store";
import { getSyncStatus, type SyncStatus } from "./getSyncStatus";
import { nextScheduledRun, readNextScheduledRun, type NextRun } from "./syncSchedule";

/** The overview's sync state as one snapshot: what it renders first and what it polls for while it is open. */
export interface LiveSyncStatus extends SyncStatus {
  /** When this was read, on the server's clock: what "how long ago" and "due in" count from. */
  readAt: string;
  next: NextRun;
}

/** The store's sync state, its runs' bookkeeping (written by the ingest runner's thread) and the next scheduled run. */
export async function readLiveSyncStatus(): Promise<LiveSyncStatus> {
  const { db } = await getStore();
  const [status, nextAt] = await Promise.all([getSyncStatus(db, getConfig().parsec?.teamId ?? null), readNextScheduledRun(db)]);
  const now = Date.now();
  return {
    ...status,
    readAt: new Date(now).toISOString(),
    next: nextScheduledRun({ intervalMs: getConfig().sync.intervalMs, nextAt, running: status.running !== null, now }),
  };
}
