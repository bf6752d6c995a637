/**
 * Connection durations in half-octave buckets: bucket 0 holds durations under a second, bucket k
 * (1 ≤ k < 39) holds [2^((k-1)/2), 2^(k/2)) seconds, bucket 39 everything from 2^19 s (six days)
 * up. Sessions run from seconds to a working day, so a linear scale would waste its buckets;
 * half octaves keep a percentile read from the histogram in the exact one's bucket, so within 42%
 * of it (a bucket's bounds are √2 apart; under a second, within a second; six days and up, its
 * lower bound), and the
 * histograms of any days, users and hosts add up bucket by bucket, which is what lets the rollups
 * answer percentiles for any range without touching the connections.
 */
export const DURATION_BUCKETS = 40;

export type DurationHistogram = Map<number, number>;

export function durationBucket(seconds: number): number {
  if (!(seconds >= 1)) return 0;
  return Math.min(DURATION_BUCKETS - 1, Math.floor(2 * Math.log2(seconds)) + 1);
}

/** The bucket's range in seconds; `to` is null for the last, open-ended one. */
export function durationBucketBounds(bucket: number): { from: number; to: number | null } {
  if (bucket <= 0) return { from: 0, to: 1 };
  return { from: 2 ** ((bucket - 1) / 2), to: bucket >= DURATION_BUCKETS - 1 ? null : 2 ** (bucket / 2) };
}

/** "bucket:count,..." in bucket order, zero counts left out: the rollup's text column. */
export function encodeHistogram(histogram: DurationHistogram): string {
  return [...histogram.entries()]
    .filter(([, count]) => count !== 0)
    .sort(([a], [b]) => a - b)
    .map(([bucket, count]) => `${bucket}:${count}`)
    .join(",");
}

export function decodeHistogram(text: string, into: DurationHistogram = new Map()): DurationHistogram {
  if (text === "") return into;
  for (const part of text.split(",")) {
    const colon = part.indexOf(":");
    const bucket = Number(part.slice(0, colon));
    const count = Number(part.slice(colon + 1));
    into.set(bucket, (into.get(bucket) ?? 0) + count);
  }
  return into;
}

/** Adds `more` times `sign` into `into`. */
export function addHistogram(into: DurationHistogram, more: ReadonlyMap<number, number>, sign = 1): DurationHistogram {
  for (const [bucket, count] of more) into.set(bucket, (into.get(bucket) ?? 0) + sign * count);
  return into;
}

/**
 * The q-quantile (0 < q ≤ 1) of the durations a histogram holds, in seconds, or null when it is
 * empty. Inside its bucket the value is placed by rank on the log scale the buckets use.
 */
export function histogramQuantile(histogram: ReadonlyMap<number, number>, q: number): number | null {
  const buckets = [...histogram.entries()].filter(([, c]) => c > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, c]) => sum + c, 0);
  if (total === 0) return null;
  const rank = Math.min(total, Math.max(1, Math.ceil(q * total)));
  let before = 0;
  for (const [bucket, count] of buckets) {
    if (before + count >= rank) {
      const { from, to } = durationBucketBounds(bucket);
      if (to === null) return from;
      const position = (rank - before - 0.5) / count;
      return bucket === 0 ? from + (to - from) * position : from * (to / from) ** position;
    }
    before += count;
  }
  return null;
}
