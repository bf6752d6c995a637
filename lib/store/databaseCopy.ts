import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";

/** A file that cannot serve as a backup or a restore source; the message says what is wrong with it. */
export class DatabaseFileError extends Error {
  override name = "DatabaseFileError";
}

export interface DatabaseFileSummary {
  /** Events the file holds. */
  events: number;
  /** The migrations recorded as applied in it, by name. */
  migrations: string[];
  /** The sync lease the file holds: a backup taken during a sync has that sync's. */
  syncLeaseHolder: string | null;
  bytes: number;
}

/**
 * SQLite's backup API copies in steps, and a write by another connection between two steps makes
 * it start over: under a running sync that could go on for ever. One step of every page copies the
 * file inside a single read transaction instead, which WAL lets writers carry on beside, so the copy
 * is one consistent snapshot of every committed transaction.
 */
const EVERY_PAGE = 0x7fffffff;

/**
 * Writes a consistent copy of `sourceFile` (in use or not) to `targetFile`: first to a file beside
 * it, checked and made self-contained (no WAL), then renamed into place, so that a copy cut short
 * by a crash or a full disk never passes for a backup.
 */
export async function copyDatabaseFile(sourceFile: string, targetFile: string): Promise<DatabaseFileSummary> {
  if (!existsSync(sourceFile)) throw new DatabaseFileError(`${sourceFile}: no such database file`);
  const partial = `${targetFile}.partial-${process.pid}`;
  const source = new Database(sourceFile, { fileMustExist: true, timeout: 5_000 });
  try {
    await source.backup(partial, { progress: () => EVERY_PAGE });
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const summary = inspectDatabaseFile(partial);
    renameSync(partial, targetFile);
    return summary;
  } finally {
    source.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}

/**
 * Checks that `file` is an intact database of this viewer and says what it holds. Read only: a
 * backup is never changed by looking at it.
 */
export function inspectDatabaseFile(file: string): DatabaseFileSummary {
  if (!existsSync(file)) throw new DatabaseFileError(`${file}: no such file`);
  if (!statSync(file).isFile()) throw new DatabaseFileError(`${file}: not a file`);
  let connection: Database.Database | undefined;
  try {
    connection = new Database(file, { readonly: true, fileMustExist: true });
    const check = connection.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new DatabaseFileError(`${file} is damaged (SQLite's check says: ${String(check)}); use another backup`);
    const tables = new Set(
      connection
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .pluck()
        .all()
        .map((name) => String(name)),
    );
    if (!tables.has("_prisma_migrations") || !tables.has("Event")) {
      throw new DatabaseFileError(`${file} is an SQLite database but not one of this viewer (it has no events table)`);
    }
    const migrations = connection
      .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`)
      .pluck()
      .all()
      .map((name) => String(name));
    const events = Number(connection.prepare(`SELECT count(*) FROM Event`).pluck().get());
    const holder = tables.has("SyncLock") ? connection.prepare(`SELECT holder FROM SyncLock WHERE name = 'sync'`).pluck().get() : undefined;
    return { events, migrations, syncLeaseHolder: holder === undefined ? null : String(holder), bytes: statSync(file).size };
  } catch (error) {
    if (error instanceof DatabaseFileError) throw error;
    const code = (error as { code?: string }).code ?? "";
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT")
      throw new DatabaseFileError(`${file} is not an SQLite database, or is damaged: use another backup`);
    throw error;
  } finally {
    connection?.close();
  }
}

const BUSY_RETRIES = 20;

/**
 * Replaces the content of the database at `targetFile` with that of `sourceFile`, through SQLite's
 * backup API, so that every other connection to the target (a running server's included) sees the
 * restored content afterwards, not a file swapped under it. The caller has checked the source.
 */
export async function replaceDatabaseContent(sourceFile: string, targetFile: string): Promise<void> {
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await source.backup(targetFile, { progress: () => EVERY_PAGE });
        return;
      } catch (error) {
        // The target's other connections may be writing a session or a rate-limit row this moment.
        const busy = ((error as { code?: string }).code ?? "").startsWith("SQLITE_BUSY");
        if (!busy || attempt >= BUSY_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
      }
    }
  } finally {
    source.close();
  }
}
