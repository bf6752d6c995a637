// The benchmarks `npm run bench` knows. Adding one: a module exporting defineBenchmark({...}),
// listed below. Each declares its own command-line flags and their defaults; a flag two benchmarks
// share (such as --events) must have the same type in both, and is given to both.
import type { Benchmark } from "./lib/benchmark";
import { connectionsBenchmark } from "./connections";
import { connectionPagesBenchmark } from "./connections/pages";
import { eventsBenchmark } from "./events";
import { forwardBenchmark } from "./forward";
import { syncBenchmark } from "./sync";
import { backfillBenchmark } from "./backfill";
import { alertsBenchmark } from "./alerts";

export const BENCHMARKS: Benchmark[] = [
  syncBenchmark,
  connectionsBenchmark,
  connectionPagesBenchmark,
  eventsBenchmark,
  backfillBenchmark,
  forwardBenchmark,
  alertsBenchmark,
];
