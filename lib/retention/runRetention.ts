import { z } from "zod";
import type { ViewerAuditFacts } from "../auth/viewerAuditFacts";
import type { AppConfig } from "../config";
import { DAY_MS } from "../connections/rollupContributions";
import { recordViewerAudit } from "../auth/viewerAudit";
import type { Db } from "../store/client";
import type { Store } from "../store/store";
import { writeTransaction } from "../store/sqlite";
import { deleteExpired, emptyCounts, type RetentionCounts } from "./deleteExpired";

export type RetentionPolicy = NonNullable<AppConfig["retention"]>;

/** Where the last run is kept for the overview (AppSetting), as `RetentionRun`'s JSON. */
const LAST_RUN_KEY = "retention.lastRun";

const retentionRunSchema = z.object({
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  cutoff: z.iso.datetime(),
  rollupCutoff: z.iso.datetime().nullable(),
  events: z.number().int(),
  connections: z.number().int(),
  quarantined: z.number().int(),
  rollups: z.number().int(),
  heldUndelivered: z.number().int(),
  /** Why the run stopped early (what it had deleted by then is counted); null: it finished. */
  error: z.string().nullable(),
});

export type RetentionRun = z.infer<typeof retentionRunSchema>;

export interface RunRetentionOptions {
  now?: number;
  /** Destinations whose undelivered events are kept (the configured ones). */
  destinations: AppConfig["integrations"]["destinations"];
  batchRows?: number;
  pause?: () => Promise<void>;
  signal?: AbortSignal;
}

/** A turn of the event loop between batches, so the sync's pages, timers and answers go first. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One run of the policy: deletes what it allows (lib/retention/deleteExpired.ts), then keeps the
 * run for the overview and, when it deleted anything, records it with its counts in the viewer
 * audit. A run that fails or is stopped midway keeps what it committed and says why it stopped.
 */
export async function runRetention(store: Store, policy: RetentionPolicy, options: RunRetentionOptions): Promise<RetentionRun> {
  const now = options.now ?? Date.now();
  const startedAt = new Date().toISOString();
  const cutoffMs = now - policy.eventDays * DAY_MS;
  const rollupCutoffMs = policy.rollupDays === null ? null : now - policy.rollupDays * DAY_MS;
  const counts = emptyCounts();
  let error: string | null = null;
  try {
    await deleteExpired(
      store.sqlite,
      {
        cutoffMs,
        rollupCutoffMs,
        destinations: options.destinations,
        ignoreUndelivered: policy.ignoreUndelivered,
        batchRows: options.batchRows,
        pause: options.pause ?? yieldToOthers,
        signal: options.signal,
      },
      counts,
    );
  } catch (caught) {
    error = (caught as Error).message;
  }
  const run: RetentionRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    cutoff: new Date(cutoffMs).toISOString(),
    rollupCutoff: rollupCutoffMs === null ? null : new Date(rollupCutoffMs).toISOString(),
    ...counts,
    error,
  };
  await writeTransaction(store.sqlite, () =>
    store.sqlite
      .prepare(`INSERT INTO "AppSetting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`)
      .run(LAST_RUN_KEY, JSON.stringify(run)),
  );
  if (deletedAnything(run)) await recordViewerAudit(store.db, { action: "retention", actor: "retention policy", facts: retentionFacts(run, policy) });
  return run;
}

export const deletedAnything = (counts: RetentionCounts) => counts.events + counts.connections + counts.quarantined + counts.rollups > 0;

/** What a run did, as the viewer audit keeps it (and, in English, the server's log line). */
export function retentionFacts(run: RetentionRun, policy: RetentionPolicy): ViewerAuditFacts {
  return {
    kind: "retention",
    events: run.events,
    connections: run.connections,
    quarantined: run.quarantined,
    rollups: run.rollups,
    eventDays: policy.eventDays,
    rollupDays: policy.rollupDays,
    heldUndelivered: run.heldUndelivered,
    error: run.error ?? null,
  };
}

/** The last run as the overview shows it; null before the first (or when its record cannot be read). */
export async function readLastRetentionRun(db: Db): Promise<RetentionRun | null> {
  const row = await db.appSetting.findUnique({ where: { key: LAST_RUN_KEY } });
  if (!row) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    return null;
  }
  const parsed = retentionRunSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
