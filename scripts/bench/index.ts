// npm run bench [-- --only NAME[,NAME]] [--max-minutes N] [benchmark flags]: runs the benchmarks of
// registry.ts, prints their figures and writes bench-results/<name>-<timestamp>.json for each.
// Benchmarks are not tests: a missed target is reported, not failed. The exit code is 1 only when
// a measurement could not be made (crash, time budget exceeded, wrong result), 2 on a usage error.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { killAllChildren, REPO_ROOT } from "./lib/child";
import type { Benchmark, BenchContext, FlagSpec } from "./lib/benchmark";
import { BENCHMARKS } from "./registry";

const RUNNER_FLAGS: Record<string, FlagSpec> = {
  only: { type: "string", help: "comma-separated benchmarks to run (default: all)" },
  "max-minutes": { type: "string", help: "time budget for the whole invocation; work still running then is stopped (default 30)" },
  out: { type: "string", help: "directory for the JSON reports (default bench-results)" },
  list: { type: "boolean", help: "list the benchmarks and exit" },
  help: { type: "boolean", help: "show this help" },
};

function usage(): string {
  const describe = (flags: Record<string, FlagSpec>) =>
    Object.entries(flags)
      .map(([name, spec]) => `  --${(spec.type === "string" ? `${name} X` : name).padEnd(20)} ${spec.help}`)
      .join("\n");
  return ["Usage: npm run bench -- [options]", describe(RUNNER_FLAGS), ...BENCHMARKS.map((b) => `\n${b.name}: ${b.description}\n${describe(b.flags)}`)].join(
    "\n",
  );
}

function fail(message: string): never {
  console.error(`bench: ${message}\n(npm run bench -- --help for usage)`);
  process.exit(2);
}

function allFlags(): Record<string, FlagSpec> {
  const flags: Record<string, FlagSpec> = { ...RUNNER_FLAGS };
  for (const benchmark of BENCHMARKS) {
    for (const [name, spec] of Object.entries(benchmark.flags)) {
      const seen = flags[name];
      if (seen && seen.type !== spec.type) throw new Error(`flag --${name} of ${benchmark.name} clashes with another of the same name`);
      flags[name] ??= spec;
    }
  }
  return flags;
}

const flags = allFlags();
let values: Record<string, string | boolean | undefined>;
try {
  const options: ParseArgsConfig["options"] = Object.fromEntries(Object.entries(flags).map(([name, spec]) => [name, { type: spec.type }]));
  values = parseArgs({ options, strict: true, allowPositionals: false }).values as typeof values;
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(usage());
  process.exit(0);
}
if (values.list) {
  for (const b of BENCHMARKS) console.log(`${b.name.padEnd(12)} ${b.description}`);
  process.exit(0);
}

const runner = z
  .object({
    only: z.string().optional(),
    "max-minutes": z
      .string()
      .regex(/^\d+(\.\d+)?$/, "--max-minutes must be a positive number")
      .transform(Number)
      .pipe(z.number().positive("--max-minutes must be a positive number"))
      .default(30),
    out: z.string().min(1).default("bench-results"),
  })
  .safeParse({ only: values.only, "max-minutes": values["max-minutes"], out: values.out });
if (!runner.success) fail(runner.error.issues.map((i) => i.message).join("\n"));
const { only, "max-minutes": maxMinutes, out } = runner.data;

const names = only
  ? only
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
  : BENCHMARKS.map((b) => b.name);
const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) fail(`unknown benchmark ${unknown.join(", ")} (known: ${BENCHMARKS.map((b) => b.name).join(", ")})`);
const selected = BENCHMARKS.filter((b) => names.includes(b.name));

// Each benchmark gets the flags it declared, checked by its own schema before anything runs.
const planned: { benchmark: Benchmark; options: unknown }[] = selected.map((benchmark) => {
  const mine = Object.fromEntries(Object.keys(benchmark.flags).map((name) => [name, values[name]]));
  const parsed = benchmark.options.safeParse(mine);
  if (!parsed.success) fail(`${benchmark.name}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return { benchmark, options: parsed.data };
});

const outDir = path.resolve(REPO_ROOT, out);
mkdirSync(outDir, { recursive: true });
const stamp = new Date()
  .toISOString()
  .replace(/\.\d+Z$/, "Z")
  .replace(/:/g, "-");
const deadline = performance.now() + maxMinutes * 60_000;
const ctx: BenchContext = { deadline, outDir, stamp, log: (line) => console.error(`bench: ${line}`) };

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}, stopping the benchmark's processes`);
    killAllChildren();
    process.exit(130);
  });
}

let failed = false;
for (const { benchmark, options } of planned) {
  ctx.log(`${benchmark.name}: ${benchmark.description}`);
  try {
    const outcome = await benchmark.run(options, ctx);
    const file = path.join(outDir, `${benchmark.name}-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(outcome.report, null, 2)}\n`);
    console.log(`\n${outcome.text}\n\nreport: ${path.relative(process.cwd(), file)}`);
    if (!outcome.ok) failed = true;
  } catch (error) {
    failed = true;
    killAllChildren();
    console.error(`bench: ${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
