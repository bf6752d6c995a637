import { ConfigError, getConfig } from "../config";
import { getDatabase } from "../store/client";
import { startIngestRunner } from "../runner/ingestRunnerHost";
import { ensureInitialAdmin } from "../auth/adminAccounts";
import { announceInitialAdmin } from "../auth/announceInitialAdmin";
import { prepareAlertRules } from "../alerts/alertLoop";
import { logger, printBanner } from "../logging/logger.mjs";
import { startLogging } from "../logging/startLogging";
import { shutDown } from "./shutdown";

/**
 * What the server does once when it starts: check the configuration (a wrong value stops the
 * start with one clear line), bring the database file up to date, say which mode it is in, and
 * start the ingest runner with the background sync. scripts/serve.mjs calls the stop it leaves on
 * globalThis (Symbol.for("parsec-viewer.stop"), lib/server/shutdown.ts) at SIGTERM, so that a run
 * stops at a page boundary and frees its lease before the process ends.
 */
export async function startServer(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // Before the configuration is known, the log's defaults (JSON, info); the values of secret variables are never quoted.
      for (const problem of error.problems) logger("config").fatal(`Invalid configuration: ${problem}`);
      process.exit(2);
    }
    throw error;
  }
  startLogging({ config });
  const log = logger("server");
  const db = await getDatabase(config.databaseFile);
  log.info(`database ${config.databaseFile}`);
  announceInitialAdmin(await ensureInitialAdmin(db, config.auth.initialAdmin), { banner: printBanner, info: (line) => log.info(line) });
  await prepareAlertRules(db, config);
  if (config.demo) {
    log.warn(
      "DEMO MODE: no PARSEC_API_KEY/PARSEC_TEAM_ID set, so the events come from the built-in " +
        "simulated Parsec API on 127.0.0.1 (generated data, not your team's). Set both variables to sync your team.",
    );
  } else {
    log.info(`syncing team ${config.parsec?.teamId} from ${config.parsec?.baseUrl}`);
  }
  // The write path (the scheduled sync, the connection rebuild, what the server is asked to sync or
  // import), the rotated backups, the integrations' delivery and the alerts' loop run in the ingest runner's thread, so that this one only serves pages.
  startIngestRunner();
  const stopping = globalThis as unknown as Record<symbol, typeof shutDown>;
  stopping[Symbol.for("parsec-viewer.stop")] = shutDown;
}
