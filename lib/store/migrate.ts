import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { NO_SCHEMA_FILTER, readMigrationsList, withSchemaEngine } from "./schemaEngine";

/**
 * Brings a fresh or older database file up to date: applies the pending migrations of
 * prisma/migrations and returns their names (none when it was already current).
 */
export async function migrateDatabase(databaseFile: string): Promise<string[]> {
  mkdirSync(path.dirname(databaseFile), { recursive: true });
  const migrations = readMigrationsList();
  // The schema engine wants the file to itself even when there is nothing to do, so a CLI command
  // run while the server has the database open would wait on it and fail. Nothing pending: no engine.
  if (
    pendingMigrations(
      databaseFile,
      migrations.migrationDirectories.map((d) => d.path),
    ).length === 0
  )
    return [];
  try {
    return await withSchemaEngine(databaseFile, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrations, filters: NO_SCHEMA_FILTER });
      return appliedMigrationNames;
    });
  } catch (error) {
    throw new Error(
      `${(error as Error).message}. Applying migrations needs the database to itself: stop the server (and any sync or import) and run npm run db:migrate.`,
      { cause: error },
    );
  }
}

/** The migrations not yet recorded as applied in `_prisma_migrations` (all of them for a new file). */
export function pendingMigrations(databaseFile: string, names: string[]): string[] {
  if (!existsSync(databaseFile)) return names;
  const connection = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const table = connection.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!table) return names;
    const applied = new Set(
      connection
        .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all()
        .map((row) => (row as { migration_name: string }).migration_name),
    );
    return names.filter((name) => !applied.has(name));
  } finally {
    connection.close();
  }
}
