// Reading back what a run left in its database: the run's own record and the stored events.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import type { SyncRun } from "@/lib/generated/prisma/client";

/** A SyncRun row read raw: DateTime columns hold Unix milliseconds. */
export type SyncRunRecord = Pick<SyncRun, "status" | "pages" | "fetched" | "inserted" | "updated" | "quarantined" | "error"> & {
  startedAt: number;
  finishedAt: number | null;
};

export function readLastSyncRun(databaseFile: string): SyncRunRecord | null {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT "status", "startedAt", "finishedAt", "pages", "fetched", "inserted", "updated", "quarantined", "error"
         FROM "SyncRun" WHERE "kind" = 'sync' ORDER BY "id" DESC LIMIT 1`,
      )
      .get() as SyncRunRecord | undefined;
    return row ?? null;
  } finally {
    db.close();
  }
}

export function countEvents(databaseFile: string): number {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "Event"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * SHA-256 of every stored event, in id order, every column but "storedAt" (the time of the write):
 * two databases with the same digest hold the same events, byte for byte.
 */
export function eventsDigest(databaseFile: string): string {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const columns = (db.prepare(`PRAGMA table_info("Event")`).all() as { name: string }[]).map((c) => c.name).filter((name) => name !== "storedAt");
    const hash = createHash("sha256");
    const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "Event" ORDER BY "id"`).raw();
    for (const row of rows.iterate()) hash.update(JSON.stringify(row)).update("\n");
    return hash.digest("hex");
  } finally {
    db.close();
  }
}
