import { z } from "zod";
import type { SyncProgress } from "./syncProgress";

/**
 * A run's progress as its row stores it: JSON written by the ingest runner's thread (maybe by
 * another version), read back by the overview and GET /api/sync. Apart from syncProgress.ts,
 * which the browser's bundle carries, so that zod stays out of it.
 */

const iso = z.string().refine((text) => !Number.isNaN(Date.parse(text)), "an ISO date-time");

export const syncProgressSchema = z.object({
  mode: z.enum(["backfill", "incremental", "full"]),
  pages: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  window: z.object({ startAt: iso.nullable(), endAt: iso }),
  oldestSeen: iso.nullable(),
  newestSeen: iso.nullable(),
  order: z.enum(["unknown", "newest-first", "oldest-first", "mixed"]),
  eventsPerSecond: z.number().nullable(),
  quotaCeilingPerHour: z.number().nullable(),
  estimate: z.object({ remainingEvents: z.number(), remainingMs: z.number(), basis: z.string(), sharePercent: z.number().optional() }).nullable(),
  noEstimate: z.string().nullable(),
  waiting: z.object({ reason: z.string(), until: iso, detail: z.string() }).nullable(),
  updatedAt: iso,
}) satisfies z.ZodType<SyncProgress>;
