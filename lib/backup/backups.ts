import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { recordViewerAudit } from "../auth/viewerAudit";
import { acquireSyncLock } from "../ingest/syncLock";
import { closeDatabase, getDatabase } from "../store/client";
import { copyDatabaseFile, DatabaseFileError, inspectDatabaseFile, replaceDatabaseContent, type DatabaseFileSummary } from "../store/databaseCopy";
import { migrateDatabase, pendingMigrations } from "../store/migrate";
import { migrationNames } from "../store/schemaEngine";
import { backupsBeyond, nextBackupDue, rotatedBackupName, rotatedBackups } from "./backupRotation";

export { DatabaseFileError } from "../store/databaseCopy";

/** A backup or restore that would destroy something unasked; the message says which flag allows it. */
export class BackupRefusedError extends Error {
  override name = "BackupRefusedError";
}

export interface BackupResult extends DatabaseFileSummary {
  file: string;
  ms: number;
}

/**
 * A consistent copy of the store at `databaseFile` in `targetFile`, taken while the server and a sync may be
 * writing: it holds every transaction committed before it began and nothing of one after.
 */
export async function backupStore(databaseFile: string, targetFile: string, options: { overwrite?: boolean; actor?: string } = {}): Promise<BackupResult> {
  const target = path.resolve(targetFile);
  if (existsSync(target) && !options.overwrite) throw new BackupRefusedError(`${target} exists: choose another name, or add --force to replace it`);
  if (!existsSync(path.dirname(target))) throw new BackupRefusedError(`${path.dirname(target)}: no such directory`);
  if (target === databaseFile) throw new BackupRefusedError(`${target} is the database itself: write the backup to another file`);
  const db = await getDatabase(databaseFile); // migrates a file that is behind, so the copy has the current schema
  const started = Date.now();
  const summary = await copyDatabaseFile(databaseFile, target);
  await recordViewerAudit(db, { action: "backup", actor: options.actor ?? "cli", facts: { kind: "backup", events: summary.events, file: target } });
  return { ...summary, file: target, ms: Date.now() - started };
}

export interface RestoreResult extends DatabaseFileSummary {
  /** What the store held before (0 unless --force). */
  replacedEvents: number;
  /** Migrations applied after the restore because the backup was older than this version. */
  migrated: string[];
}

/**
 * Brings a backup back into the store at `databaseFile`. It refuses a file that is not an intact backup
 * of this viewer or comes from a newer version, refuses to overwrite a store that holds events
 * unless `force`, and holds the sync's lease while it copies so that no sync writes beside it.
 */
export async function restoreStore(databaseFile: string, backupFile: string, options: { force?: boolean; actor?: string } = {}): Promise<RestoreResult> {
  const source = path.resolve(backupFile);
  const backup = inspectDatabaseFile(source);
  const known = new Set(migrationNames());
  const unknown = backup.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new DatabaseFileError(
      `${source} was made by a newer version of the viewer (its migration ${unknown[0]} is unknown here): upgrade the viewer, then restore`,
    );
  }
  if (source === databaseFile) throw new BackupRefusedError(`${source} is the database itself: name the backup file to restore from`);
  let db = await getDatabase(databaseFile);
  const lease = await acquireSyncLock(db);
  let replacedEvents: number;
  try {
    replacedEvents = await db.event.count();
    if (replacedEvents > 0 && !options.force) {
      throw new BackupRefusedError(`${databaseFile} holds ${replacedEvents} events: add --force to replace them with the backup's ${backup.events}`);
    }
    await replaceDatabaseContent(source, databaseFile);
    // A backup taken during a sync brought that sync's lease back with it; that process is not
    // writing to this store, so its lease goes (a lease taken since by another process stays).
    if (backup.syncLeaseHolder) await db.syncLock.deleteMany({ where: { name: "sync", holder: backup.syncLeaseHolder } });
  } finally {
    await lease.release();
  }
  const migrations = [...known].sort();
  let migrated: string[] = [];
  if (pendingMigrations(databaseFile, migrations).length > 0) {
    // A backup from an older version: bring it up to this one (which needs the file to itself).
    await closeDatabase(databaseFile);
    migrated = await migrateDatabase(databaseFile);
    db = await getDatabase(databaseFile);
  }
  await recordViewerAudit(db, {
    action: "restore",
    actor: options.actor ?? "cli",
    facts: { kind: "restore", events: backup.events, file: source, replaced: replacedEvents },
  });
  return { ...backup, replacedEvents, migrated };
}

export interface ScheduledBackupSettings {
  dir: string;
  intervalMs: number;
  keep: number;
}

/**
 * Takes the rotated copy in `dir` when one is due and deletes those beyond the newest `keep`.
 * Returns the copy taken (null when none was due) and when the next is due.
 */
export async function takeDueBackup(
  databaseFile: string,
  settings: ScheduledBackupSettings,
  now = new Date(),
): Promise<{ taken: BackupResult | null; nextDue: Date }> {
  const listed = () => rotatedBackups(readdirSync(settings.dir));
  const due = nextBackupDue(listed(), settings.intervalMs, now);
  if (due.getTime() > now.getTime()) return { taken: null, nextDue: due };
  const taken = await backupStore(databaseFile, path.join(settings.dir, rotatedBackupName(now)), { overwrite: true, actor: "scheduled backup" });
  for (const old of backupsBeyond(listed(), settings.keep)) rmSync(path.join(settings.dir, old.name), { force: true });
  return { taken, nextDue: new Date(now.getTime() + settings.intervalMs) };
}
