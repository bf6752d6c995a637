import { getConfig } from "../../config";
import type { Destination } from "../../integrationsFile";
import { recordViewerAudit } from "../../auth/viewerAudit";
import { BadParameterError, ResourceNotFoundError } from "../../http/requestErrors";
import { getStore } from "../../store/store";
import { ensureIntegrationStates, recordIntegrationTest, setIntegrationPaused, startIntegrationReplay } from "../../store/integrationLedger";
import { createSender } from "../destinations/createSender";
import { testDeliveryEvent } from "../delivery/deliveryEvent";
import { requestDelivery } from "../delivery/deliveryTrigger";
import { integrationStatus, type IntegrationStatus } from "../status/integrationStatus";

/**
 * What an admin does with the integrations (/integrations): read where each destination stands,
 * pause and resume one, send it a test event, replay it from a date. Each change is recorded in
 * the viewer audit with who asked and from where.
 */

export interface AdminRequest {
  actor: string;
  ip: string;
}

/** Every configured destination's state, for the page, GET /api/sync and the health check's detail. */
export async function readIntegrationStatus(): Promise<IntegrationStatus[]> {
  const { destinations } = getConfig().integrations;
  if (destinations.length === 0) return [];
  const { sqlite } = await getStore();
  await ensureIntegrationStates(sqlite, destinations);
  return integrationStatus(sqlite, destinations);
}

function destinationNamed(name: string): Destination {
  const destination = getConfig().integrations.destinations.find((d) => d.name === name);
  if (!destination) throw new ResourceNotFoundError(`No integration is named ${JSON.stringify(name)} in INTEGRATIONS_FILE.`);
  return destination;
}

export async function setIntegrationPausedByAdmin(name: string, paused: boolean, request: AdminRequest): Promise<void> {
  const destination = destinationNamed(name);
  const { db, sqlite } = await getStore();
  await ensureIntegrationStates(sqlite, [destination]);
  await setIntegrationPaused(sqlite, name, paused);
  await recordViewerAudit(db, {
    action: paused ? "integration_paused" : "integration_resumed",
    actor: request.actor,
    ip: request.ip,
    facts: { kind: "destination", destination: name },
  });
  if (!paused) requestDelivery();
}

/** One test event, sent once through the destination's own wire format; its outcome is kept for the page. */
export async function sendIntegrationTestEvent(name: string, request: AdminRequest): Promise<{ error: string | null }> {
  const destination = destinationNamed(name);
  const { db, sqlite } = await getStore();
  await ensureIntegrationStates(sqlite, [destination]);
  const sender = createSender(destination);
  let error: string | null = null;
  try {
    // The sender's own timeout (the destination's timeoutSeconds) bounds the wait.
    await sender.send([testDeliveryEvent(getConfig().parsec?.teamId ?? "demo")], new AbortController().signal);
  } catch (failure) {
    error = (failure as Error).message;
  } finally {
    await sender.close().catch(() => undefined);
  }
  await recordIntegrationTest(sqlite, name, error);
  await recordViewerAudit(db, {
    action: "integration_test",
    actor: request.actor,
    ip: request.ip,
    facts: { kind: "integration-test", destination: name, error: error ?? null },
  });
  return { error };
}

/** Re-sends every event from `from` (a date, UTC midnight, or an RFC 3339 time) that is stored by now. */
export async function replayIntegrationFrom(name: string, from: string, request: AdminRequest): Promise<{ events: number }> {
  const destination = destinationNamed(name);
  const fromMs = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(from) ? `${from}T00:00:00Z` : from);
  if (Number.isNaN(fromMs)) throw new BadParameterError(`from: ${JSON.stringify(from)} is not a date (2026-01-31) or an RFC 3339 time`);
  const { db, sqlite } = await getStore();
  await ensureIntegrationStates(sqlite, [destination]);
  const events = await startIntegrationReplay(sqlite, name, fromMs);
  await recordViewerAudit(db, {
    action: "integration_replay",
    actor: request.actor,
    ip: request.ip,
    facts: { kind: "integration-replay", destination: name, from: new Date(fromMs).toISOString(), events },
  });
  requestDelivery();
  return { events };
}
