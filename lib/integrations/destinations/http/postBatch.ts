import { withDeadline } from "../deadline";
import { DeliveryError } from "../sender";

export interface PostRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal: AbortSignal;
}

const ANSWER_SHOWN = 300;
/** Enough for Elasticsearch's answer to the largest batch; a destination that sends more is refused, not read into memory. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/**
 * POSTs one batch and returns the answer's body once the destination answered 2xx. Anything else
 * (another status, a refused connection, no answer in time) is a DeliveryError that says what
 * came back, so that the batch is sent again whole.
 */
export function postBatch(request: PostRequest): Promise<string> {
  return withDeadline(request.signal, request.timeoutMs, async (signal) => {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: "POST",
        headers: request.headers,
        body: request.body,
        // A redirect is an answer to show, not to follow: following one would re-send the batch,
        // and its token, to wherever it points.
        redirect: "manual",
        signal,
      });
    } catch (error) {
      throw new DeliveryError(describeFetchError(error, request, signal));
    }
    let text: string;
    try {
      text = await readCapped(response, MAX_ANSWER_BYTES);
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw new DeliveryError(`${describeFetchError(error, request, signal)} (while reading the answer to HTTP ${response.status})`);
    }
    if (!response.ok)
      throw new DeliveryError(`${originOf(request.url)} answered HTTP ${response.status}: ${text.slice(0, ANSWER_SHOWN) || response.statusText}`);
    return text;
  });
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the rest of the body.
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new DeliveryError(`the answer to HTTP ${response.status} is larger than ${maxBytes / 1024 / 1024} MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function describeFetchError(error: unknown, request: PostRequest, signal: AbortSignal): string {
  const where = originOf(request.url);
  if (signal.aborted) {
    return (signal.reason as Error | undefined)?.name === "TimeoutError"
      ? `${where} did not answer within ${request.timeoutMs / 1000} s`
      : `sending to ${where} was stopped`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `${where} cannot be reached: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}

/** Scheme, host and port only: a URL's path or query may carry a token. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the destination";
  }
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}
