import { ConfigError, getConfig } from "../config";
import { getDatabase } from "../store/client";
import { startSyncScheduler } from "../sync/syncScheduler";
import { connectionsNeedRebuild, rebuildConnections } from "../ingest/rebuildConnections";
import { getSqlite } from "../store/sqlite";
import { ensureInitialAdmin } from "../auth/adminAccounts";
import { announceInitialAdmin } from "../auth/announceInitialAdmin";
import { prepareAlertRules, startAlertLoop } from "../alerts/alertLoop";

/**
 * What the server does once when it starts: check the configuration (a wrong value stops the
 * start with one clear line), bring the database file up to date, say which mode it is in, and
 * start the background sync.
 */
export async function startServer(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const db = await getDatabase(config.databaseFile);
  console.log(`[parsec-viewer] database ${config.databaseFile}`);
  announceInitialAdmin(await ensureInitialAdmin(db, config.auth.initialAdmin), (line) => console.log(line));
  await prepareAlertRules(db, config);
  startAlertLoop(db);
  if (config.demo) {
    console.log(
      "[parsec-viewer] DEMO MODE: no PARSEC_API_KEY/PARSEC_TEAM_ID set, so the events come from the built-in " +
        "simulated Parsec API on 127.0.0.1 (generated data, not your team's). Set both variables to sync your team.",
    );
  } else {
    console.log(`[parsec-viewer] syncing team ${config.parsec?.teamId} from ${config.parsec?.baseUrl}`);
  }
  const startSync = () => {
    if (config.sync.intervalMs > 0) startSyncScheduler(config.sync.intervalMs);
    else console.log("[parsec-viewer] background sync is off (SYNC_INTERVAL_SECONDS=0); use POST /api/sync or npm run sync");
  };
  const sqlite = getSqlite(config.databaseFile);
  if (!connectionsNeedRebuild(sqlite)) return startSync();
  // A database from before connections were kept: stitch them once, in the background so that the
  // pages answer meanwhile, and only then sync (the rebuild holds the sync's lease).
  console.log("[parsec-viewer] stitching connections from the events stored before connections were kept (once)...");
  rebuildConnections({ db, sqlite })
    .then((result) => console.log(`[parsec-viewer] ${result.attempts.toLocaleString("en")} connections stitched in ${(result.ms / 1000).toFixed(1)} s`))
    .catch((error: unknown) => console.error(`[parsec-viewer] stitching connections failed: ${(error as Error).message}. Run npm run connections:rebuild.`))
    .finally(startSync);
}
