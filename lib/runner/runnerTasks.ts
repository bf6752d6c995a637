import { startAlertLoop, stopAlertLoop } from "../alerts/alertLoop";
import { startBackupSchedule } from "../backup/backupSchedule";
import { getConfig } from "../config";
import { logger } from "../logging/logger.mjs";
import { startDeliveryScheduler, type DeliveryScheduler } from "../integrations/delivery/deliveryScheduler";
import { injectDemoScenario, stopDemoParsecApi } from "../demo/demoParsecApi";
import { importEventsFile } from "../ingest/importEvents";
import { connectionsNeedRebuild, rebuildConnections } from "../ingest/rebuildConnections";
import { startRetentionSchedule, type RetentionSchedule } from "../retention/retentionSchedule";
import { getStore } from "../store/store";
import { runConfiguredSync } from "../sync/runConfiguredSync";
import { startSyncScheduler, stopSyncScheduler } from "../sync/syncScheduler";
import { toWireError, type RunnerReply, type RunnerRequest } from "./runnerProtocol";

export interface RunnerTasks {
  /** What the server runs in the background: the stitching of an old database once, then the scheduler. */
  startServices(): Promise<void>;
  /** Does one request, answering through `reply`: "started" (a sync), then "done" or "failed". */
  handle(request: RunnerRequest, reply: (message: RunnerReply) => void): void;
  /** Runs in progress stop at their next page (what they committed stays) and are awaited. */
  stop(): Promise<void>;
}

/**
 * The write path's work as the ingest runner does it, in whichever thread hosts it (the runner's
 * worker thread, or the main thread when INGEST_RUNNER=main-thread): the scheduled sync, the
 * syncs and imports the server asks for, the connection rebuild at start and the rotated backups
 * (whose one-step copy would otherwise hold up the pages) and the integrations' delivery (which
 * reads its batches synchronously from the store), the alerts' sync-health and outbox loop, and the
 * retention policy (whose deletions go through this thread's writer connection, between the pages).
 */
export function createRunnerTasks(): RunnerTasks {
  const log = logger("runner");
  const stopping = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const startScheduler = () => {
    if (stopping.signal.aborted) return;
    const { intervalMs } = getConfig().sync;
    if (intervalMs > 0) startSyncScheduler(intervalMs);
    else log.info("background sync is off (SYNC_INTERVAL_SECONDS=0); use POST /api/sync or npm run sync");
  };

  let stopBackups: (() => void) | undefined;
  let delivery: DeliveryScheduler | undefined;
  let retention: RetentionSchedule | undefined;
  return {
    async startServices() {
      const config = getConfig();
      if (config.backup) {
        log.info(`backups: a copy every ${config.backup.intervalMs / 3_600_000} h in ${config.backup.dir}, the newest ${config.backup.keep} kept`);
        stopBackups = startBackupSchedule(config.databaseFile, config.backup);
      }
      const store = await getStore();
      // Forwarding to the integrations: after each sync or import (requestDelivery, called by the
      // write path in this thread) and on a timer.
      const { destinations, intervalMs } = config.integrations;
      if (destinations.length > 0) delivery = startDeliveryScheduler(store.sqlite, destinations, intervalMs);
      // The retention policy, in small batches between the sync's pages (it shares this thread's connection).
      if (config.retention) {
        log.info(
          `retention: events older than ${config.retention.eventDays} days are deleted${config.retention.ignoreUndelivered || destinations.length === 0 ? "" : " once every destination has them"}`,
        );
        retention = startRetentionSchedule(store, config.retention, destinations);
      }
      // Sync-health rules and the alerts' outbox, on a timer (and after each sync run).
      startAlertLoop(store);
      if (!connectionsNeedRebuild(store.sqlite)) return startScheduler();
      // A database from before connections (or their hourly rollups) were kept: stitch them once,
      // and only then sync (the rebuild holds the sync's lease).
      log.info("stitching connections and their rollups from the stored events (once, after an upgrade)...");
      const rebuild = rebuildConnections(store)
        .then((result) => log.info(`${result.attempts.toLocaleString("en")} connections stitched in ${(result.ms / 1000).toFixed(1)} s`))
        .catch((error: unknown) => log.error(`stitching connections failed: ${(error as Error).message}. Run npm run connections:rebuild.`))
        .finally(startScheduler);
      track(rebuild);
    },

    handle(request, reply) {
      const work =
        request.type === "sync"
          ? runConfiguredSync({
              trigger: request.trigger,
              full: request.full,
              signal: stopping.signal,
              liveDemo: true,
              onStarted: (runId) => reply({ type: "started", id: request.id, runId }),
            })
          : request.type === "scenario"
            ? injectDemoScenario(request.request)
            : getStore().then((store) => importEventsFile(request.file, { ...store, trigger: "manual" }));
      track(
        work.then(
          (result) => reply({ type: "done", id: request.id, result }),
          (error: unknown) => reply({ type: "failed", id: request.id, error: toWireError(error) }),
        ),
      );
    },

    async stop() {
      stopping.abort(new Error("The server is stopping; the next run resumes from the last committed page."));
      stopBackups?.();
      await delivery?.stop();
      await retention?.stop();
      await stopAlertLoop();
      await stopSyncScheduler();
      await Promise.allSettled(inFlight);
      await stopDemoParsecApi();
    },
  };
}
