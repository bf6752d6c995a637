import type { Destination } from "../../../integrationsFile";
import { DeliveryError, type Sender } from "../sender";
import { postBatch } from "./postBatch";

type HecDestination = Extract<Destination, { type: "splunk-hec" }>;

/**
 * Splunk's HTTP Event Collector: `POST <url>/services/collector/event` with `Authorization: Splunk
 * <token>`, the batch as JSON event objects one after another, each with `time` (the event's, in
 * epoch seconds with milliseconds), `sourcetype`, `source`, `index` when set, the Parsec event as
 * `event`, and indexed `fields` (the event id and name, and `viewer_update` for a changed event).
 * HEC answers `{"text":"Success","code":0}`.
 */
export function splunkHecSender(destination: HecDestination): Sender {
  const url = `${destination.url}/services/collector/event`;
  const authorization = `Splunk ${destination.secrets.tokenEnv}`;
  return {
    async send(batch, signal) {
      const body = batch
        .map((event) => {
          const fields: Record<string, string> = { event_id: event.id, event_name: event.name, team_id: event.teamId };
          if (event.update) fields.viewer_update = "true";
          const meta = {
            time: event.occurredAt / 1000,
            source: destination.source,
            sourcetype: destination.sourcetype,
            ...(destination.index ? { index: destination.index } : {}),
            fields,
          };
          // The event is spliced in as the export wrote it, so Splunk sees exactly the stored JSON.
          return `${JSON.stringify(meta).slice(0, -1)},"event":${event.json}}`;
        })
        .join("\n");
      const answer = await postBatch({
        url,
        headers: { authorization, "content-type": "application/json" },
        body,
        timeoutMs: destination.timeoutSeconds * 1000,
        signal,
      });
      const code = parseCode(answer);
      if (code !== 0) throw new DeliveryError(`Splunk HEC refused the batch: ${answer.slice(0, 300)}`);
    },
    close: async () => undefined,
  };
}

function parseCode(answer: string): number | null {
  try {
    const value = JSON.parse(answer) as { code?: unknown };
    return typeof value.code === "number" ? value.code : null;
  } catch {
    return null;
  }
}
