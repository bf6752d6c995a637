// Runs the simulated Parsec Teams API until interrupted, for the demo, manual testing and benchmarks.
// Usage: npx tsx scripts/simulator.ts [--events 100000] [--port 4010] [--order oldest-first] [--quota off]
// Prints KEY=value lines (url, team id, API keys) on stdout; progress goes to stderr.
// While it runs, POST /__simulator/scenario {"scenario": "failure-burst"} (and the other SCENARIOS)
// injects the events an alert rule watches for, at the simulated now.
import { parseArgs } from "node:util";
import { z } from "zod";
import { SCENARIOS, startSimulator, type SimulatorOptions } from "../lib/parsec/simulator/index";

const USAGE = `Usage: npx tsx scripts/simulator.ts [options]
  --events N          approximate events in the history (default 20000)
  --seed N            history seed (default 1)
  --port N            port (default 0: any free port)
  --host ADDR         address to bind (default 127.0.0.1)
  --order ORDER       newest-first (default) or oldest-first
  --quota Q           off, or REQUESTS/WINDOW_MS[/BLOCK_MS] (default 50/300000/300000)
  --retry-after       send Retry-After on 429 answers
  --days N            span of the history in days (default 90)
  --end-at DATE       end of the history, RFC 3339 (default now)
  --users N           team members (default grows with --events)
  --hosts N           host computers (default grows with --users)
  --malformed N       invalid events to mix in (default 0)
  --live MS           demo mode: append new events every MS milliseconds
  --team-id ID        team id (default derived from the seed)
  --api-key KEY       API key (default derived from the team id and seed)
  --help              show this help`;

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `--${name} must be at least ${min}`).max(max, `--${name} must be at most ${max}`));

const quotaArg = z.string().transform((text, ctx) => {
  if (text === "off") return null;
  const match = /^(\d+)\/(\d+)(?:\/(\d+))?$/.exec(text);
  if (!match) {
    ctx.addIssue({ code: "custom", message: "--quota must be off or REQUESTS/WINDOW_MS[/BLOCK_MS], e.g. 50/300000/300000" });
    return z.NEVER;
  }
  const [, requests, windowMs, blockMs = windowMs] = match;
  return { requests: Number(requests), windowMs: Number(windowMs), blockMs: Number(blockMs) };
});

const argsSchema = z.object({
  events: integer("events", 1, 20_000_000).optional(),
  seed: integer("seed", 0, Number.MAX_SAFE_INTEGER).optional(),
  port: integer("port", 0, 65_535).optional(),
  host: z.string().min(1).optional(),
  order: z.enum(["newest-first", "oldest-first"], { message: "--order must be newest-first or oldest-first" }).optional(),
  quota: quotaArg.optional(),
  "retry-after": z.boolean().optional(),
  days: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "--days must be a positive number")
    .transform(Number)
    .optional(),
  "end-at": z.iso
    .datetime({ offset: true, message: "--end-at must be an RFC 3339 date-time, e.g. 2025-06-01T00:00:00Z" })
    .transform((s) => new Date(s))
    .optional(),
  users: integer("users", 1, 50_000).optional(),
  hosts: integer("hosts", 1, 50_000).optional(),
  malformed: integer("malformed", 0, 100_000).optional(),
  live: integer("live", 10, 86_400_000).optional(),
  "team-id": z.string().optional(),
  "api-key": z.string().optional(),
});

function fail(message: string): never {
  console.error(`simulator: ${message}\n(npx tsx scripts/simulator.ts --help for usage)`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  values = parseArgs({
    options: {
      events: { type: "string" },
      seed: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      order: { type: "string" },
      quota: { type: "string" },
      "retry-after": { type: "boolean" },
      days: { type: "string" },
      "end-at": { type: "string" },
      users: { type: "string" },
      hosts: { type: "string" },
      malformed: { type: "string" },
      live: { type: "string" },
      "team-id": { type: "string" },
      "api-key": { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const { help: _help, ...rest } = values;
const parsed = argsSchema.safeParse(rest);
if (!parsed.success) fail(parsed.error.issues.map((issue) => issue.message).join("\n"));
const args = parsed.data;

const options: SimulatorOptions = {
  events: args.events,
  seed: args.seed,
  port: args.port,
  host: args.host,
  order: args.order,
  quota: args.quota,
  retryAfterHeader: args["retry-after"],
  days: args.days,
  endAt: args["end-at"],
  users: args.users,
  hosts: args.hosts,
  malformedEvents: args.malformed,
  liveAppendEveryMs: args.live,
  teamId: args["team-id"],
  apiKey: args["api-key"],
};

const started = performance.now();
let sim;
try {
  sim = await startSimulator(options);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
console.error(`simulator: ${sim.count()} events generated in ${Math.round(performance.now() - started)} ms`);
console.log(`SIMULATOR_URL=${sim.url}`);
console.log(`PARSEC_TEAM_ID=${sim.teamId}`);
console.log(`PARSEC_API_KEY=${sim.apiKey}`);
console.log(`PARSEC_API_KEY_WITHOUT_PERMISSION=${sim.apiKeyWithoutPermission}`);
console.error(`simulator: scenarios for the alert rules: curl -X POST ${sim.url}/__simulator/scenario -d '{"scenario":"<${SCENARIOS.join("|")}>"}'`);

const running = sim;
let closing = false;
const shutdown = (signal: string): void => {
  if (closing) return;
  closing = true;
  console.error(`simulator: ${signal}, closing`);
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
// The live timer is unref'd by design; this keeps the process up even if the server idles.
setInterval(() => {}, 1 << 30);
