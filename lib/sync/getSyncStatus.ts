import { getConfig } from "../config";
import { storedSyncErrorKind, type SyncErrorKind } from "../ingest/syncErrorKind";
import type { Db } from "../store/client";
import { getStore } from "../store/store";
import { countAllEvents } from "../events/countAllEvents";
import { describeClockDifference } from "../parsec/parsecClock";
import type { SyncProgress } from "./syncProgress";
import { syncProgressSchema } from "./syncProgressSchema";
import { readIntegrationStatus } from "../integrations/admin/integrationAdmin";
import type { IntegrationStatus } from "../integrations/status/integrationStatus";

export interface SyncRunView {
  id: number;
  kind: string;
  trigger: string;
  mode: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  fetched: number;
  inserted: number;
  updated: number;
  quarantined: number;
  error: string | null;
  /** What kind of failure `error` is, for the page to word in its reader's language; null: only the English message says. */
  errorKind: SyncErrorKind | null;
  progress: SyncProgress | null;
}

export interface SyncStatus {
  eventsStored: number;
  quarantined: number;
  coveredUntil: string | null;
  historyStartsAt: string | null;
  backfillDone: boolean;
  /** Parsec's clock minus this machine's, as Parsec's last answer showed it; `difference` says so when it is over a minute. */
  clock: { offsetMs: number; readAt: string; difference: string | null } | null;
  running: SyncRunView | null;
  runs: SyncRunView[];
}

/**
 * What the overview and GET /api/sync show: where the store stands and how the last runs went, for
 * the configured team, and how far behind each integration is.
 */
export async function readSyncStatus(limit?: number): Promise<SyncStatus & { integrations: IntegrationStatus[] }> {
  const { db } = await getStore();
  const [status, integrations] = await Promise.all([getSyncStatus(db, getConfig().parsec?.teamId ?? null, limit), readIntegrationStatus()]);
  return { ...status, integrations };
}

/** `readSyncStatus` for a given store and team. */
export async function getSyncStatus(db: Db, teamId: string | null, limit = 10): Promise<SyncStatus> {
  const [eventsStored, quarantined, checkpoint, runs] = await Promise.all([
    countAllEvents(db),
    db.quarantinedEvent.count(),
    teamId ? db.syncCheckpoint.findUnique({ where: { teamId } }) : db.syncCheckpoint.findFirst({ orderBy: { updatedAt: "desc" } }),
    db.syncRun.findMany({ orderBy: { id: "desc" }, take: limit }),
  ]);
  const views = runs.map(toRunView);
  return {
    eventsStored,
    quarantined,
    coveredUntil: checkpoint?.coveredUntil?.toISOString() ?? null,
    historyStartsAt: checkpoint?.historyStartsAt?.toISOString() ?? null,
    backfillDone: Boolean(checkpoint?.coveredUntil),
    clock:
      checkpoint?.clockOffsetMs != null && checkpoint.clockReadAt
        ? { offsetMs: checkpoint.clockOffsetMs, readAt: checkpoint.clockReadAt.toISOString(), difference: describeClockDifference(checkpoint.clockOffsetMs) }
        : null,
    running: views.find((run) => run.status === "running" && run.kind === "sync") ?? null,
    runs: views,
  };
}

function toRunView(run: Awaited<ReturnType<Db["syncRun"]["findMany"]>>[number]): SyncRunView {
  return {
    id: run.id,
    kind: run.kind,
    trigger: run.trigger,
    mode: run.mode,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    pages: run.pages,
    fetched: run.fetched,
    inserted: run.inserted,
    updated: run.updated,
    quarantined: run.quarantined,
    error: run.error,
    errorKind: storedSyncErrorKind(run.errorKind),
    progress: parseProgress(run.progress),
  };
}

/** A run's stored progress; null when there is none or it was written in a shape this version does not read. */
function parseProgress(text: string | null): SyncProgress | null {
  if (!text) return null;
  try {
    const parsed = syncProgressSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
