import { getStore } from "../store/store";
import { readIntegrationStatus } from "../integrations/admin/integrationAdmin";
import type { IntegrationStatus } from "../integrations/status/integrationStatus";
import { logger } from "../logging/logger.mjs";

/** The store did not answer: the server is up but cannot serve anything that reads it. */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
}

/**
 * For load balancers and uptime checks: the store opens and answers a query. Why it failed goes to
 * the server's log, not to the anonymous caller.
 */
export async function checkHealth(): Promise<{ status: "ok" }> {
  try {
    const { db } = await getStore();
    await db.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    logger("health").error({ err: error }, "the database does not answer");
    throw new StoreUnavailableError("The database does not answer.");
  }
  return { status: "ok" };
}

/** `checkHealth`, and for a signed-in admin the detail: how far behind each integration is. */
export async function checkHealthWithDetail(detail: boolean): Promise<{ status: "ok"; integrations?: IntegrationStatus[] }> {
  const health = await checkHealth();
  return detail ? { ...health, integrations: await readIntegrationStatus() } : health;
}
