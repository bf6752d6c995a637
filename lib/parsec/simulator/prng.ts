/**
 * Seeded randomness. Everything the simulator makes comes from here, never from Math.random, so
 * that one seed always gives the same bytes. Events are regenerated on demand, so each flow owns an
 * independent stream derived from (seed, flow index, stream): no global cursor to replay.
 */

/** MurmurHash3's 32-bit finaliser: cheap, and neighbouring inputs come out uncorrelated. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes up to three integers (each of magnitude below 2^53) into 32 bits. */
export function hash32(a: number, b = 0, c = 0): number {
  let h = 0x9e3779b9;
  h = mix32(h ^ (a >>> 0));
  h = mix32(h ^ high32(a));
  h = mix32(h ^ (b >>> 0) ^ 0x85ebca6b);
  h = mix32(h ^ high32(b));
  h = mix32(h ^ (c >>> 0) ^ 0xc2b2ae35);
  h = mix32(h ^ high32(c));
  return h;
}

function high32(x: number): number {
  return Math.floor(x / 0x1_0000_0000) >>> 0;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A small fast generator (sfc32); good statistical quality for simulation, not for secrets. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0, salt = 0) {
    this.a = hash32(seed, stream, salt);
    this.b = hash32(this.a, seed, 0x51ed270b);
    this.c = hash32(this.b, stream, 0x2545f491);
    this.d = 1;
    // sfc32 needs a few rounds before similar seeds diverge.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)] as T;
  }

  /** Standard normal (Box-Muller); used for log-normal durations. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Eight lower-case hex digits. */
  hex8(): string {
    // Number#toString(16) is slow enough to show up when a page renders a thousand attempt ids.
    const x = this.uint32();
    return (HEX_BYTE[x >>> 24] as string) + HEX_BYTE[(x >>> 16) & 0xff] + HEX_BYTE[(x >>> 8) & 0xff] + HEX_BYTE[x & 0xff];
  }

  /** Lower-case hex of `digits` characters. */
  hex(digits: number): string {
    let s = "";
    while (s.length < digits) s += this.hex8();
    return s.slice(0, digits);
  }
}

/** Weighted choice with the cumulative table built once, so picks stay O(log n). */
export class WeightedTable<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [value, weight] of entries) {
      if (!(weight > 0)) continue;
      this.total += weight;
      this.values.push(value);
      this.cumulative.push(this.total);
    }
    if (this.values.length === 0) throw new Error("weighted table needs a positive weight");
  }

  pick(rng: Prng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}
