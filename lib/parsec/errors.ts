/**
 * What can go wrong when talking to Parsec. Messages are written for the admin reading the sync's
 * status page: they say what happened and what to do. None of them may contain the API key, so
 * nothing from the outside (a response body, an underlying error) goes into one unredacted, and no
 * raw Response, Request or underlying error object is kept on an error.
 */

/** How a failure is treated by the retry policy; not one-to-one with the classes below. */
export type FailureKind =
  "bad-request" | "auth" | "permission" | "not-found" | "rate-limited" | "server" | "network" | "tls" | "timeout" | "malformed" | "unexpected-status";

export interface ParsecApiErrorDetails {
  kind: FailureKind;
  retryable: boolean;
  status?: number;
  /** Parsec's own `message` from the error body, redacted. */
  parsecMessage?: string;
}

export class ParsecApiError extends Error {
  override name = "ParsecApiError";
  readonly kind: FailureKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly parsecMessage?: string;
  /** How many HTTP attempts listEvents made before giving up; set by the client. */
  attempts = 1;

  constructor(message: string, details: ParsecApiErrorDetails) {
    super(message);
    this.kind = details.kind;
    this.retryable = details.retryable;
    this.status = details.status;
    this.parsecMessage = details.parsecMessage;
  }
}

function withParsecMessage(text: string, parsecMessage: string | undefined): string {
  return parsecMessage ? `${text} Parsec said: "${parsecMessage}".` : text;
}

export class AuthError extends ParsecApiError {
  override name = "AuthError";
  constructor(parsecMessage?: string) {
    super(
      withParsecMessage(
        "Parsec rejected the API key (401 Unauthorized). Check PARSEC_API_KEY: keys begin with " +
          "tapi_, are made by a Super Admin in the Parsec dashboard and may have been disabled there.",
        parsecMessage,
      ),
      { kind: "auth", retryable: false, status: 401, parsecMessage },
    );
  }
}

export class PermissionError extends ParsecApiError {
  override name = "PermissionError";
  constructor(parsecMessage?: string) {
    super(
      withParsecMessage(
        "The API key lacks the Access Audit Log permission (403 Forbidden). In the Parsec " +
          "dashboard, the team owner must grant that permission to the key (or make a new key " +
          "with it) and update PARSEC_API_KEY.",
        parsecMessage,
      ),
      { kind: "permission", retryable: false, status: 403, parsecMessage },
    );
  }
}

export class NotFoundError extends ParsecApiError {
  override name = "NotFoundError";
  constructor(teamId: string, parsecMessage?: string) {
    super(
      withParsecMessage(
        `Team ${teamId} not found (404). Check PARSEC_TEAM_ID (the team id shown in the Parsec ` +
          "dashboard, not the id inside the API key), that the key belongs to that team, and PARSEC_API_BASE_URL.",
        parsecMessage,
      ),
      { kind: "not-found", retryable: false, status: 404, parsecMessage },
    );
  }
}

export class BadRequestError extends ParsecApiError {
  override name = "BadRequestError";
  constructor(parsecMessage?: string) {
    super(`Parsec refused the request (400): ${parsecMessage ?? "no reason given"}.`, {
      kind: "bad-request",
      retryable: false,
      status: 400,
      parsecMessage,
    });
  }
}

export class RateLimitedError extends ParsecApiError {
  override name = "RateLimitedError";
  /** From Retry-After when Parsec sent one; otherwise undefined. */
  readonly retryAfterMs?: number;
  /** When a new request stands a chance: Retry-After, or else the documented block duration. */
  readonly retryAt: Date;

  constructor(options: { retryAfterMs?: number; blockMs: number; nowMs: number; parsecMessage?: string }) {
    const waitMs = options.retryAfterMs ?? options.blockMs;
    const retryAt = new Date(options.nowMs + waitMs);
    const source = options.retryAfterMs === undefined ? "the documented block duration" : "Parsec's Retry-After";
    super(
      withParsecMessage(
        "Parsec is rate-limiting the API key (429 Too Many Requests). Parsec blocks a key for 5 " +
          "minutes once an endpoint gets more than 50 requests in 5 minutes from any program using " +
          `the key. Retry after ${retryAt.toISOString()} (${source}).`,
        options.parsecMessage,
      ),
      { kind: "rate-limited", retryable: true, status: 429, parsecMessage: options.parsecMessage },
    );
    this.retryAfterMs = options.retryAfterMs;
    this.retryAt = retryAt;
  }
}

export class ServerError extends ParsecApiError {
  override name = "ServerError";
  readonly retryAfterMs?: number;
  constructor(status: number, options: { retryAfterMs?: number; parsecMessage?: string } = {}) {
    super(withParsecMessage(`Parsec had a server error (HTTP ${status}).`, options.parsecMessage), {
      kind: "server",
      retryable: true,
      status,
      parsecMessage: options.parsecMessage,
    });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A status the documentation does not list (3xx, 405, 410, ...): not retried. */
export class UnexpectedStatusError extends ParsecApiError {
  override name = "UnexpectedStatusError";
  constructor(status: number, detail: string, parsecMessage?: string) {
    super(withParsecMessage(`Parsec answered with unexpected HTTP ${status}. ${detail}`, parsecMessage), {
      kind: "unexpected-status",
      retryable: false,
      status,
      parsecMessage,
    });
  }
}

export class NetworkError extends ParsecApiError {
  override name = "NetworkError";
  /** The system or undici error code (ECONNRESET, UND_ERR_SOCKET, CERT_HAS_EXPIRED, ...). */
  readonly code?: string;
  constructor(message: string, options: { code?: string; tls?: boolean } = {}) {
    super(message, { kind: options.tls ? "tls" : "network", retryable: !options.tls });
    this.code = options.code;
  }
}

export class TimeoutError extends ParsecApiError {
  override name = "TimeoutError";
  constructor(timeoutMs: number) {
    super(
      `Parsec did not answer within ${timeoutMs} ms (the whole response, body included). ` +
        "The API may be slow or unreachable; a smaller page limit also helps.",
      { kind: "timeout", retryable: true },
    );
  }
}

export class MalformedResponseError extends ParsecApiError {
  override name = "MalformedResponseError";
  constructor(detail: string, status?: number) {
    super(
      `Parsec's answer could not be read: ${detail}. It may have been cut off in transit, or ` +
        "PARSEC_API_BASE_URL may point at something that is not the Parsec API.",
      { kind: "malformed", retryable: true, status },
    );
  }
}
