import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { migrateDatabase } from "./migrate";
import { JOURNAL_PRAGMAS } from "./sqlite";

export type Db = PrismaClient;

/**
 * Opens a database file for use: applies pending migrations first (every entry point goes
 * through here, so a fresh or older file is always brought up to date), then connects.
 */
export async function openDatabase(databaseFile: string): Promise<Db> {
  await migrateDatabase(databaseFile);
  return connectDatabaseClient(databaseFile);
}

/**
 * Connects to a file that is already migrated. DateTime columns hold Unix milliseconds: integer
 * comparisons keep the time indexes cheap.
 */
export async function connectDatabaseClient(databaseFile: string): Promise<Db> {
  const db = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: databaseFile, timeout: 15_000 }, { timestampFormat: "unixepoch-ms" }),
  });
  // WAL lets the viewer read while the sync writes; NORMAL is durable across application crashes,
  // which is what the page-by-page checkpoint relies on (JOURNAL_PRAGMAS says more).
  for (const pragma of JOURNAL_PRAGMAS) await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
  return db;
}

const globalForDb = globalThis as unknown as { parsecViewerDb?: Map<string, Promise<Db>> };

/** One client per database file per process, kept on globalThis so hot reload does not open more. */
export function getDatabase(databaseFile: string): Promise<Db> {
  const open = (globalForDb.parsecViewerDb ??= new Map());
  let db = open.get(databaseFile);
  if (!db) {
    db = openDatabase(databaseFile);
    db.catch(() => open.delete(databaseFile));
    open.set(databaseFile, db);
  }
  return db;
}

/** Disconnects this process's client of `databaseFile`, so that the next getDatabase opens (and migrates) it afresh. */
export async function closeDatabase(databaseFile: string): Promise<void> {
  const open = globalForDb.parsecViewerDb;
  const db = open?.get(databaseFile);
  if (!db) return;
  open?.delete(databaseFile);
  await (await db.catch(() => null))?.$disconnect();
}
