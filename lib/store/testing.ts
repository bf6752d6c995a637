/**
 * Database fixtures for tests of every layer: a real SQLite file in a temporary directory,
 * migrated as the app migrates it, with the raw connection beside Prisma's client.
 * Only tests import this file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connectDatabaseClient, openDatabase, type Db } from "./client";
import Database from "better-sqlite3";
import { openSqlite, type SqliteConnection } from "./sqlite";
import { NO_SCHEMA_FILTER, readMigrationsList, withSchemaEngine } from "./schemaEngine";

export interface TempDir {
  path: string;
  file(name: string): string;
  remove(): void;
}

export function makeTempDir(prefix = "parsec-viewer-test-"): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    path: dir,
    file: (name) => path.join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface DatabaseConnections {
  db: Db;
  sqlite: SqliteConnection;
  /** Closes both connections (the file stays). */
  disconnect(): Promise<void>;
}

/**
 * Connects to an already migrated file as `openDatabase` does, but without migrating it again.
 * Needed while another process has the file open: the schema engine takes SQLite's exclusive
 * locking mode to migrate, which fails (after a 5 s busy wait) while any other connection is open,
 * even when no migration is pending. See the known-bug test in syncTeamEvents.test.ts.
 */
export async function connectDatabase(file: string): Promise<DatabaseConnections> {
  const db = await connectDatabaseClient(file);
  const sqlite = openSqlite(file);
  return {
    db,
    sqlite,
    async disconnect() {
      await db.$disconnect().catch(() => undefined);
      if (sqlite.open) sqlite.close();
    },
  };
}

export interface TempDatabase extends DatabaseConnections {
  /** Absolute path of the SQLite file. */
  file: string;
  /** `file:<absolute path>`, as DATABASE_URL takes it. */
  url: string;
  /** Disconnects both connections and removes the directory. */
  close(): Promise<void>;
}

/**
 * A fresh database file of its own, opened as the app opens it (`openDatabase` migrates it), with
 * the raw writer connection too. `disconnect()` before a child process opens the file (it migrates
 * on start); `close()` after the test.
 */
export async function createTempDatabase(name = "parsec-audit.db"): Promise<TempDatabase> {
  const dir = makeTempDir();
  const file = dir.file(name);
  let db: Db | undefined;
  try {
    db = await openDatabase(file);
    const sqlite = openSqlite(file);
    const opened = db;
    const disconnect = async () => {
      await opened.$disconnect().catch(() => undefined);
      if (sqlite.open) sqlite.close();
    };
    return {
      db: opened,
      sqlite,
      disconnect,
      file,
      url: `file:${file}`,
      async close() {
        await disconnect();
        dir.remove();
      },
    };
  } catch (error) {
    await db?.$disconnect().catch(() => undefined);
    dir.remove();
    throw error;
  }
}

/**
 * A database file as an older version of the viewer left it: every migration but the newest
 * `behind` applied. Returns the names of those left out.
 */
export async function createOlderDatabase(file: string, behind = 1): Promise<string[]> {
  const all = readMigrationsList();
  const kept = all.migrationDirectories.slice(0, -behind);
  await withSchemaEngine(file, (engine) => engine.applyMigrations({ migrationsList: { ...all, migrationDirectories: kept }, filters: NO_SCHEMA_FILTER }));
  return all.migrationDirectories.slice(-behind).map((directory) => directory.path);
}

/** A plain connection to any SQLite file, with none of the app's pragmas: for tests that craft or read files as they are (a backup, a damaged copy). */
export function openPlainDatabase(file: string, options: { readonly?: boolean } = {}): SqliteConnection {
  return new Database(file, { readonly: options.readonly ?? false });
}
