import { isLeaseAbandoned, newLeaseHolder, thisProcessHolderPrefix } from "../../leases/leaseHolder";
import type { SqliteConnection } from "../../store/sqlite";
import {
  releaseIntegrationLease,
  releaseIntegrationLeasesOf,
  renewIntegrationLease,
  takeIntegrationLease,
  type IntegrationLease,
} from "../../store/integrationLedger";

/** How long a delivery lease lasts unless renewed: a holder on another host that died is taken over after this. */
export const DELIVERY_LEASE_TTL_MS = 60_000;

export interface DeliveryLease {
  readonly holder: string;
  /** Aborted when another process took the lease over (this one stalled past its expiry): stop delivering. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export type DeliveryLeaseOutcome = { lease: DeliveryLease } | { heldBy: IntegrationLease };

/**
 * The lease that lets one process at a time deliver a destination, across the server and `npm run
 * forward`: two deliverers of one destination would send every batch twice and race on its cursor.
 * Like the sync's lease (lib/ingest/syncLock.ts): renewed while the round runs, freed at its end,
 * taken over at once when its holder on this host is no longer running, and after it expires when
 * the holder is elsewhere. A destination held by another process is left to it.
 */
export async function acquireDeliveryLease(sqlite: SqliteConnection, destination: string, ttlMs = DELIVERY_LEASE_TTL_MS): Promise<DeliveryLeaseOutcome> {
  const holder = newLeaseHolder();
  const outcome = await takeIntegrationLease(sqlite, destination, holder, Date.now() + ttlMs, (lease) => isLeaseAbandoned(lease, Date.now()));
  if (!outcome.taken) return { heldBy: outcome.lease };

  const lost = new AbortController();
  const heartbeat = setInterval(
    () => {
      renewIntegrationLease(sqlite, destination, holder, Date.now() + ttlMs)
        .then((held) => {
          if (!held) lost.abort(new Error(`integration ${destination}: another process took over its delivery`));
        })
        .catch(() => undefined); // a missed beat is retried by the next one, well before the lease runs out
    },
    Math.max(250, Math.floor(ttlMs / 4)),
  );
  heartbeat.unref();
  return {
    lease: {
      holder,
      lost: lost.signal,
      async release() {
        clearInterval(heartbeat);
        await releaseIntegrationLease(sqlite, destination, holder);
      },
    },
  };
}

/**
 * Frees the delivery leases of this process: the server's ingest runner that died mid-round leaves
 * them under the server's own pid, which runs on. Only the runner that replaces it calls this.
 */
export function releaseDeliveryLeasesOfThisProcess(sqlite: SqliteConnection): Promise<number> {
  return releaseIntegrationLeasesOf(sqlite, thisProcessHolderPrefix());
}
