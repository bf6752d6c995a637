import { Entry, v2 } from "@google-cloud/logging";
import { OAuth2Client } from "google-auth-library";
import type { Destination } from "../../../integrationsFile";
import type { DeliveryEvent } from "../../delivery/deliveryEvent";
import { withDeadline } from "../deadline";
import { DeliveryError, type Sender } from "../sender";

type GoogleCloudLoggingDestination = Extract<Destination, { type: "google-cloud-logging" }>;

/**
 * Google Cloud Logging through its official client (`entries.write`, over HTTPS/JSON rather than
 * gRPC: one transport to test, and no HTTP/2 channel held open between rounds). Each event is one
 * entry of the log `logName`: the Parsec event as `jsonPayload`, the event's own time, the labels
 * `team_id`, `event_name`, `event_id` (and `viewer_update` for a changed event), and the event id as
 * `insertId`, by which Cloud Logging drops a retried entry it already holds. A changed event takes
 * the insertId `<id>.update-<change>`, since an entry with an id and time Logging has seen would be
 * dropped as a duplicate. The batch is written whole or not at all (`partialSuccess: false`).
 */
export function googleCloudLoggingSender(destination: GoogleCloudLoggingDestination): Sender {
  const client = new v2.LoggingServiceV2Client({
    projectId: destination.projectId,
    fallback: "rest",
    ...endpointOptions(destination.endpoint),
    ...credentialOptions(destination),
  });
  const logName = `projects/${destination.projectId}/logs/${encodeURIComponent(destination.logName)}`;
  const timeoutMs = destination.timeoutSeconds * 1000;
  return {
    async send(batch, signal) {
      const request = { logName, resource: destination.resource, entries: batch.map(toLogEntry), partialSuccess: false };
      try {
        await withDeadline(signal, timeoutMs, (deadline) => {
          // Retries are the delivery's (bounded, with backoff, the error shown): one attempt here.
          const call = client.writeLogEntries(request, { timeout: timeoutMs, maxRetries: 0 });
          deadline.addEventListener("abort", () => call.cancel(), { once: true });
          return call;
        });
      } catch (error) {
        throw new DeliveryError(describeError(error, logName, timeoutMs));
      }
    },
    close: () => client.close(),
  };
}

function toLogEntry(event: DeliveryEvent) {
  const labels: Record<string, string> = { team_id: event.teamId, event_name: event.name, event_id: event.id };
  if (event.update) labels.viewer_update = "true";
  // Entry turns the event into a protobuf Struct; the time is set here from whole milliseconds,
  // since Entry's own conversion of a Date loses a few nanoseconds to floating point.
  const entry = new Entry(
    { insertId: event.update ? `${event.id}.update-${event.changeSeq}` : event.id, labels, severity: "NOTICE" },
    JSON.parse(event.json),
  ).toJSON();
  return { ...entry, timestamp: { seconds: Math.floor(event.occurredAt / 1000), nanos: (event.occurredAt % 1000) * 1_000_000 } };
}

/** `https://host[:port]` as the client's apiEndpoint, port and protocol. */
function endpointOptions(endpoint: string | undefined) {
  if (!endpoint) return {};
  const url = new URL(endpoint);
  const protocol = url.protocol.slice(0, -1);
  return { apiEndpoint: url.hostname, port: Number(url.port || (protocol === "https" ? 443 : 80)), protocol };
}

function credentialOptions(destination: GoogleCloudLoggingDestination) {
  const accessToken = destination.secrets.accessTokenEnv;
  if (accessToken) {
    const authClient = new OAuth2Client();
    // No expiry: the token is the operator's to refresh; a refused one shows as this destination's error.
    authClient.setCredentials({ access_token: accessToken });
    return { authClient };
  }
  return destination.credentialsFile ? { keyFilename: destination.credentialsFile } : {};
}

function describeError(error: unknown, logName: string, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; code?: number; details?: string };
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.code === 4 || e.code === 1) return `${logName}: no answer within ${timeoutMs / 1000} s`;
  return `${logName}: ${e.details || e.message || String(error)}`;
}
