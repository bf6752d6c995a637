// What a benchmark is, for the registry (../registry.ts) and the runner (../index.ts).
import type { z } from "zod";

export interface FlagSpec {
  type: "string" | "boolean";
  /** Shown in --help; say the default here (the benchmark's zod schema applies it). */
  help: string;
}

export interface BenchContext {
  /** performance.now() past which the benchmark must stop (kill its children, report what it has). */
  deadline: number;
  /** Directory for reports and artefacts (bench-results/). */
  outDir: string;
  /** Shared by every file this invocation writes, e.g. 2025-06-01T12-00-00Z. */
  stamp: string;
  /** Progress, on stderr. */
  log(line: string): void;
}

export interface BenchOutcome {
  /** The human summary, printed on stdout. */
  text: string;
  /** Written as bench-results/<name>-<stamp>.json. */
  report: Record<string, unknown>;
  /** False when the measurement itself failed (crash, timeout, wrong result); a missed target is not a failure. */
  ok: boolean;
}

export interface Benchmark<Options = unknown> {
  name: string;
  description: string;
  flags: Record<string, FlagSpec>;
  /** Turns the parsed flags into the benchmark's options; throws a ZodError on bad input. */
  options: z.ZodType<Options>;
  run(options: Options, ctx: BenchContext): Promise<BenchOutcome>;
}

export function defineBenchmark<Options>(benchmark: Benchmark<Options>): Benchmark {
  return benchmark as unknown as Benchmark;
}
