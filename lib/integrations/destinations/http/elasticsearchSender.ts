import type { Destination } from "../../../integrationsFile";
import { DeliveryError, type Sender } from "../sender";
import { markedLine } from "../../delivery/deliveryEvent";
import { basicAuthorization, postBatch } from "./postBatch";

type ElasticsearchDestination = Extract<Destination, { type: "elasticsearch" }>;

/**
 * Elasticsearch's (and OpenSearch's) `_bulk` API: an `index` action with `_id` = the event id
 * before each event, so a batch sent twice, or an updated event, replaces its document instead of
 * adding one. The answer's `errors` says whether any item failed; then the batch is sent again
 * whole (indexing by id makes that harmless).
 */
export function elasticsearchSender(destination: ElasticsearchDestination): Sender {
  const url = `${destination.url}/_bulk`;
  const headers: Record<string, string> = { "content-type": "application/x-ndjson" };
  if (destination.secrets.apiKeyEnv) headers.authorization = `ApiKey ${destination.secrets.apiKeyEnv}`;
  else if (destination.secrets.usernameEnv) headers.authorization = basicAuthorization(destination.secrets.usernameEnv, destination.secrets.passwordEnv ?? "");
  return {
    async send(batch, signal) {
      const body = batch.map((event) => `${JSON.stringify({ index: { _index: destination.index, _id: event.id } })}\n${markedLine(event)}\n`).join("");
      const answer = await postBatch({ url, headers, body, timeoutMs: destination.timeoutSeconds * 1000, signal });
      const failure = firstFailure(answer);
      if (failure !== null) throw new DeliveryError(`Elasticsearch refused part of the batch: ${failure}`);
    },
    close: async () => undefined,
  };
}

interface BulkAnswer {
  errors?: unknown;
  items?: { index?: { _id?: string; status?: number; error?: unknown } }[];
}

function firstFailure(answer: string): string | null {
  let parsed: BulkAnswer;
  try {
    parsed = JSON.parse(answer) as BulkAnswer;
  } catch {
    return `its answer is not JSON: ${answer.slice(0, 200)}`;
  }
  if (parsed.errors === false) return null;
  const item = parsed.items?.find((entry) => (entry.index?.status ?? 500) >= 300)?.index;
  return item ? `${item._id}: HTTP ${item.status} ${JSON.stringify(item.error).slice(0, 200)}` : `errors: ${JSON.stringify(parsed.errors)}`;
}
