import type { Destination } from "../../integrationsFile";
import type { SqliteConnection } from "../../store/sqlite";
import {
  commitIntegrationBatch,
  commitIntegrationReplay,
  endIntegrationReplay,
  planIntegrationBatch,
  readChangesAfter,
  IntegrationLeaseLostError,
  readIntegrationState,
  readReplayBatch,
  recordIntegrationError,
} from "../../store/integrationLedger";
import type { Sender } from "../destinations/sender";
import { acquireDeliveryLease, type DeliveryLease } from "./deliveryLease";
import { toDeliveryEvents, type DeliveryEvent } from "./deliveryEvent";
import { DEFAULT_RETRY_DELAYS_MS, withRetries } from "./retry";

export interface DeliveryOptions {
  /** Waits between attempts at one batch (the tests shorten them). */
  retryDelaysMs?: readonly number[];
  signal?: AbortSignal;
  /** How long the delivery lease lasts unless renewed (the tests shorten it). */
  leaseTtlMs?: number;
}

export interface DestinationReport {
  name: string;
  /**
   * "caught-up": nothing left to send; "failed": a batch failed every attempt and waits for the next
   * round; "held": another process delivers this destination (or took it over during the round).
   */
  status: "caught-up" | "failed" | "paused" | "stopped" | "held";
  delivered: number;
  error: string | null;
  /** With "held": the lease's holder ("<hostname>:<pid>...:<random>"). */
  heldBy?: string;
}

/**
 * One round for one destination, under its delivery lease (or none, when another process holds
 * it): batches in change order from its cursor until nothing is pending, each committed only after
 * the destination acknowledged it; then the replay asked for, if any. A batch that fails every
 * attempt ends the round with the error recorded; the cursor stays, so the next round sends the
 * same batch again. Nothing is skipped.
 */
export async function deliverDestination(
  sqlite: SqliteConnection,
  destination: Destination,
  sender: Sender,
  options: DeliveryOptions = {},
): Promise<DestinationReport> {
  const report: DestinationReport = { name: destination.name, status: "caught-up", delivered: 0, error: null };
  const outcome = await acquireDeliveryLease(sqlite, destination.name, options.leaseTtlMs);
  if ("heldBy" in outcome) return { ...report, status: "held", heldBy: outcome.heldBy.holder };
  const { lease } = outcome;
  try {
    return await deliverUnderLease(sqlite, destination, sender, lease, report, options);
  } catch (error) {
    if (!(error instanceof IntegrationLeaseLostError)) throw error;
    return { ...report, status: "held", heldBy: readIntegrationState(sqlite, destination.name)?.leaseHolder ?? "another process" };
  } finally {
    await lease.release();
  }
}

/**
 * The next batch after the cursor: the rows up to the one planned by a round that did not finish
 * it (a crash), sent again exactly, else up to `batchSize` more; null when nothing is pending.
 * Events before the destination's `from` are passed over, never sent. The store's rows are left
 * here: only the delivery events are held while the batch is sent.
 */
function nextBatch(
  sqlite: SqliteConnection,
  state: { deliveredSeq: number; batchUntilSeq: number | null },
  batchSize: number,
  fromMs: number,
): { until: number; events: DeliveryEvent[] } | null {
  const planned = state.batchUntilSeq;
  const rows = readChangesAfter(sqlite, state.deliveredSeq, planned ?? Number.MAX_SAFE_INTEGER, batchSize);
  if (rows.length === 0 && planned === null) return null;
  return {
    until: planned ?? rows[rows.length - 1]!.changeSeq,
    events: toDeliveryEvents(
      rows.filter((row) => row.occurredAt >= fromMs),
      state.deliveredSeq,
    ),
  };
}

async function deliverUnderLease(
  sqlite: SqliteConnection,
  destination: Destination,
  sender: Sender,
  lease: DeliveryLease,
  report: DestinationReport,
  options: DeliveryOptions,
): Promise<DestinationReport> {
  const { name } = destination;
  const { holder } = lease;
  const fromMs = destination.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  // A lease lost mid-batch stops its sending too: the new holder sends that batch again.
  const signal = options.signal ? AbortSignal.any([options.signal, lease.lost]) : lease.lost;
  const send = async (events: DeliveryEvent[]) => {
    const error = await withRetries(() => sender.send(events, signal), options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS, signal);
    if (lease.lost.aborted) throw new IntegrationLeaseLostError(name);
    if (error) {
      // Stopped by a shutdown: the batch is sent again at the next start, which is no error of the destination's.
      if (options.signal?.aborted) return { ...report, status: "stopped", error: error.message } as const;
      await recordIntegrationError(sqlite, name, holder, error.message);
      return { ...report, status: "failed", error: error.message } as const;
    }
    return null;
  };

  for (;;) {
    const state = readIntegrationState(sqlite, name);
    if (!state) throw new Error(`integration ${name} has no state: ensureIntegrationStates first`);
    if (state.paused) return { ...report, status: "paused" };
    if (options.signal?.aborted) return { ...report, status: "stopped" };
    const batch = nextBatch(sqlite, state, destination.batchSize, fromMs);
    if (!batch) break;
    const { until, events } = batch;
    if (state.batchUntilSeq === null) await planIntegrationBatch(sqlite, name, holder, until);
    if (events.length > 0) {
      const failed = await send(events);
      if (failed) return failed;
    }
    await commitIntegrationBatch(sqlite, name, holder, until, events.length);
    report.delivered += events.length;
  }

  for (;;) {
    const state = readIntegrationState(sqlite, name);
    if (!state || state.replayFrom === null) break;
    if (state.paused) return { ...report, status: "paused" };
    if (options.signal?.aborted) return { ...report, status: "stopped" };
    const rows = readReplayBatch(sqlite, state, destination.batchSize);
    if (rows.length === 0) {
      await endIntegrationReplay(sqlite, name, holder);
      break;
    }
    // A replay re-sends the current version of each event, not a change.
    const events = toDeliveryEvents(rows, -1);
    const failed = await send(events);
    if (failed) return failed;
    const last = rows[rows.length - 1]!;
    await commitIntegrationReplay(sqlite, name, holder, last, events.length);
    report.delivered += events.length;
  }
  return report;
}
