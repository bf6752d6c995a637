import type { Destination } from "../../integrationsFile";
import type { SqliteConnection } from "../../store/sqlite";
import { ensureIntegrationStates } from "../../store/integrationLedger";
import { createSender } from "../destinations/createSender";
import type { Sender } from "../destinations/sender";
import { deliverDestination, type DeliveryOptions, type DestinationReport } from "./deliverDestination";

export interface DeliverPendingOptions extends DeliveryOptions {
  /** The senders to use instead of each type's own (kept open between rounds by the scheduler). */
  senders?: ReadonlyMap<string, Sender>;
}

/**
 * Delivers what every destination has pending, all of them side by side, so that a slow or
 * failing one holds up none of the others. Resolves when each has caught up, failed its batch's
 * every attempt (its error recorded) or is paused.
 */
export async function deliverPending(
  sqlite: SqliteConnection,
  destinations: readonly Destination[],
  options: DeliverPendingOptions = {},
): Promise<DestinationReport[]> {
  await ensureIntegrationStates(sqlite, destinations);
  const owned = new Map<string, Sender>();
  const senderOf = (destination: Destination) => {
    const given = options.senders?.get(destination.name);
    if (given) return given;
    const sender = createSender(destination);
    owned.set(destination.name, sender);
    return sender;
  };
  try {
    return await Promise.all(
      destinations.map((destination) =>
        deliverDestination(sqlite, destination, senderOf(destination), options).catch((error: unknown): DestinationReport => ({
          name: destination.name,
          status: "failed",
          delivered: 0,
          error: (error as Error).message,
        })),
      ),
    );
  } finally {
    await Promise.all([...owned.values()].map((sender) => sender.close().catch(() => undefined)));
  }
}
