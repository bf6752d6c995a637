import type { Prng } from "./prng";

/**
 * When people in a Tokyo team connect: weekdays, mornings and after lunch, a thin evening tail and
 * almost nothing at night. Japan has no daylight saving time, so UTC+9 all year.
 */

const TOKYO_OFFSET_US = 9 * 3_600_000_000;
const HOUR_US = 3_600_000_000;
const DAY_US = 24 * HOUR_US;

/** Relative activity per local hour, 0h to 23h. */
const HOURLY = [1, 0.6, 0.4, 0.3, 0.3, 0.4, 1, 3, 8, 14, 15, 13, 8, 12, 14, 14, 13, 12, 10, 7, 5, 4, 3, 2];
const PEAK = Math.max(...HOURLY);
const WEEKEND_FACTOR = 0.15;

/** Relative activity at a given instant, in (0, 1]. */
export function activityAt(unixMicros: number): number {
  const local = unixMicros + TOKYO_OFFSET_US;
  const hour = Math.floor(local / HOUR_US) % 24;
  // 1970-01-01 was a Thursday: day 0 is weekday 4 when Sunday is 0.
  const weekday = (Math.floor(local / DAY_US) + 4) % 7;
  const dayFactor = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
  return ((HOURLY[hour] as number) / PEAK) * dayFactor;
}

/**
 * A work-hours-shaped instant in [fromUs, toUs], to the microsecond. Rejection sampling works for
 * any span, from minutes to years; the attempt cap only matters for spans that lie wholly at
 * night on a weekend, where a uniform instant is as good as any.
 */
export function sampleWorkTime(rng: Prng, fromUs: number, toUs: number): number {
  const span = Math.max(0, toUs - fromUs);
  let t = fromUs;
  for (let attempt = 0; attempt < 200; attempt++) {
    t = fromUs + Math.floor(rng.next() * (span + 1));
    if (rng.next() < activityAt(t)) return t;
  }
  return t;
}

/** The average of activityAt over a week (every hour of every day weighs the same). */
export const MEAN_ACTIVITY = (HOURLY.reduce((sum, a) => sum + a, 0) / PEAK / 24) * ((5 + 2 * WEEKEND_FACTOR) / 7);

/** Activity summed over [fromUs, toUs), in activity × µs, sampled each minute. */
export function activityBetween(fromUs: number, toUs: number): number {
  const step = 60_000_000;
  let total = 0;
  for (let t = fromUs; t < toUs; t += step) total += activityAt(t) * Math.min(step, toUs - t);
  return total;
}
