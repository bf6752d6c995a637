import { mkdirSync } from "node:fs";
import path from "node:path";
import { NO_SCHEMA_FILTER, readMigrationsList, withSchemaEngine } from "./schemaEngine";

/**
 * Brings a fresh or older database file up to date: applies the pending migrations of
 * prisma/migrations and returns their names (none when it was already current).
 */
export async function migrateDatabase(databaseFile: string): Promise<string[]> {
  mkdirSync(path.dirname(databaseFile), { recursive: true });
  return withSchemaEngine(databaseFile, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationsList(),
      filters: NO_SCHEMA_FILTER,
    });
    return appliedMigrationNames;
  });
}
