import type { Destination } from "../../integrationsFile";
import { logger } from "../../logging/logger.mjs";
import type { SqliteConnection } from "../../store/sqlite";
import { ensureIntegrationStates } from "../../store/integrationLedger";
import { createSender } from "../destinations/createSender";
import type { Sender } from "../destinations/sender";
import { deliverDestination, type DeliveryOptions } from "./deliverDestination";
import { setDeliveryTrigger } from "./deliveryTrigger";

export interface DeliveryScheduler {
  /** Starts a round for every destination not in one; one in a round goes again when it ends. */
  trigger(): void;
  stop(): Promise<void>;
}

/**
 * The server's delivery: a round per destination after each sync or import (requestDelivery) and
 * every `intervalMs`. Each destination has its own loop, so one that is down or slow delays only
 * itself; a round that fails leaves its error recorded and is tried again at the next trigger.
 */
export function startDeliveryScheduler(
  sqlite: SqliteConnection,
  destinations: readonly Destination[],
  intervalMs: number,
  options: DeliveryOptions = {},
): DeliveryScheduler {
  const log = logger("integrations");
  const stopping = new AbortController();
  const loops = destinations.map((destination) => ({ destination, sender: null as Sender | null, running: null as Promise<void> | null, again: false }));
  const ready = ensureIntegrationStates(sqlite, destinations);
  const lastErrors = new Map<string, string | null>();

  const runLoop = (loop: (typeof loops)[number]) => {
    loop.running = (async () => {
      await ready;
      do {
        loop.again = false;
        loop.sender ??= createSender(loop.destination);
        const report = await deliverDestination(sqlite, loop.destination, loop.sender, { ...options, signal: stopping.signal }).catch((error: unknown) => ({
          status: "failed" as const,
          error: (error as Error).message,
          delivered: 0,
        }));
        // Say when a destination starts or stops failing, not at every round.
        const error = report.status === "failed" ? report.error : null;
        if (error !== (lastErrors.get(loop.destination.name) ?? null)) {
          if (error) log.warn({ destination: loop.destination.name }, `integration ${loop.destination.name}: delivery failed, trying again later: ${error}`);
          else log.info({ destination: loop.destination.name }, `integration ${loop.destination.name}: delivering again`);
        }
        lastErrors.set(loop.destination.name, error);
      } while (loop.again && !stopping.signal.aborted);
    })().finally(() => {
      loop.running = null;
    });
  };

  const trigger = () => {
    if (stopping.signal.aborted) return;
    for (const loop of loops) {
      if (loop.running) loop.again = true;
      else runLoop(loop);
    }
  };
  const timer = intervalMs > 0 ? setInterval(trigger, intervalMs) : null;
  timer?.unref();
  setDeliveryTrigger(trigger);
  trigger();
  return {
    trigger,
    async stop() {
      stopping.abort();
      if (timer) clearInterval(timer);
      setDeliveryTrigger(null);
      await Promise.all(loops.map((loop) => loop.running));
      await Promise.all(loops.map((loop) => loop.sender?.close().catch(() => undefined)));
    },
  };
}
