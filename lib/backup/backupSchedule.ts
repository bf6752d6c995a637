import { mkdirSync } from "node:fs";
import { logger } from "../logging/logger.mjs";
import { takeDueBackup, type ScheduledBackupSettings } from "./backups";

/** After a failed copy (a full disk, say), the next try: soon enough to matter, rare enough not to flood the log. */
const RETRY_AFTER_FAILURE_MS = 15 * 60_000;

/**
 * Keeps rotated copies of the store in BACKUP_DIR: one when the newest there is older than the
 * interval (at start too, so a server restarted daily still gets its copies), then one per interval.
 * Returns a function that stops it.
 */
export function startBackupSchedule(databaseFile: string, settings: ScheduledBackupSettings): () => void {
  const log = logger("backup");
  mkdirSync(settings.dir, { recursive: true });
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (at: Date) => {
    if (stopped) return;
    timer = setTimeout(run, Math.max(0, at.getTime() - Date.now()));
    timer.unref();
  };
  const run = () => {
    takeDueBackup(databaseFile, settings)
      .then(({ taken, nextDue }) => {
        if (taken) log.info(`${taken.events.toLocaleString("en")} events to ${taken.file} in ${(taken.ms / 1000).toFixed(1)} s`);
        schedule(nextDue);
      })
      .catch((error: unknown) => {
        log.error(`backup to ${settings.dir} failed: ${(error as Error).message}. Trying again in 15 minutes.`);
        schedule(new Date(Date.now() + RETRY_AFTER_FAILURE_MS));
      });
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
