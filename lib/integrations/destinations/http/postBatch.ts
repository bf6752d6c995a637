import { DeliveryError } from "../sender";

export interface PostRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal: AbortSignal;
}

const ANSWER_SHOWN = 300;

/**
 * POSTs one batch and returns the answer's body once the destination answered 2xx. Anything else
 * (another status, a refused connection, no answer in time) is a DeliveryError that says what
 * came back, so that the batch is sent again whole.
 */
export async function postBatch(request: PostRequest): Promise<string> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)]),
    });
  } catch (error) {
    throw new DeliveryError(describeFetchError(error, request));
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new DeliveryError(`${describeFetchError(error, request)} (while reading the answer to HTTP ${response.status})`);
  }
  if (!response.ok) throw new DeliveryError(`${originOf(request.url)} answered HTTP ${response.status}: ${text.slice(0, ANSWER_SHOWN) || response.statusText}`);
  return text;
}

function describeFetchError(error: unknown, request: PostRequest): string {
  const where = originOf(request.url);
  const name = (error as Error).name;
  if (name === "TimeoutError") return `${where} did not answer within ${request.timeoutMs / 1000} s`;
  if (name === "AbortError") return `sending to ${where} was stopped`;
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

/** The event's export line, with `"viewer_update": true` when Parsec re-delivered it with changed content. */
export function markedLine(event: { json: string; update: boolean }): string {
  return event.update ? `${event.json.slice(0, -1)},"viewer_update":true}` : event.json;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}
