import { getConfig, type AppConfig } from "../config";
import { getDatabase } from "../store/client";
import { getSqlite } from "../store/sqlite";
import { startDemoParsecApi, type ParsecEndpoint } from "../demo/demoParsecApi";
import { DbRequestLedger } from "./dbRequestLedger";
import type { SyncProgress } from "./syncProgress";
import type { RunTrigger } from "../ingest/ingestRuns";
import { syncTeamEvents, type SyncResult } from "./syncTeamEvents";
import { runAlertPass } from "../alerts/alertLoop";

export interface RunSyncRequest {
  trigger: RunTrigger;
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  onStarted?: (runId: number) => void;
  /** Demo mode only: keep appending live events to the simulated API (the server does; a CLI run does not). */
  liveDemo?: boolean;
}

/** Where this installation's events come from: the team's real API, or the demo's simulated one. */
export async function resolveParsecEndpoint(config: AppConfig, liveDemo = false): Promise<ParsecEndpoint> {
  if (config.parsec) return config.parsec;
  const db = await getDatabase(config.databaseFile);
  return startDemoParsecApi(db, { events: config.demoEvents, liveAppendEveryMs: liveDemo ? 20_000 : undefined });
}

/** One sync run as configured: the same path for the scheduler, POST /api/sync and `npm run sync`. */
export async function runConfiguredSync(request: RunSyncRequest): Promise<SyncResult> {
  const config = getConfig();
  const db = await getDatabase(config.databaseFile);
  const endpoint = await resolveParsecEndpoint(config, request.liveDemo);
  // After every run, failed or not, its alerts are sent and the sync-health rules see its outcome (in the background).
  const sqlite = getSqlite(config.databaseFile);
  return syncTeamEvents({
    db,
    sqlite,
    api: {
      ...endpoint,
      apiVersion: config.api.version,
      quota: config.api.quota,
      blockMs: config.api.blockMs,
      timeoutMs: config.api.timeoutMs,
      ledger: new DbRequestLedger(db),
    },
    trigger: request.trigger,
    full: request.full,
    overlapMs: config.sync.overlapMs,
    pageSize: config.api.pageSize,
    signal: request.signal,
    onProgress: request.onProgress,
    onStarted: request.onStarted,
  }).finally(() => void runAlertPass({ db, sqlite }));
}
