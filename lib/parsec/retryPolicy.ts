import type { FailureKind } from "./errors";

/*
 * Hand-written rather than p-retry and the like: those cannot wait a server-given delay
 * (Retry-After, or Parsec's documented 5-minute block), and they cannot keep separate budgets
 * for 429s and for transient failures.
 */

export interface RetryOptions {
  /** Attempts of one request in all, counting those that failed with anything but 429. */
  maxAttempts: number;
  /** 429s in a row one request may get; the last one is thrown. */
  max429: number;
  /** Wait after a 429 without Retry-After: Parsec documents a 5-minute block. */
  blockMs: number;
  /** Backoff ceiling for the first retry; doubles each retry. */
  baseDelayMs: number;
  /** Backoff ceiling never exceeds this. */
  maxDelayMs: number;
  /** Added to 429 waits: Parsec's clock is not ours, and retrying a hair early may extend the block. */
  rateLimitMarginMs: number;
  /** A server asking for a longer wait than this gets an error instead; a sync should not hang silently for hours. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 5,
  max429: 3,
  blockMs: 300_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  rateLimitMarginMs: 1_000,
  maxRetryAfterMs: 15 * 60_000,
};

export interface Failure {
  kind: FailureKind;
  /** Parsed Retry-After, in ms from when the response arrived. */
  retryAfterMs?: number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; reason: "rate-limited" | "retry" };

const TRANSIENT: ReadonlySet<FailureKind> = new Set(["server", "network", "timeout", "malformed"]);

/**
 * Whether to retry after `failure`, and after how long.
 *
 * `attempt` (1-based) counts this failure within its budget: for a 429, how many 429s in a row the
 * request has had, this one included; for anything else, how many of its attempts have failed
 * with something other than a 429, this one included.
 */
export function retryPolicy(
  failure: Failure,
  attempt: number,
  options: RetryOptions = DEFAULT_RETRY_OPTIONS,
  random: () => number = Math.random,
): RetryDecision {
  if (failure.kind === "rate-limited") {
    if (attempt >= options.max429) return { retry: false };
    const wait = failure.retryAfterMs ?? options.blockMs;
    if (wait > options.maxRetryAfterMs) return { retry: false };
    return { retry: true, delayMs: wait + options.rateLimitMarginMs, reason: "rate-limited" };
  }
  if (!TRANSIENT.has(failure.kind)) return { retry: false };
  if (attempt >= options.maxAttempts) return { retry: false };
  // A 503 with Retry-After knows better than our backoff, within reason.
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs <= options.maxRetryAfterMs) {
    return { retry: true, delayMs: failure.retryAfterMs, reason: "retry" };
  }
  return { retry: true, delayMs: backoffDelay(attempt, options, random), reason: "retry" };
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))). */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs">, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // A test double (or a broken generator) returning 1 or more must not exceed the ceiling.
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
