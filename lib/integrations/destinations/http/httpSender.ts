import { createHmac } from "node:crypto";
import type { Destination } from "../../../integrationsFile";
import type { Sender } from "../sender";
import { markedLine } from "../../delivery/deliveryEvent";
import { postBatch } from "./postBatch";

type HttpDestination = Extract<Destination, { type: "http" }>;

/**
 * NDJSON POST (what Vector, Fluent Bit, Logstash and Cribl take): one export line per event, each
 * followed by a newline, up to `batchSize` a request. With `secretEnv`, the body is signed:
 * `<signatureHeader>: sha256=<hex HMAC-SHA256 of the body>`.
 */
export function httpSender(destination: HttpDestination): Sender {
  const secret = destination.secrets.secretEnv;
  return {
    async send(batch, signal) {
      const body = `${batch.map(markedLine).join("\n")}\n`;
      const headers: Record<string, string> = { ...destination.headers, "content-type": "application/x-ndjson" };
      if (secret) headers[destination.signatureHeader] = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      await postBatch({ url: destination.url, headers, body, timeoutMs: destination.timeoutSeconds * 1000, signal });
    },
    close: async () => undefined,
  };
}
