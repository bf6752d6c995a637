import { describeProgress } from "./describeProgress";
import { runConfiguredSync } from "./runConfiguredSync";
import { SyncAlreadyRunningError } from "../ingest/syncLock";
import { getStore } from "../store/store";
import { saveNextScheduledRun } from "./syncSchedule";
import { logger } from "../logging/logger.mjs";

const globalForScheduler = globalThis as unknown as { parsecViewerScheduler?: { stop(): Promise<void> } };

/**
 * Runs the sync when the server starts and then every `intervalMs` after the previous run ended
 * (a long backfill never overlaps the next tick). One scheduler per thread, even under hot reload:
 * the server's runs in its ingest runner (lib/runner).
 */
export function startSyncScheduler(intervalMs: number): void {
  if (globalForScheduler.parsecViewerScheduler) return;
  const log = logger("sync");
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let lastLoggedAt = 0;
  let running: Promise<void> = Promise.resolve();
  // The overview reads when the next run is due from the store (it is served by another thread).
  const recordNext = (at: Date | null) =>
    getStore()
      .then(({ db }) => saveNextScheduledRun(db, at))
      .catch((error: unknown) => log.warn(`could not record the next run's time: ${error instanceof Error ? error.message : String(error)}`));

  const tick = async (trigger: "startup" | "schedule") => {
    try {
      const result = await runConfiguredSync({
        trigger,
        signal: stopping.signal,
        liveDemo: true,
        onProgress: (progress) => {
          // A backfill can take hours: a line a minute says how it is going without flooding the log.
          if (Date.now() - lastLoggedAt > 60_000) {
            lastLoggedAt = Date.now();
            log.info(describeProgress(progress));
          }
        },
      });
      log.info(
        {
          runId: result.runId,
          pages: result.pages,
          received: result.received,
          inserted: result.inserted,
          updated: result.updated,
          quarantined: result.quarantined,
        },
        `run ${result.runId} done (${result.passes.join(" + ")}): ${result.pages} pages, ` +
          `${result.received} events fetched, ${result.inserted} new, ${result.updated} updated, ${result.quarantined} quarantined`,
      );
    } catch (error) {
      if (error instanceof SyncAlreadyRunningError) log.info(`skipped: ${error.message}`);
      else log.error(`failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (!stopping.signal.aborted && intervalMs > 0) {
        timer = setTimeout(() => (running = tick("schedule")), intervalMs);
        timer.unref();
        await recordNext(new Date(Date.now() + intervalMs));
      }
    }
  };

  globalForScheduler.parsecViewerScheduler = {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      globalForScheduler.parsecViewerScheduler = undefined;
      await running;
      await recordNext(null);
    },
  };
  running = tick("startup");
}

/** Stops the scheduler: a run in progress stops at its next page (what it committed stays) and is awaited. */
export async function stopSyncScheduler(): Promise<void> {
  await globalForScheduler.parsecViewerScheduler?.stop();
}
