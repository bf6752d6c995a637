import { hostname } from "node:os";
import type { SyncErrorKind } from "./syncErrorKind";
import { threadId } from "node:worker_threads";
import type { Db } from "../store/client";
import { preparedStatements, type SqliteConnection } from "../store/sqlite";
import type { StoreCounts } from "./storeEvents";

export type RunKind = "sync" | "import";
/** "manual": started by a signed-in admin in the viewer (the Sync now button, an upload). */
export type RunTrigger = "schedule" | "api" | "cli" | "startup" | "manual";

/**
 * A run that was "running" when its process died is shown as interrupted, not as running forever.
 * Syncs call this holding the single-writer lease, so every other running sync is dead. Imports
 * may run side by side, so only those silent for `staleAfterMs` (they beat at every batch) are.
 */
export async function markInterruptedRuns(db: Db, kind: RunKind, staleAfterMs = 0): Promise<void> {
  await db.syncRun.updateMany({
    where: { kind, status: "running", heartbeatAt: { lte: new Date(Date.now() - staleAfterMs) } },
    data: {
      status: "interrupted",
      finishedAt: new Date(),
      error:
        kind === "sync"
          ? "The process stopped before the run finished; the next run resumed from its last committed page."
          : "The process stopped before the import finished; what it had stored is kept, and importing the file again completes it.",
      errorKind: kind === "sync" ? ("stopped" satisfies SyncErrorKind) : null,
    },
  });
}

/** Where a run ran, as its row records it: the server's runs come from its ingest runner's thread, not the main one (0). */
export const RUNNER_IDENTITY = `${hostname()}:${process.pid} thread ${threadId}`;

export async function startRun(db: Db, kind: RunKind, trigger: RunTrigger, mode: string | null) {
  return db.syncRun.create({
    data: { kind, trigger, mode, status: "running", startedAt: new Date(), heartbeatAt: new Date(), runner: RUNNER_IDENTITY },
  });
}

export async function finishRun(db: Db, runId: number, outcome: { error?: string | null; errorKind?: SyncErrorKind | null; mode?: string | null }) {
  await db.syncRun.update({
    where: { id: runId },
    data: {
      status: outcome.error ? "failed" : "succeeded",
      error: outcome.error ?? null,
      errorKind: outcome.error ? (outcome.errorKind ?? null) : null,
      finishedAt: new Date(),
      ...(outcome.mode === undefined ? {} : { mode: outcome.mode }),
    },
  });
}

/** Raw, to be called inside the page's write transaction: the counters match what was committed. */
const prepareAddRunCounts = (connection: SqliteConnection) =>
  connection.prepare(
    `UPDATE "SyncRun" SET "pages" = "pages" + 1, "fetched" = "fetched" + ?, "inserted" = "inserted" + ?,
     "updated" = "updated" + ?, "quarantined" = "quarantined" + ?, "heartbeatAt" = ?, "progress" = ? WHERE "id" = ?`,
  );

export function addRunCounts(connection: SqliteConnection, runId: number, counts: StoreCounts, progress: unknown): void {
  preparedStatements(connection, prepareAddRunCounts).run(
    counts.received,
    counts.inserted,
    counts.updated,
    counts.quarantined,
    Date.now(),
    JSON.stringify(progress),
    runId,
  );
}

export async function saveRunProgress(db: Db, runId: number, progress: unknown): Promise<void> {
  await db.syncRun.update({ where: { id: runId }, data: { progress: JSON.stringify(progress), heartbeatAt: new Date() } });
}
