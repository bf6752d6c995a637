import { formatDuration } from "./formatDuration";
import type { RequestLedger } from "./requestLedger";
import type { Sleep } from "./sleep";

export interface Quota {
  requests: number;
  windowMs: number;
}

/**
 * Parsec allows 50 requests per 5 minutes per endpoint and then blocks the key for 5 minutes. The
 * limiter never lets more than its quota arrive in a window whatever the latency; the default keeps
 * a margin below Parsec's 50 for requests made with the same key by other tools.
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
 * leave the window does. A request held until h counts while now < h + windowMs.
 */
export function quotaDelay(heldUntil: readonly number[], nowMs: number, quota: Quota): number {
  const inWindow = heldUntil.filter((t) => t > nowMs - quota.windowMs).sort((a, b) => a - b);
  if (inWindow.length < quota.requests) return 0;
  // With n in the window, the n - requests + 1 oldest must leave; the last of them decides.
  const mustLeave = inWindow[inWindow.length - quota.requests]!;
  return mustLeave + quota.windowMs - nowMs;
}

/** How often a wait that depends on a request still in flight looks again: its answer may free the slot sooner. */
const IN_FLIGHT_RECHECK_MS = 250;

export interface RateLimiterOptions {
  /** The ledger key: one quota per key. */
  key: string;
  /** null: no pacing at all (and nothing recorded). */
  quota: Quota | null;
  ledger: RequestLedger;
  /** The longest a request can take (its timeout): how long it holds its slot if its end is never recorded. */
  maxRequestMs: number;
  now: () => number;
  sleep: Sleep;
  onWait?: (ms: number, detail: string) => void;
}

/** A granted request: settle it when its answer has arrived or it failed, sent or not. */
export interface QuotaPermit {
  settle(): Promise<void>;
}

const NO_PERMIT: QuotaPermit = { settle: async () => undefined };

/**
 * Sliding-window limiter whose memory is the (possibly shared) ledger. A request occupies the
 * window from when it is sent until its answer has arrived, so that however long it travels, the
 * API (which counts arrivals) never sees more than the quota in any window. Of two processes that
 * reserve the last slot at once, each sees the other's reservation and gives its own back.
 */
export class RateLimiter {
  // Callers in one process take turns, or two could both see the last free slot.
  private turn: Promise<void> = Promise.resolve();

  private readonly options: RateLimiterOptions;

  constructor(options: RateLimiterOptions) {
    if (options.quota) assertValidQuota(options.quota);
    if (!Number.isFinite(options.maxRequestMs) || options.maxRequestMs <= 0) {
      throw new RangeError(`maxRequestMs must be a positive number, got ${options.maxRequestMs}`);
    }
    this.options = options;
  }

  /** Resolves when a request may be sent, having reserved its slot in the ledger. */
  async acquire(signal?: AbortSignal): Promise<QuotaPermit> {
    const { quota, ledger, key, now, sleep, onWait, maxRequestMs } = this.options;
    if (!quota) return NO_PERMIT;
    const previous = this.turn;
    let release!: () => void;
    this.turn = new Promise<void>((resolve) => (release = resolve));
    try {
      await untilAborted(previous, signal);
      for (;;) {
        signal?.throwIfAborted();
        const holds = await ledger.holds(key, now() - quota.windowMs);
        const delay = quotaDelay(
          holds.map((h) => h.heldUntil),
          now(),
          quota,
        );
        if (delay <= 0) {
          const sentAt = now();
          const id = await ledger.reserve(key, sentAt, sentAt + maxRequestMs);
          const after = await ledger.holds(key, sentAt - quota.windowMs);
          if (after.length <= quota.requests) return { settle: () => ledger.settle(id, now()) };
          // Another process reserved the same slot meanwhile: both give it back and look again.
          await ledger.cancel(id);
          await sleep(1 + Math.floor(Math.random() * IN_FLIGHT_RECHECK_MS), signal);
          continue;
        }
        onWait?.(delay, `waiting ${formatDuration(delay)} for the API quota (${quota.requests} requests per ` + `${formatDuration(quota.windowMs)})`);
        const waitingOnFlight = holds.some((h) => !h.settled);
        await sleep(waitingOnFlight ? Math.min(delay, IN_FLIGHT_RECHECK_MS) : delay, signal);
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
