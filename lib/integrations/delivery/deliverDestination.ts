import type { Destination } from "../../integrationsFile";
import type { SqliteConnection } from "../../store/sqlite";
import {
  commitIntegrationBatch,
  commitIntegrationReplay,
  endIntegrationReplay,
  planIntegrationBatch,
  readChangesAfter,
  readIntegrationState,
  readReplayBatch,
  recordIntegrationError,
} from "../../store/integrationLedger";
import type { Sender } from "../destinations/sender";
import { toDeliveryEvents, type DeliveryEvent } from "./deliveryEvent";
import { DEFAULT_RETRY_DELAYS_MS, withRetries } from "./retry";

export interface DeliveryOptions {
  /** Waits between attempts at one batch (the tests shorten them). */
  retryDelaysMs?: readonly number[];
  signal?: AbortSignal;
}

export interface DestinationReport {
  name: string;
  /** "caught-up": nothing left to send; "failed": a batch failed every attempt and waits for the next round. */
  status: "caught-up" | "failed" | "paused" | "stopped";
  delivered: number;
  error: string | null;
}

/**
 * One round for one destination: batches in change order from its cursor until nothing is
 * pending, each committed only after the destination acknowledged it; then the replay asked for,
 * if any. A batch that fails every attempt ends the round with the error recorded; the cursor
 * stays, so the next round sends the same batch again. Nothing is skipped.
 */
export async function deliverDestination(
  sqlite: SqliteConnection,
  destination: Destination,
  sender: Sender,
  options: DeliveryOptions = {},
): Promise<DestinationReport> {
  const { name } = destination;
  const fromMs = destination.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const report: DestinationReport = { name, status: "caught-up", delivered: 0, error: null };
  const send = async (events: DeliveryEvent[]) => {
    const error = await withRetries(
      () => sender.send(events, options.signal ?? new AbortController().signal),
      options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      options.signal,
    );
    if (error) {
      // Stopped by a shutdown: the batch is sent again at the next start, which is no error of the destination's.
      if (options.signal?.aborted) return { ...report, status: "stopped", error: error.message } as const;
      await recordIntegrationError(sqlite, name, error.message);
      return { ...report, status: "failed", error: error.message } as const;
    }
    return null;
  };

  for (;;) {
    const state = readIntegrationState(sqlite, name);
    if (!state) throw new Error(`integration ${name} has no state: ensureIntegrationStates first`);
    if (state.paused) return { ...report, status: "paused" };
    if (options.signal?.aborted) return { ...report, status: "stopped" };
    // A batch planned by a round that did not finish it (a crash) is sent again exactly.
    const planned = state.batchUntilSeq;
    const rows = readChangesAfter(sqlite, state.deliveredSeq, planned ?? Number.MAX_SAFE_INTEGER, destination.batchSize);
    if (rows.length === 0 && planned === null) break;
    const until = planned ?? rows[rows.length - 1]!.changeSeq;
    if (planned === null) await planIntegrationBatch(sqlite, name, until);
    // Events before the destination's `from` are passed over, never sent.
    const events = toDeliveryEvents(
      rows.filter((row) => row.occurredAt >= fromMs),
      state.deliveredSeq,
    );
    if (events.length > 0) {
      const failed = await send(events);
      if (failed) return failed;
    }
    await commitIntegrationBatch(sqlite, name, until, events.length);
    report.delivered += events.length;
  }

  for (;;) {
    const state = readIntegrationState(sqlite, name);
    if (!state || state.replayFrom === null) break;
    if (state.paused) return { ...report, status: "paused" };
    if (options.signal?.aborted) return { ...report, status: "stopped" };
    const rows = readReplayBatch(sqlite, state, destination.batchSize);
    if (rows.length === 0) {
      await endIntegrationReplay(sqlite, name);
      break;
    }
    // A replay re-sends the current version of each event, not a change.
    const events = toDeliveryEvents(rows, -1);
    const failed = await send(events);
    if (failed) return failed;
    const last = rows[rows.length - 1]!;
    await commitIntegrationReplay(sqlite, name, last, events.length);
    report.delivered += events.length;
  }
  return report;
}
