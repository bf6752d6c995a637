import { describe, expect, it } from "vitest";
import type { FailureKind } from "./errors";
import { backoffDelay, DEFAULT_RETRY_OPTIONS, retryPolicy, type RetryOptions } from "./retryPolicy";

const options: RetryOptions = { ...DEFAULT_RETRY_OPTIONS };
const top = () => 0.999_999;
const half = () => 0.5;

function delayOf(decision: ReturnType<typeof retryPolicy>): number {
  if (!decision.retry) throw new Error("expected a retry");
  return decision.delayMs;
}

describe("retryPolicy: transient failures", () => {
  it.each<FailureKind>(["server", "network", "timeout", "malformed"])("retries %s with reason 'retry'", (kind) => {
    expect(retryPolicy({ kind }, 1, options, half)).toEqual({ retry: true, delayMs: 500, reason: "retry" });
  });

  it("grows the backoff ceiling exponentially from the base", () => {
    const big = { ...options, maxAttempts: 100 };
    const delays = [1, 2, 3, 4, 5].map((n) => delayOf(retryPolicy({ kind: "server" }, n, big, top)));
    expect(delays).toEqual([999, 1999, 3999, 7999, 15999]);
  });

  it("caps the backoff at maxDelayMs", () => {
    const big = { ...options, maxAttempts: 100 };
    for (const n of [6, 7, 10, 50, 99]) {
      expect(delayOf(retryPolicy({ kind: "network" }, n, big, top))).toBeLessThan(30_000);
      expect(delayOf(retryPolicy({ kind: "network" }, n, big, top))).toBeGreaterThan(29_000);
    }
  });

  it("uses full jitter: the delay is the injected random times the ceiling", () => {
    const big = { ...options, maxAttempts: 100 };
    expect(delayOf(retryPolicy({ kind: "timeout" }, 3, big, () => 0))).toBe(0);
    expect(delayOf(retryPolicy({ kind: "timeout" }, 3, big, () => 0.25))).toBe(1000);
    expect(delayOf(retryPolicy({ kind: "timeout" }, 3, big, () => 0.75))).toBe(3000);
  });

  it("keeps jitter within [0, ceiling) whatever the generator returns", () => {
    expect(backoffDelay(2, options, () => 5)).toBe(2000);
    expect(backoffDelay(2, options, () => -1)).toBe(0);
    for (let i = 0; i < 1000; i++) {
      const d = backoffDelay(4, options, Math.random);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(8000);
    }
  });

  it("bounds the attempts: maxAttempts in all, then no retry", () => {
    expect(retryPolicy({ kind: "server" }, 4, options, half).retry).toBe(true);
    expect(retryPolicy({ kind: "server" }, 5, options, half)).toEqual({ retry: false });
    expect(retryPolicy({ kind: "server" }, 1, { ...options, maxAttempts: 1 }, half)).toEqual({ retry: false });
  });

  it("honours a server's Retry-After on a 5xx instead of the backoff", () => {
    expect(retryPolicy({ kind: "server", retryAfterMs: 12_000 }, 1, options, half)).toEqual({
      retry: true,
      delayMs: 12_000,
      reason: "retry",
    });
  });
});

describe("retryPolicy: client errors", () => {
  it.each<FailureKind>(["bad-request", "auth", "permission", "not-found", "unexpected-status", "tls"])("never retries %s", (kind) => {
    expect(retryPolicy({ kind }, 1, options, half)).toEqual({ retry: false });
  });
});

describe("retryPolicy: 429", () => {
  it("waits the documented block (plus margin) when there is no Retry-After", () => {
    expect(retryPolicy({ kind: "rate-limited" }, 1, options, half)).toEqual({
      retry: true,
      delayMs: 300_000 + 1_000,
      reason: "rate-limited",
    });
    expect(delayOf(retryPolicy({ kind: "rate-limited" }, 1, { ...options, blockMs: 60_000 }, half))).toBe(61_000);
  });

  it("waits Retry-After (plus margin) when present, without jitter", () => {
    expect(delayOf(retryPolicy({ kind: "rate-limited", retryAfterMs: 42_000 }, 1, options, top))).toBe(43_000);
    expect(delayOf(retryPolicy({ kind: "rate-limited", retryAfterMs: 0 }, 2, options, top))).toBe(1_000);
  });

  it("gives up on the max429-th 429 in a row", () => {
    expect(retryPolicy({ kind: "rate-limited" }, 2, options, half).retry).toBe(true);
    expect(retryPolicy({ kind: "rate-limited" }, 3, options, half)).toEqual({ retry: false });
    expect(retryPolicy({ kind: "rate-limited" }, 1, { ...options, max429: 1 }, half)).toEqual({ retry: false });
  });

  it("does not sleep through an absurd Retry-After", () => {
    expect(retryPolicy({ kind: "rate-limited", retryAfterMs: 24 * 3600_000 }, 1, options, half)).toEqual({
      retry: false,
    });
  });
});
