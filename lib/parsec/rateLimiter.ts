import { formatDuration } from "./formatDuration";
import type { RequestLedger } from "./requestLedger";
import type { Sleep } from "./sleep";

export interface Quota {
  requests: number;
  windowMs: number;
}

/**
 * Parsec allows 50 requests per 5 minutes per endpoint and then blocks the key for 5 minutes. We
 * stay well below: the send time we record is not Parsec's arrival time (latency varies), and two
 * processes can read the ledger at the same instant.
 */
export const DEFAULT_QUOTA: Quota = { requests: 40, windowMs: 300_000 };

export function assertValidQuota(quota: Quota): void {
  if (!Number.isInteger(quota.requests) || quota.requests < 1) {
    throw new RangeError(`quota.requests must be a positive integer, got ${quota.requests}`);
  }
  if (!Number.isFinite(quota.windowMs) || quota.windowMs <= 0) {
    throw new RangeError(`quota.windowMs must be a positive number, got ${quota.windowMs}`);
  }
}

/**
 * How long to wait before one more request keeps at most `quota.requests` requests in any window
 * of `quota.windowMs`: 0 when a slot is free now, otherwise exactly until the request that must
 * leave the window does. A request sent at t counts while now < t + windowMs.
 */
export function quotaDelay(sentAt: readonly number[], nowMs: number, quota: Quota): number {
  const inWindow = sentAt.filter((t) => t > nowMs - quota.windowMs).sort((a, b) => a - b);
  if (inWindow.length < quota.requests) return 0;
  // With n in the window, the n - requests + 1 oldest must leave; the last of them decides.
  const mustLeave = inWindow[inWindow.length - quota.requests]!;
  return mustLeave + quota.windowMs - nowMs;
}

export interface RateLimiterOptions {
  /** The ledger key: one quota per key. */
  key: string;
  /** null: no pacing at all (and nothing recorded). */
  quota: Quota | null;
  ledger: RequestLedger;
  now: () => number;
  sleep: Sleep;
  onWait?: (ms: number, detail: string) => void;
}

/** Sliding-window limiter whose memory is the (possibly shared) ledger. */
export class RateLimiter {
  // Callers in one process take turns, or two could both see the last free slot.
  private turn: Promise<void> = Promise.resolve();

  private readonly options: RateLimiterOptions;

  constructor(options: RateLimiterOptions) {
    if (options.quota) assertValidQuota(options.quota);
    this.options = options;
  }

  /** Resolves when a request may be sent, having recorded it in the ledger. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const { quota, ledger, key, now, sleep, onWait } = this.options;
    if (!quota) return;
    const previous = this.turn;
    let release!: () => void;
    this.turn = new Promise<void>((resolve) => (release = resolve));
    try {
      await untilAborted(previous, signal);
      for (;;) {
        signal?.throwIfAborted();
        const startedAt = now();
        const sent = await ledger.recent(key, startedAt - quota.windowMs);
        const delay = quotaDelay(sent, now(), quota);
        if (delay <= 0) {
          await ledger.record(key, now());
          return;
        }
        onWait?.(
          delay,
          `waiting ${formatDuration(delay)} for the API quota (${quota.requests} requests per ` +
            `${formatDuration(quota.windowMs)})`,
        );
        await sleep(delay, signal);
        // Loop: another process may have taken the slot meanwhile.
      }
    } finally {
      release();
    }
  }
}

/** Waits for `promise` (which never rejects) unless the signal aborts first. */
function untilAborted(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}
