import type { Db } from "../../store/client";

/**
 * How far each destination of the integrations (lib/integrations, built beside this) trails the
 * stored events. The "destination-lagging" sync-health condition reads it; until the integrations
 * report their lag here, there is nothing to lag and the condition never holds. The integrations
 * replace this body with a read of their delivery cursors.
 */
export interface DestinationLag {
  destination: string;
  lagMinutes: number;
}

export async function destinationLags(_db: Db): Promise<DestinationLag[]> {
  return [];
}
