// Writes the next migration for the changes in prisma/schema.prisma, as
// `prisma migrate diff --from-migrations --to-schema` would, without Prisma's native engine.
// Usage: npm run db:new-migration -- <name>
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tmpdir } from "node:os";
import { z } from "zod";
import { MIGRATIONS_DIR, NO_SCHEMA_FILTER, readMigrationsList, schemaDatamodel, withSchemaEngine } from "@/lib/store/schemaEngine";

const name = z
  .string({ message: "give the migration a name: npm run db:new-migration -- add_user_table" })
  .regex(/^[a-z0-9_]+$/, { message: "a migration name uses lower-case letters, digits and _" })
  .safeParse(process.argv[2]);
if (!name.success) {
  console.error(`db:new-migration: ${name.error.issues[0]?.message}`);
  process.exit(2);
}

const existing = readMigrationsList();
const scratch = path.join(tmpdir(), `parsec-viewer-diff-${process.pid}.db`);
const sql = await withSchemaEngine(scratch, async (engine) => {
  const result = await engine.diff({
    from: existing.migrationDirectories.length ? { tag: "migrations", ...existing } : { tag: "empty" },
    to: schemaDatamodel(),
    script: true,
    exitCode: null,
    filters: NO_SCHEMA_FILTER,
  });
  return result.stdout ?? "";
});

if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b/i.test(sql)) {
  console.log("The schema matches the migrations: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name.data}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
