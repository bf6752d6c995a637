import { describe, expect, it } from "vitest";
import { quotaDelay, RateLimiter, type Quota } from "./rateLimiter";
import { MemoryRequestLedger, type RequestLedger } from "./requestLedger";
import { sleep as realSleep } from "./sleep";

/** A clock that only moves when someone sleeps, so waits are measured exactly and instantly. */
function fakeTime(start = 1_000_000) {
  const clock = { t: start, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
}

function limiter(quota: Quota | null, ledger: RequestLedger, time: ReturnType<typeof fakeTime>, key = "k") {
  const waits: number[] = [];
  const l = new RateLimiter({
    key,
    quota,
    ledger,
    now: time.now,
    sleep: time.sleep,
    onWait: (ms) => waits.push(ms),
  });
  return { l, waits };
}

describe("quotaDelay", () => {
  const quota = { requests: 3, windowMs: 1000 };

  it("is 0 while fewer than N requests are in the window", () => {
    expect(quotaDelay([], 5000, quota)).toBe(0);
    expect(quotaDelay([4100, 4500], 5000, quota)).toBe(0);
    // Requests that left the window do not count; one sent exactly windowMs ago has left.
    expect(quotaDelay([1000, 2000, 3000, 4000, 4500, 4600], 5000, quota)).toBe(0);
  });

  it("waits exactly until the oldest request in the window leaves it", () => {
    expect(quotaDelay([4200, 4500, 4900], 5000, quota)).toBe(200);
    expect(quotaDelay([4900, 4200, 4500], 5000, quota)).toBe(200);
    expect(quotaDelay([4001, 4002, 4003], 5000, quota)).toBe(1);
  });

  it("with more than N in the window (another process overran), waits for enough to leave", () => {
    // 5 in the window, 3 allowed: the 3 oldest must leave, so the wait ends when 4300 does.
    expect(quotaDelay([4100, 4200, 4300, 4400, 4500], 5000, quota)).toBe(300);
  });
});

describe("RateLimiter", () => {
  it("does nothing, and records nothing, when the quota is null", async () => {
    const ledger = new MemoryRequestLedger();
    const time = fakeTime();
    const { l } = limiter(null, ledger, time);
    for (let i = 0; i < 100; i++) await l.acquire();
    expect(time.clock.sleeps).toEqual([]);
    expect(await ledger.recent("k", 0)).toEqual([]);
  });

  it("waits exactly until the oldest request leaves the window, and reports the wait", async () => {
    const time = fakeTime(0);
    const { l, waits } = limiter({ requests: 3, windowMs: 1000 }, new MemoryRequestLedger(), time);
    await l.acquire();
    time.clock.t = 100;
    await l.acquire();
    time.clock.t = 200;
    await l.acquire();
    time.clock.t = 300;
    await l.acquire();
    expect(time.clock.sleeps).toEqual([700]);
    expect(waits).toEqual([700]);
    expect(time.clock.t).toBe(1000);
  });

  it("never lets more than N requests into any window, whatever the arrival pattern", async () => {
    const quota = { requests: 5, windowMs: 10_000 };
    const time = fakeTime(0);
    const ledger = new MemoryRequestLedger();
    const { l } = limiter(quota, ledger, time);
    const sent: number[] = [];
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 300; i++) {
      time.clock.t += Math.floor(random() * 3000); // bursts and lulls
      await l.acquire();
      sent.push(time.clock.t);
    }
    for (const start of sent) {
      const inWindow = sent.filter((t) => t >= start && t < start + quota.windowMs).length;
      expect(inWindow).toBeLessThanOrEqual(quota.requests);
    }
    // ...and it did have to wait, so the check above was not vacuous.
    expect(time.clock.sleeps.length).toBeGreaterThan(10);
  });

  it("counts requests made through another limiter sharing the ledger (another process)", async () => {
    const ledger = new MemoryRequestLedger();
    const quota = { requests: 3, windowMs: 60_000 };
    const time = fakeTime(0);
    const cli = limiter(quota, ledger, time);
    const server = limiter(quota, ledger, time);
    await cli.l.acquire();
    time.clock.t = 10_000;
    await cli.l.acquire();
    time.clock.t = 20_000;
    await server.l.acquire();
    time.clock.t = 30_000;
    await server.l.acquire();
    expect(server.waits).toEqual([30_000]);
    expect(time.clock.t).toBe(60_000);
    // A different key is a different quota.
    const other = limiter(quota, ledger, time, "other-key");
    await other.l.acquire();
    expect(other.waits).toEqual([]);
  });

  it("makes concurrent callers in one process take turns", async () => {
    const time = fakeTime(0);
    const { l, waits } = limiter({ requests: 2, windowMs: 5_000 }, new MemoryRequestLedger(), time);
    await Promise.all([l.acquire(), l.acquire(), l.acquire()]);
    expect(waits).toEqual([5_000]);
  });

  it("stops waiting as soon as the signal aborts", async () => {
    const ledger = new MemoryRequestLedger();
    const now = Date.now();
    await ledger.record("k", now);
    const l = new RateLimiter({
      key: "k",
      quota: { requests: 1, windowMs: 60_000 },
      ledger,
      now: Date.now,
      sleep: realSleep,
    });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    await expect(l.acquire(controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(1000);
    // The aborted caller recorded nothing and does not hold up the next one.
    expect(await ledger.recent("k", 0)).toEqual([now]);
  });

  it("lets a caller queued behind a waiting one abort promptly", async () => {
    const ledger = new MemoryRequestLedger();
    await ledger.record("k", Date.now());
    const l = new RateLimiter({ key: "k", quota: { requests: 1, windowMs: 60_000 }, ledger, now: Date.now, sleep: realSleep });
    const first = new AbortController();
    const second = new AbortController();
    const a = l.acquire(first.signal);
    const b = l.acquire(second.signal);
    second.abort();
    await expect(b).rejects.toMatchObject({ name: "AbortError" });
    first.abort();
    await expect(a).rejects.toMatchObject({ name: "AbortError" });
  });
});
