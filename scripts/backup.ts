// npm run backup -- <file> [--force]: a consistent copy of the store, taken while the server and a sync run.
import { parseArgs } from "node:util";
import { backupStore } from "@/lib/backup/backups";
import { getConfig } from "@/lib/config";
import { runCli, usage, UsageError } from "./runCli";

const USAGE = usage("backup", "<file> [--force]   (--force replaces an existing file)");

runCli("backup", async () => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ options: { force: { type: "boolean", default: false } }, strict: true, allowPositionals: true });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}. ${USAGE}`);
    }
  })();
  if (positionals.length !== 1) throw new UsageError(`name one file to write the backup to. ${USAGE}`);
  const result = await backupStore(getConfig().databaseFile, positionals[0] as string, { overwrite: values.force });
  console.error(`backup: ${result.events} events (${(result.bytes / 1024 / 1024).toFixed(1)} MB) to ${result.file} in ${(result.ms / 1000).toFixed(1)} s`);
});
