import { getConfig } from "../config";
import { getDatabase, type Db } from "./client";
import { getSqlite, type SqliteConnection } from "./sqlite";

/**
 * The store: the one owner of the database. It opens the configured file once per process
 * (migrating it first) and hands out what lib/ needs: Prisma's client for schema-shaped reads and
 * plain writes, and the raw connection for the hand-written SQL that speed needs. Route handlers
 * and pages never hold either; they call lib/ verbs, which take the store from here.
 */
export interface Store {
  db: Db;
  sqlite: SqliteConnection;
}

export async function getStore(): Promise<Store> {
  const { databaseFile } = getConfig();
  return { db: await getDatabase(databaseFile), sqlite: getSqlite(databaseFile) };
}
