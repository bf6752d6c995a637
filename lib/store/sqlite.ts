import Database from "better-sqlite3";

export type SqliteConnection = Database.Database;

/**
 * A plain better-sqlite3 connection for the one hot write path: storing pages of events.
 * Measured on 1,000-event pages: Prisma's createMany took 680 ms a page and a multi-row raw
 * INSERT through Prisma about 100 ms, against 30 ms for prepared statements here, so a
 * million-event backfill would spend most of its time in the client. Everything else goes
 * through Prisma. Statements here run synchronously inside one transaction, so they never hold
 * a lock across an `await`. Prisma's connection in the same thread may, between the statements
 * of its own transactions: a synchronous busy-wait here would then block the very event loop that
 * has to finish that transaction. So this connection never waits on a lock (timeout 0), and
 * `writeTransaction` retries asynchronously instead.
 * Call only after `openDatabase` has migrated the file.
 */
export function openSqlite(databaseFile: string): SqliteConnection {
  const connection = new Database(databaseFile, { timeout: 0 });
  useWriterPragmas(connection);
  return connection;
}

/**
 * The journal settings of every connection, this one and Prisma's (lib/store/client.ts): WAL, so
 * that pages read while the sync writes; commits that do not wait for the disk (an application
 * crash loses nothing committed, a power cut may lose the last commits, neither corrupts the file).
 * SQLite's checkpoint every 1,000 WAL pages stays: at 10,000, a million-event backfill ran 19%
 * faster without connections but only 9% faster with them (one run each, same session), so the
 * stitching's share of the sync rose from 16% to 25%, over its 20% budget.
 */
export const JOURNAL_PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL"] as const;

export function useWriterPragmas(connection: SqliteConnection): void {
  for (const pragma of JOURNAL_PRAGMAS) connection.pragma(pragma);
}

const globalForSqlite = globalThis as unknown as { parsecViewerSqlite?: Map<string, SqliteConnection> };

/** One writer connection per database file per thread: the server's ingest runner (lib/runner) has its own. */
export function getSqlite(databaseFile: string): SqliteConnection {
  const open = (globalForSqlite.parsecViewerSqlite ??= new Map());
  let connection = open.get(databaseFile);
  if (!connection?.open) {
    connection = openSqlite(databaseFile);
    open.set(databaseFile, connection);
  }
  return connection;
}

const BUSY_RETRY_LIMIT_MS = 30_000;

/** Runs `work` in one write transaction, retrying while another connection holds the write lock. */
export async function writeTransaction<T>(connection: SqliteConnection, work: () => T): Promise<T> {
  const transaction = connection.transaction(work);
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return transaction.immediate();
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      if (!code.startsWith("SQLITE_BUSY") || Date.now() - started > BUSY_RETRY_LIMIT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** attempt)));
    }
  }
}

const preparedByBuilder = new WeakMap<object, WeakMap<SqliteConnection, unknown>>();

/**
 * The statements `build` prepares, prepared once per connection: the write path runs them for
 * every page, and preparing parses the SQL again each time.
 */
export function preparedStatements<T>(connection: SqliteConnection, build: (connection: SqliteConnection) => T): T {
  let byConnection = preparedByBuilder.get(build);
  if (!byConnection) {
    byConnection = new WeakMap();
    preparedByBuilder.set(build, byConnection);
  }
  if (!byConnection.has(connection)) byConnection.set(connection, build(connection));
  return byConnection.get(connection) as T;
}
