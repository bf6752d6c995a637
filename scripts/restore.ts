// npm run restore -- <file> [--force]: brings a backup back into the store (DATABASE_URL).
import { parseArgs } from "node:util";
import { restoreStore } from "@/lib/backup/backups";
import { getConfig } from "@/lib/config";
import { runCli, usage, UsageError } from "./runCli";

const USAGE = usage("restore", "<backup file> [--force]   (--force replaces a store that holds events)");

runCli("restore", async () => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ options: { force: { type: "boolean", default: false } }, strict: true, allowPositionals: true });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}. ${USAGE}`);
    }
  })();
  if (positionals.length !== 1) throw new UsageError(`name the backup file to restore. ${USAGE}`);
  const result = await restoreStore(getConfig().databaseFile, positionals[0] as string, { force: values.force });
  console.error(
    `restore: ${result.events} events restored` +
      (result.replacedEvents > 0 ? ` (replacing ${result.replacedEvents})` : "") +
      (result.migrated.length > 0 ? `; ${result.migrated.length} migrations applied to bring the backup up to this version` : ""),
  );
});
