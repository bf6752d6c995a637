import type { Destination } from "../../integrationsFile";
import { integrationStatus } from "../../integrations/status/integrationStatus";
import type { SqliteConnection } from "../../store/sqlite";

/**
 * How far each destination of the integrations trails the stored events, read from their ledger
 * (IntegrationState and the change sequence): the "destination-lagging" sync-health condition.
 * A paused destination is left out: it waits because an admin asked it to.
 */
export interface DestinationLag {
  destination: string;
  /** Events stored (or changed) that it has not acknowledged. */
  pending: number;
  /** How long the oldest of them has waited, in whole minutes (0 when caught up). */
  behindMinutes: number;
  /** How long its attempts have failed since it last acknowledged a batch; null when it is not failing. */
  failingMinutes: number | null;
  lastError: string | null;
}

const wholeMinutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));

export function destinationLags(sqlite: SqliteConnection, destinations: readonly Destination[], now: number): DestinationLag[] {
  return integrationStatus(sqlite, destinations, now)
    .filter((status) => !status.paused)
    .map((status) => ({
      destination: status.name,
      pending: status.pending,
      behindMinutes: wholeMinutes(status.behindMs),
      failingMinutes: status.failing && status.failingSince ? wholeMinutes(now - Date.parse(status.failingSince)) : null,
      lastError: status.failing ? status.lastError : null,
    }));
}

/** Behind by `thresholdMinutes` or more, or failing for that long (a failing replay lags with nothing pending). */
export function isLagging(lag: DestinationLag, thresholdMinutes: number): boolean {
  return lag.behindMinutes >= thresholdMinutes || (lag.failingMinutes ?? 0) >= thresholdMinutes;
}
