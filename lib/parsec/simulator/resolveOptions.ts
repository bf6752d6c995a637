import { z } from "zod";
import { encodeKsuid } from "./ksuid";
import { hash32 } from "./prng";
import type { SimulatorOptions } from "./types";

/**
 * Options with defaults filled in and checked, so a typo in a benchmark script fails loudly at
 * start instead of producing a quietly odd history.
 */

const DAY_MS = 86_400_000;
/** KSUID seconds start at 2014-05-13 and fit 32 bits until 2150. */
const EARLIEST_MS = 1_400_000_000_000;
const LATEST_MS = 5_600_000_000_000;

const quotaSchema = z.object({
  requests: z.number().int().min(1),
  windowMs: z.number().int().min(1),
  blockMs: z.number().int().min(0),
});

const optionsSchema = z.object({
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  teamId: z
    .string()
    .regex(/^[0-9A-Za-z]{1,64}$/, "teamId must be 1-64 base62 characters")
    .optional(),
  apiKey: z.string().min(8).regex(/^\S+$/, "apiKey must not contain spaces").optional(),
  events: z.number().int().min(1).max(20_000_000).default(20_000),
  users: z.number().int().min(1).max(50_000).optional(),
  hosts: z.number().int().min(1).max(50_000).optional(),
  endAt: z.date().optional(),
  days: z.number().positive().max(3650).default(90),
  order: z.enum(["newest-first", "oldest-first"]).default("newest-first"),
  quota: quotaSchema.nullable().default({ requests: 50, windowMs: 300_000, blockMs: 300_000 }),
  retryAfterHeader: z.boolean().default(false),
  malformedEvents: z.number().int().min(0).max(100_000).default(0),
  liveAppendEveryMs: z.number().int().min(10).optional(),
  clockOffsetMs: z.number().int().min(-LATEST_MS).max(LATEST_MS).default(0),
  latencyMs: z
    .object({ min: z.number().int().min(0), max: z.number().int().min(0).max(60_000) })
    .refine((l) => l.min <= l.max, "latencyMs.min must not exceed latencyMs.max")
    .nullable()
    .default(null),
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(0).max(65_535).default(0),
});

export type ResolvedOptions = Omit<z.infer<typeof optionsSchema>, "teamId" | "apiKey" | "users" | "hosts" | "endAt"> & {
  teamId: string;
  apiKey: string;
  apiKeyWithoutPermission: string;
  users: number;
  hosts: number;
  endAt: Date;
};

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`invalid simulator options: ${z.prettifyError(parsed.error)}`);
  const o = parsed.data;
  const endAt = o.endAt ?? new Date(Date.now() + o.clockOffsetMs);
  const startMs = endAt.getTime() - o.days * DAY_MS;
  if (Number.isNaN(endAt.getTime()) || startMs < EARLIEST_MS || endAt.getTime() > LATEST_MS) {
    throw new Error("invalid simulator options: the history must lie between 2014-05-13 and 2150");
  }
  const teamId = o.teamId ?? defaultTeamId(o.seed);
  // A team of 25 for 20,000 events over 90 days; bigger logs come from bigger teams, not from
  // a few people connecting a thousand times a day.
  const users = o.users ?? Math.max(2, Math.min(5000, Math.round(25 * Math.sqrt(o.events / 20_000))));
  const hosts = o.hosts ?? Math.max(2, Math.round(users * 0.8));
  return {
    ...o,
    teamId,
    apiKey: o.apiKey ?? `tapi_${keyId(o.seed, 1)}.${secret(o.seed, 1)}`,
    apiKeyWithoutPermission: `tapi_${keyId(o.seed, 2)}.${secret(o.seed, 2)}`,
    users,
    hosts,
    endAt,
  };
}

/** KSUID-shaped like Parsec's team ids, dated in 2021 and fixed by the seed alone. */
function defaultTeamId(seed: number): string {
  const h = hash32(seed, 0x7ea);
  const seconds = 1_621_495_792 - 1_400_000_000 - (h % 400) * 86_400;
  return encodeKsuid([seconds, hash32(h, 1), hash32(h, 2), hash32(h, 3), hash32(h, 4)]);
}

/** A key's own id, as real keys carry: KSUID-shaped and unrelated to the team's id. */
function keyId(seed: number, which: number): string {
  const h = hash32(seed, 0x6b65, which);
  return encodeKsuid([1_700_000_000 - 1_400_000_000 - (h % 1000) * 86_400, hash32(h, 1), hash32(h, 2), hash32(h, 3), hash32(h, 4)]);
}

function secret(seed: number, which: number): string {
  let s = "";
  for (let i = 0; s.length < 32; i++) s += encodeKsuid([0, 0, 0, hash32(seed, which, i), hash32(seed, i, which)]).replace(/^0+/, "");
  return s.slice(0, 32);
}
