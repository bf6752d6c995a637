import { Prng } from "./prng";
import type { Fault } from "./types";

/**
 * Decides which requests fail and how: first the queued faults, one per request, then random
 * faults at the configured rates. The random stream is seeded, so a failing run can be replayed.
 */

export interface FaultRates {
  rate429?: number;
  rate5xx?: number;
  slowRate?: number;
  slowMs?: number;
}

const STREAM_FAULTS = 6;

export class FaultInjector {
  private readonly queue: Fault[] = [];
  private rates: FaultRates | null = null;
  private readonly rng: Prng;

  constructor(seed: number) {
    this.rng = new Prng(seed, STREAM_FAULTS);
  }

  inject(faults: Fault[]): void {
    this.queue.push(...faults);
  }

  setRates(rates: FaultRates | null): void {
    this.rates = rates;
  }

  /** The fault for the next request, if any. */
  next(): Fault | null {
    const queued = this.queue.shift();
    if (queued) return queued;
    if (!this.rates) return null;
    const { rate429 = 0, rate5xx = 0, slowRate = 0, slowMs = 2000 } = this.rates;
    const r = this.rng.next();
    if (r < rate429) return { kind: "429" };
    if (r < rate429 + rate5xx) return { kind: this.rng.pick(["500", "502", "503"] as const) };
    if (this.rng.next() < slowRate) return { kind: "slow", ms: slowMs };
    return null;
  }
}
