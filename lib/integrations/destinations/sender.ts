import type { DeliveryEvent } from "../delivery/deliveryEvent";

/**
 * What delivery needs of a destination: send a batch, in order, and resolve only once the
 * destination acknowledged all of it (an HTTP 2xx, an S3 PUT's answer, a TCP write flushed).
 * A rejection means nothing is known to have arrived: the batch is sent again, whole.
 */
export interface Sender {
  send(batch: readonly DeliveryEvent[], signal: AbortSignal): Promise<void>;
  /** Releases connections held between batches. */
  close(): Promise<void>;
}

/** A destination's own refusal or failure, with what it said: shown on /integrations and by `npm run forward`. */
export class DeliveryError extends Error {
  override name = "DeliveryError";
}
