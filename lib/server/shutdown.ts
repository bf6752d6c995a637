import { getConfig } from "../config";
import { releaseLeasesOfThisProcess } from "../ingest/syncLock";
import { logger } from "../logging/logger.mjs";
import { stopIngestRunner } from "../runner/ingestRunnerHost";
import { getDatabase } from "../store/client";

/** Time kept back from SHUTDOWN_TIMEOUT_SECONDS for what follows the runner's stop (the lease, the last lines). */
const AFTER_RUNNER_MS = 2_000;

/**
 * The server's graceful stop, at SIGTERM or SIGINT (scripts/serve.mjs calls it with its HTTP
 * server's close): no new requests, those under way answered, the running sync stops once its
 * current page is committed, the lease is freed, then exit 0. Whatever is not done within
 * SHUTDOWN_TIMEOUT_SECONDS is left: a line says so and the process exits 1 (a page cut short is
 * not committed; the next start resumes at the last committed one).
 */
export async function shutDown(signal: string, closeHttp: () => Promise<void>): Promise<never> {
  const { shutdownTimeoutMs, databaseFile } = getConfig();
  const log = logger("server");
  log.info(`${signal}: stopping (no new requests; the running sync stops after its current page), within ${shutdownTimeoutMs / 1000} s`);
  const forced = setTimeout(() => {
    log.error(
      `${signal}: not stopped within SHUTDOWN_TIMEOUT_SECONDS (${shutdownTimeoutMs / 1000} s): exiting now; the next start resumes from the last committed page`,
    );
    process.exit(1);
  }, shutdownTimeoutMs);
  forced.unref();
  const [http, runner] = await Promise.allSettled([
    closeHttp(),
    (async () => {
      await stopIngestRunner(Math.max(shutdownTimeoutMs - AFTER_RUNNER_MS, 1_000));
      // The runner frees its own lease; one it could not (its thread ended at the deadline) names
      // this process, and nothing of this process writes any more.
      const freed = await releaseLeasesOfThisProcess(await getDatabase(databaseFile));
      if (freed > 0) log.warn("freed the sync lease the ingest runner left");
    })(),
  ]);
  const failed = [http, runner].filter((outcome) => outcome.status === "rejected");
  for (const outcome of failed) log.error({ err: outcome.reason }, `${signal}: a part of the stop failed`);
  log.info(`${signal}: stopped`);
  process.exit(failed.length > 0 ? 1 : 0);
}
