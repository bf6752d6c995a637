// npm run connections:rebuild: stitches every connection again from the stored events and rebuilds
// the insights rollups (lib/ingest/rebuildConnections.ts). Needed once for a database whose
// events were stored before connections were kept, and after a change to the stitching rules.
// Exit code 3 while a sync is running (it holds the same lease).
import { getConfig } from "@/lib/config";
import { rebuildConnections } from "@/lib/ingest/rebuildConnections";
import { getDatabase } from "@/lib/store/client";
import { getSqlite } from "@/lib/store/sqlite";
import { progressReporter, runCli, UsageError } from "./runCli";

runCli("connections:rebuild", async () => {
  if (process.argv.length > 2) throw new UsageError("takes no arguments: npm run connections:rebuild");
  const config = getConfig();
  const db = await getDatabase(config.databaseFile);
  const sqlite = getSqlite(config.databaseFile);
  const progress = progressReporter();
  const result = await rebuildConnections({
    db,
    sqlite,
    onProgress: (p) => progress.update(`connections:rebuild: ${p.attempts.toLocaleString("en")} of ${p.totalAttempts.toLocaleString("en")} attempts`),
  });
  progress.done();
  console.error(`connections:rebuild: ${result.attempts.toLocaleString("en")} connections stitched in ${(result.ms / 1000).toFixed(1)} s`);
  await db.$disconnect();
  return 0;
});
