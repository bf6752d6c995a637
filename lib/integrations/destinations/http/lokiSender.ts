import type { Destination } from "../../../integrationsFile";
import type { DeliveryEvent } from "../../delivery/deliveryEvent";
import type { Sender } from "../sender";
import { basicAuthorization, postBatch } from "./postBatch";

type LokiDestination = Extract<Destination, { type: "loki" }>;

/**
 * Grafana Loki's push API (`POST <url>/loki/api/v1/push`, JSON): one stream per (team, event
 * name, update) — labels of low cardinality — holding `[<nanoseconds as a string>, <the export
 * line>, {"event_id": ...}]` entries, the id as structured metadata. Loki answers 204.
 */
export function lokiSender(destination: LokiDestination): Sender {
  const url = `${destination.url}/loki/api/v1/push`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (destination.tenant) headers["x-scope-orgid"] = destination.tenant;
  if (destination.secrets.usernameEnv) headers.authorization = basicAuthorization(destination.secrets.usernameEnv, destination.secrets.passwordEnv ?? "");
  return {
    async send(batch, signal) {
      await postBatch({ url, headers, body: JSON.stringify({ streams: lokiStreams(batch) }), timeoutMs: destination.timeoutSeconds * 1000, signal });
    },
    close: async () => undefined,
  };
}

export function lokiStreams(batch: readonly DeliveryEvent[]) {
  const streams = new Map<string, { stream: Record<string, string>; values: [string, string, Record<string, string>][] }>();
  for (const event of batch) {
    const key = `${event.teamId}\n${event.name}\n${event.update}`;
    let stream = streams.get(key);
    if (!stream) {
      const labels: Record<string, string> = { service_name: "parsec-audit", team_id: event.teamId, event_name: event.name };
      if (event.update) labels.viewer_update = "true";
      stream = { stream: labels, values: [] };
      streams.set(key, stream);
    }
    stream.values.push([`${BigInt(event.occurredAt) * 1_000_000n}`, event.json, { event_id: event.id }]);
  }
  return [...streams.values()];
}
