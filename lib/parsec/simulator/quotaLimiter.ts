/**
 * The documented rate limit: at most `requests` requests per key and endpoint in any sliding
 * window of `windowMs`; the request that exceeds it is refused and blocks the key for `blockMs`,
 * during which everything is refused. A block wipes the window, so the key starts afresh after it.
 */

export interface Quota {
  requests: number;
  windowMs: number;
  blockMs: number;
}

export type QuotaDecision = { allowed: true } | { allowed: false; retryAfterMs: number; startedBlock: boolean };

interface KeyState {
  /** Times of the requests inside the window, oldest first. */
  times: number[];
  blockedUntil: number;
}

export class QuotaLimiter {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly quota: Quota | null,
    private readonly now: () => number,
  ) {}

  check(key: string): QuotaDecision {
    if (!this.quota) return { allowed: true };
    const { requests, windowMs, blockMs } = this.quota;
    const now = this.now();
    let state = this.keys.get(key);
    if (!state) {
      state = { times: [], blockedUntil: -Infinity };
      this.keys.set(key, state);
    }
    if (now < state.blockedUntil) return { allowed: false, retryAfterMs: state.blockedUntil - now, startedBlock: false };
    let expired = 0;
    while (expired < state.times.length && (state.times[expired] as number) <= now - windowMs) expired++;
    if (expired > 0) state.times.splice(0, expired);
    if (state.times.length >= requests) {
      state.blockedUntil = now + blockMs;
      state.times.length = 0;
      return { allowed: false, retryAfterMs: blockMs, startedBlock: true };
    }
    state.times.push(now);
    return { allowed: true };
  }

  reset(): void {
    this.keys.clear();
  }
}
