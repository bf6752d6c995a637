import { getConfig, type AppConfig } from "../config";
import { logger } from "../logging/logger.mjs";
import type { Db } from "../store/client";
import type { Store } from "../store/store";
import { ensureBuiltInRules, provisionAlerts } from "./catalog/alertCatalog";
import { deliverDueAlerts, type DeliveryContext, type DeliveryOutcome } from "./delivery/deliverDueAlerts";
import { evaluateSyncHealth } from "./evaluation/syncHealth";

/**
 * The alerts' moving parts outside the write path: the built-in and provisioned rules at start,
 * and a loop that evaluates the sync-health rules and sends the outbox, every TICK_MS and at once
 * after each sync run.
 */

const TICK_MS = 15_000;

export function deliveryContext(config: AppConfig = getConfig()): DeliveryContext {
  return { viewerUrl: config.viewerUrl, secrets: config.alerts.secrets, smtp: config.alerts.smtp };
}

/** Adds missing built-in rules and replaces the provisioned ones with ALERT_RULES_FILE's. */
export async function prepareAlertRules(db: Db, config: AppConfig = getConfig()): Promise<void> {
  await ensureBuiltInRules(db);
  if (config.alerts.provisioning) await provisionAlerts(db, config.alerts.provisioning);
}

let running: Promise<DeliveryOutcome | null> | null = null;

/**
 * Sync-health, then the outbox; one pass at a time in a process (a call during a pass waits for
 * it). Failures are logged, never thrown: alerting must not stop the sync that calls it.
 */
export function runAlertPass(store: Store): Promise<DeliveryOutcome | null> {
  running ??= (async () => {
    try {
      await evaluateSyncHealth(store);
      return await deliverDueAlerts(store.db, deliveryContext());
    } catch (error) {
      logger("alerts").error((error as Error).message);
      return null;
    } finally {
      running = null;
    }
  })();
  return running;
}

const globalForLoop = globalThis as unknown as { parsecViewerAlertLoop?: NodeJS.Timeout };

export function startAlertLoop(store: Store): void {
  if (globalForLoop.parsecViewerAlertLoop) return;
  const timer = setInterval(() => void runAlertPass(store), TICK_MS);
  timer.unref();
  globalForLoop.parsecViewerAlertLoop = timer;
}

/** Stops the loop and waits for a pass under way: for the runner's graceful stop. */
export async function stopAlertLoop(): Promise<void> {
  clearInterval(globalForLoop.parsecViewerAlertLoop);
  globalForLoop.parsecViewerAlertLoop = undefined;
  await running;
}
