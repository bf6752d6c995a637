import { z } from "zod";
import {
  AuthError,
  BadRequestError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  ServerError,
  UnexpectedStatusError,
} from "./errors";
import { parseRetryAfter } from "./parseRetryAfter";
import { redactSecrets } from "./redactSecrets";
import { errorBodySchema, eventsPageSchema, type EventsPage } from "./schemas";

/** What turning an answer into a page or an error needs to know. */
export interface ResponseContext {
  teamId: string;
  /** Origin of the API, named in network errors. */
  origin: string;
  /** Strings that must never reach a message (the API key and its secret part). */
  secrets: readonly string[];
  blockMs: number;
  nowMs: number;
}

const MAX_QUOTED_CHARS = 500;

/** TLS failures (certificate, protocol): a configuration problem that retrying will not fix. */
const TLS_CODE = /^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|ERR_SSL_)/;

/** The events page of a complete answer; throws the matching ParsecApiError otherwise. */
export function readResponse(status: number, headers: Headers, body: string, ctx: ResponseContext): EventsPage {
  if (status >= 200 && status < 300) return parsePage(status, body, ctx);
  const parsecMessage = parsecMessageOf(body, ctx);
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"), ctx.nowMs);
  switch (status) {
    case 400:
      throw new BadRequestError(parsecMessage);
    case 401:
      throw new AuthError(parsecMessage);
    case 403:
      throw new PermissionError(parsecMessage);
    case 404:
      throw new NotFoundError(ctx.teamId, parsecMessage);
    case 429:
      throw new RateLimitedError({ retryAfterMs, blockMs: ctx.blockMs, nowMs: ctx.nowMs, parsecMessage });
  }
  if (status >= 500) throw new ServerError(status, { retryAfterMs, parsecMessage });
  if (status >= 300 && status < 400) {
    const location = quote(headers.get("location") ?? "nowhere", ctx);
    throw new UnexpectedStatusError(
      status,
      `It redirects to ${location}; redirects are not followed so that the API key goes nowhere ` + "else. Check PARSEC_API_BASE_URL.",
      parsecMessage,
    );
  }
  throw new UnexpectedStatusError(status, "Check PARSEC_API_BASE_URL.", parsecMessage);
}

/** A NetworkError for whatever fetch or the body read threw (other than an abort). */
export function networkError(error: unknown, ctx: ResponseContext): NetworkError {
  // undici puts the useful part ("read ECONNRESET", "other side closed") in the cause.
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const rawCode = cause?.code ?? (error as { code?: unknown } | null)?.code;
  const code = typeof rawCode === "string" ? rawCode : undefined;
  const parts = [error instanceof Error ? error.message : String(error)];
  if (cause && typeof cause.message === "string" && cause.message !== "") parts.push(cause.message);
  const text = parts.join(": ");
  const what = quote(code && !text.includes(code) ? `${text} (${code})` : text, ctx);
  const tls = code !== undefined && TLS_CODE.test(code);
  const advice = tls
    ? " The TLS handshake failed (certificate or protocol); check PARSEC_API_BASE_URL (https, right host) " + "and the machine's CA certificates."
    : "";
  return new NetworkError(`The connection to Parsec at ${ctx.origin} failed: ${what}.${advice}`, { code, tls });
}

function parsePage(status: number, body: string, ctx: ResponseContext): EventsPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MalformedResponseError(`the body (${body.length} characters) is not JSON (${quote(reason, ctx)})`, status);
  }
  const parsed = eventsPageSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedResponseError(
      `the body is JSON but not a page of events ({"data": [...], "next_cursor": "..."}): ` + quote(z.prettifyError(parsed.error), ctx),
      status,
    );
  }
  return parsed.data;
}

function parsecMessageOf(body: string, ctx: ResponseContext): string | undefined {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success && parsed.data.message.trim() !== "") return quote(parsed.data.message, ctx);
  } catch {
    // Not JSON (a proxy's HTML page, say): the status alone has to do.
  }
  return undefined;
}

/** Outside text made safe for a message: redacted, on one line, of bounded length. */
function quote(text: string, ctx: ResponseContext): string {
  const redacted = redactSecrets(text, ctx.secrets).replace(/\s+/g, " ").trim();
  return redacted.length > MAX_QUOTED_CHARS ? `${redacted.slice(0, MAX_QUOTED_CHARS)}…` : redacted;
}
