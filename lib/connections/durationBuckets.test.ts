import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addHistogram, decodeHistogram, DURATION_BUCKETS, durationBucket, durationBucketBounds, encodeHistogram, histogramQuantile } from "./durationBuckets";

describe("duration buckets", () => {
  it("put every duration inside its bucket's bounds", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (seconds) => {
        const bucket = durationBucket(seconds);
        expect(bucket).toBeGreaterThanOrEqual(0);
        expect(bucket).toBeLessThan(DURATION_BUCKETS);
        const { from, to } = durationBucketBounds(bucket);
        expect(seconds).toBeGreaterThanOrEqual(from * (1 - 1e-12));
        if (to !== null) expect(seconds).toBeLessThan(to * (1 + 1e-12));
      }),
    );
  });

  it("encode sparsely and add up, negative changes included", () => {
    const histogram = decodeHistogram("3:2,10:1");
    expect(
      encodeHistogram(
        addHistogram(
          histogram,
          new Map([
            [10, -1],
            [4, 1],
          ]),
        ),
      ),
    ).toBe("3:2,4:1");
    expect(encodeHistogram(new Map())).toBe("");
    expect(decodeHistogram("")).toEqual(new Map());
  });

  it("read quantiles within the bucket of the exact value", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (durations, q) => {
          const histogram = new Map<number, number>();
          for (const d of durations) histogram.set(durationBucket(d), (histogram.get(durationBucket(d)) ?? 0) + 1);
          const sorted = [...durations].sort((a, b) => a - b);
          const exact = sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
          const { from, to } = durationBucketBounds(durationBucket(exact));
          const value = histogramQuantile(histogram, q)!;
          expect(value).toBeGreaterThanOrEqual(from);
          expect(value).toBeLessThanOrEqual(to ?? Infinity);
        },
      ),
    );
    expect(histogramQuantile(new Map(), 0.5)).toBeNull();
  });
});
