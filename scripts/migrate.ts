// npm run db:migrate: apply pending migrations to the configured database file, offline.
import { getConfig } from "@/lib/config";
import { migrateDatabase } from "@/lib/store/migrate";
import { runCli } from "./runCli";

runCli("db:migrate", async () => {
  const { databaseFile } = getConfig();
  const applied = await migrateDatabase(databaseFile);
  console.log(applied.length ? `db:migrate: applied ${applied.join(", ")} to ${databaseFile}` : `db:migrate: ${databaseFile} is up to date`);
});
