// npm run import -- <file> [<file> ...]: Parsec dashboard downloads (JSON array, {data: [...]}, NDJSON).
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { getSqlite } from "@/lib/store/sqlite";
import { importEventsFile } from "@/lib/ingest/importEvents";
import { progressReporter, runCli, UsageError } from "./runCli";

runCli(
  "import",
  async () => {
    const files = process.argv.slice(2);
    if (files.length === 0 || files.some((f) => f.startsWith("-"))) {
      throw new UsageError("give the files to import: npm run import -- parsec-audit-log.json");
    }
    const config = getConfig();
    const db = await getDatabase(config.databaseFile);
    const sqlite = getSqlite(config.databaseFile);
    let failed = 0;
    for (const file of files) {
      const progress = progressReporter();
      const started = Date.now();
      try {
        const summary = await importEventsFile(file, {
          db,
          sqlite,
          trigger: "cli",
          onProgress: (c) => progress.update(`import: ${file}: ${c.received.toLocaleString("en")} events read`),
        });
        progress.done();
        const seconds = Math.max(0.001, (Date.now() - started) / 1000);
        console.log(
          `import: ${file} (${summary.format}): ${summary.received} read, ${summary.inserted} new, ${summary.updated} updated, ` +
            `${summary.unchanged} already stored, ${summary.quarantined} quarantined (${Math.round(summary.received / seconds)} events/s)`,
        );
      } catch (error) {
        progress.done();
        failed += 1;
        console.error(`import: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failed ? 1 : 0;
  },
  { background: true },
);
