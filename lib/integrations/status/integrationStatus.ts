import type { Destination } from "../../integrationsFile";
import type { SqliteConnection } from "../../store/sqlite";
import { pendingAfter, readIntegrationStates } from "../../store/integrationLedger";

export interface IntegrationStatus {
  name: string;
  type: string;
  paused: boolean;
  /** Nothing left to send (besides a replay in progress). */
  caughtUp: boolean;
  /** Events stored (or changed) that the destination has not acknowledged yet. */
  pending: number;
  /** How long the oldest of them has been waiting, in ms (0 when caught up). */
  behindMs: number;
  delivered: number;
  lastDeliveryAt: string | null;
  /** The last error stays shown after the destination recovered; `failing` says whether it still is. */
  lastError: string | null;
  lastErrorAt: string | null;
  failing: boolean;
  /** While failing: since the first failed attempt after the last acknowledged batch. */
  failingSince: string | null;
  /** The last test event: when, and its error (null: it arrived). */
  lastTest: { at: string; error: string | null } | null;
  replay: { from: string; done: number; total: number } | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Where each configured destination stands: for /integrations, GET /api/sync and the health check's detail. */
export function integrationStatus(sqlite: SqliteConnection, destinations: readonly Destination[], now = Date.now()): IntegrationStatus[] {
  const states = new Map(readIntegrationStates(sqlite).map((state) => [state.name, state]));
  return destinations.map((destination) => {
    const state = states.get(destination.name);
    const deliveredSeq = state?.type === destination.type ? state.deliveredSeq : 0;
    const { count, firstStoredAt } = pendingAfter(sqlite, deliveredSeq, destination.from?.getTime() ?? Number.MIN_SAFE_INTEGER);
    const replaying = state?.replayFrom != null;
    return {
      name: destination.name,
      type: destination.type,
      paused: state?.paused ?? false,
      caughtUp: count === 0,
      pending: count,
      behindMs: firstStoredAt === null ? 0 : Math.max(0, now - firstStoredAt),
      delivered: state?.delivered ?? 0,
      lastDeliveryAt: iso(state?.lastDeliveryAt ?? null),
      lastError: state?.lastError ?? null,
      lastErrorAt: iso(state?.lastErrorAt ?? null),
      failing: state?.lastErrorAt != null && (state.lastDeliveryAt === null || state.lastErrorAt > state.lastDeliveryAt),
      failingSince: iso(state?.failingSince ?? null),
      lastTest: state?.lastTestAt != null ? { at: iso(state.lastTestAt)!, error: state.lastTestError } : null,
      replay: replaying ? { from: iso(state.replayFrom)!, done: state.replayDone, total: state.replayTotal } : null,
    };
  });
}
