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

/**
 * A limiter on the fake clock whose requests are answered the instant they are sent (so a slot is
 * held from the send time on), unless a test settles the permit itself (`acquirePermit`).
 */
function limiter(quota: Quota | null, ledger: RequestLedger, time: ReturnType<typeof fakeTime>, key = "k") {
  const waits: number[] = [];
  const raw = new RateLimiter({
    key,
    quota,
    ledger,
    maxRequestMs: 5_000,
    now: time.now,
    sleep: time.sleep,
    onWait: (ms) => waits.push(ms),
  });
  const l = {
    acquire: async (signal?: AbortSignal) => (await raw.acquire(signal)).settle(),
    acquirePermit: (signal?: AbortSignal) => raw.acquire(signal),
  };
  return { l, waits };
}

const heldUntil = async (ledger: RequestLedger, key = "k") => (await ledger.holds(key, 0)).map((h) => h.heldUntil);

/** A request already sent at `atMs` and answered at once, as another process would have recorded it. */
async function recordAnswered(ledger: RequestLedger, key: string, atMs: number): Promise<void> {
  await ledger.settle(await ledger.reserve(key, atMs, atMs + 5_000), atMs);
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
    expect(await heldUntil(ledger)).toEqual([]);
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
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
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
    const granted: number[] = [];
    await Promise.all(
      [0, 1, 2].map(async () => {
        const permit = await l.acquirePermit();
        granted.push(time.clock.t);
        await permit.settle();
      }),
    );
    // The third found both slots taken (still in flight when it looked) and waited for the window.
    expect(granted.slice(0, 2)).toEqual([0, 0]);
    expect(granted[2]).toBeGreaterThanOrEqual(5_000);
    expect(waits[0]).toBe(5_000);
  });

  it("stops waiting as soon as the signal aborts", async () => {
    const ledger = new MemoryRequestLedger();
    const now = Date.now();
    await recordAnswered(ledger, "k", now);
    const l = new RateLimiter({
      key: "k",
      quota: { requests: 1, windowMs: 60_000 },
      ledger,
      maxRequestMs: 30_000,
      now: Date.now,
      sleep: realSleep,
    });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    await expect(l.acquire(controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(1000);
    // The aborted caller recorded nothing and does not hold up the next one.
    expect(await heldUntil(ledger)).toEqual([now]);
  });

  it("lets a caller queued behind a waiting one abort promptly", async () => {
    const ledger = new MemoryRequestLedger();
    await recordAnswered(ledger, "k", Date.now());
    const l = new RateLimiter({ key: "k", quota: { requests: 1, windowMs: 60_000 }, ledger, maxRequestMs: 30_000, now: Date.now, sleep: realSleep });
    const first = new AbortController();
    const second = new AbortController();
    const a = l.acquire(first.signal);
    const b = l.acquire(second.signal);
    second.abort();
    await expect(b).rejects.toMatchObject({ name: "AbortError" });
    first.abort();
    await expect(a).rejects.toMatchObject({ name: "AbortError" });
  });

  it("holds a request's slot until its answer has arrived, not just from when it was sent", async () => {
    const time = fakeTime(0);
    const { l, waits } = limiter({ requests: 1, windowMs: 1_000 }, new MemoryRequestLedger(), time);
    const permit = await l.acquirePermit();
    time.clock.t = 300; // the answer arrives: Parsec may have counted the request as late as this
    await permit.settle();
    await l.acquire();
    expect(time.clock.t).toBe(1_300);
    expect(waits).toEqual([1_000]);
  });

  it("holds the slot of a request still in flight up to its timeout, looking again often in case it is answered", async () => {
    const time = fakeTime(0);
    const { l } = limiter({ requests: 1, windowMs: 1_000 }, new MemoryRequestLedger(), time);
    await l.acquirePermit(); // never answered (a process killed mid-request leaves the same)
    time.clock.t = 1_500;
    await l.acquire();
    // maxRequestMs (5,000) after it was sent, plus the window.
    expect(time.clock.t).toBe(6_000);
    expect(Math.max(...time.clock.sleeps)).toBeLessThanOrEqual(250);
  });

  it("with any latency, never lets more than N requests ARRIVE in any window (the API counts arrivals)", async () => {
    const quota = { requests: 4, windowMs: 2_000 };
    const time = fakeTime(0);
    const { l } = limiter(quota, new MemoryRequestLedger(), time);
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const arrivals: number[] = [];
    for (let i = 0; i < 200; i++) {
      const permit = await l.acquirePermit();
      const uplink = Math.floor(random() * 400);
      const downlink = Math.floor(random() * 400);
      arrivals.push(time.clock.t + uplink);
      time.clock.t += uplink + downlink;
      await permit.settle();
    }
    for (const start of arrivals) {
      expect(arrivals.filter((t) => t > start - quota.windowMs && t <= start).length).toBeLessThanOrEqual(quota.requests);
    }
  });

  it("of two processes reserving the last slot at the same moment, only one sends", async () => {
    // Real time: their random back-off is what parts them.
    const ledger = new MemoryRequestLedger();
    const quota = { requests: 1, windowMs: 300 };
    const limiters = [0, 1].map(() => new RateLimiter({ key: "k", quota, ledger, maxRequestMs: 1_000, now: Date.now, sleep: realSleep }));
    const granted = await Promise.all(
      limiters.map(async (l) => {
        await (await l.acquire()).settle();
        return Date.now();
      }),
    );
    expect(Math.abs(granted[1]! - granted[0]!)).toBeGreaterThanOrEqual(quota.windowMs - 1);
  });
});
