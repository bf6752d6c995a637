// Flag schemas the benchmarks share: command-line text in, checked values out.
import { z } from "zod";
import type { FlagSpec } from "./benchmark";

/** A whole number flag between `min` and `max`. */
export const wholeNumberFlag = (name: string, min: number, max = 20_000_000) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `--${name} must be at least ${min}`).max(max, `--${name} must be at most ${max}`));

/** --seed and --end-at: with --events they fix the simulated history, so every process generates the same events. */
export const historyFlags = {
  seed: wholeNumberFlag("seed", 0, Number.MAX_SAFE_INTEGER).default(1),
  "end-at": z.iso
    .datetime({ offset: true, message: "--end-at must be an RFC 3339 date-time, e.g. 2025-06-01T00:00:00Z" })
    .default("2025-06-01T00:00:00Z")
    .transform((s) => new Date(s)),
};

/** --events, --seed and --end-at of a benchmark over a history built once and kept under data/bench/ (events/benchDatabase.ts). */
export const cachedHistoryFlagSpecs: Record<"events" | "seed" | "end-at", FlagSpec> = {
  events: { type: "string", help: "events in the history (default 1000000; the database is built once and kept under data/bench/)" },
  seed: { type: "string", help: "simulator seed (default 1)" },
  "end-at": { type: "string", help: "end of the simulated history (default 2025-06-01T00:00:00Z)" },
};
