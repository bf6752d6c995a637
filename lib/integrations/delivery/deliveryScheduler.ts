import type { Destination } from "../../integrationsFile";
import { logger } from "../../logging/logger.mjs";
import type { SqliteConnection } from "../../store/sqlite";
import { ensureIntegrationStates } from "../../store/integrationLedger";
import { createSender } from "../destinations/createSender";
import type { Sender } from "../destinations/sender";
import { deliverDestination, type DeliveryOptions, type DestinationReport } from "./deliverDestination";
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
  // What was last said about each destination: its error, or that another process delivers it.
  const lastSaid = new Map<string, string | null>();

  const runLoop = (loop: (typeof loops)[number]) => {
    loop.running = (async () => {
      await ready;
      do {
        loop.again = false;
        loop.sender ??= createSender(loop.destination);
        const report: Pick<DestinationReport, "status" | "error" | "heldBy"> = await deliverDestination(sqlite, loop.destination, loop.sender, {
          ...options,
          signal: stopping.signal,
        }).catch((error: unknown) => ({ status: "failed" as const, error: (error as Error).message }));
        // Say when a destination starts or stops failing or being delivered by another process, not at
        // every round (each round of the other process takes a lease of a new name).
        const { name } = loop.destination;
        const said = report.status === "failed" ? `failed: ${report.error}` : report.status === "held" ? "held" : null;
        if (said !== (lastSaid.get(name) ?? null)) {
          if (report.status === "failed") log.warn({ destination: name }, `integration ${name}: delivery failed, trying again later: ${report.error}`);
          else if (report.status === "held")
            log.info(
              { destination: name, heldBy: report.heldBy },
              `integration ${name}: skipped, another process delivers it (its lease is held by ${report.heldBy}); trying again later`,
            );
          else log.info({ destination: name }, `integration ${name}: delivering again`);
        }
        lastSaid.set(name, said);
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
