import type { AppConfig } from "../config";
import { logger } from "../logging/logger.mjs";
import type { Store } from "../store/store";
import { viewerAuditDetail } from "../auth/viewerAuditSentence";
import { deletedAnything, retentionFacts, runRetention, type RetentionPolicy } from "./runRetention";

/** The policy's period: expiry is counted in days, so an hour late deletes nothing that matters. */
export const RETENTION_INTERVAL_MS = 3_600_000;
/** The first run waits this long after the start, so that it does not compete with the first sync's start. */
const FIRST_RUN_DELAY_MS = 60_000;

export interface RetentionSchedule {
  /** Stops the timer, and the run in progress at its next batch (what it committed stays). */
  stop(): Promise<void>;
}

/** Runs the retention policy in the ingest runner (lib/runner/runnerTasks.ts): shortly after the start, then every hour. */
export function startRetentionSchedule(store: Store, policy: RetentionPolicy, destinations: AppConfig["integrations"]["destinations"]): RetentionSchedule {
  const log = logger("retention");
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = (delayMs: number) => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(run, delayMs);
    timer.unref();
  };
  const run = () => {
    running = runRetention(store, policy, { destinations, signal: stopping.signal })
      .then((result) => {
        if (result.error && !stopping.signal.aborted) log.warn(`retention stopped early: ${result.error}`);
        else if (deletedAnything(result)) log.info(`retention: ${viewerAuditDetail(retentionFacts(result, policy))}`);
      })
      .catch((error: unknown) => log.error(`retention failed: ${(error as Error).message}`))
      .finally(() => schedule(RETENTION_INTERVAL_MS));
  };
  schedule(FIRST_RUN_DELAY_MS);
  return {
    async stop() {
      stopping.abort(new Error("The server is stopping; the next run carries on where this one stopped."));
      clearTimeout(timer);
      await running;
    },
  };
}
