import { recordViewerAudit } from "../auth/viewerAudit";
import { getStore } from "../store/store";
import type { RunTrigger } from "../ingest/ingestRuns";
import type { SyncResult } from "../sync/syncTeamEvents";
import { getIngestRunner } from "./ingestRunnerHost";
import { syncResultSchema } from "./runnerProtocol";

export interface SyncStartRequest {
  trigger: Extract<RunTrigger, "api" | "manual">;
  /** Who asked (an admin's email, or "sync-token"), from where, and how: for the viewer audit. */
  actor: string;
  ip: string;
  /** Which way it was asked for. */
  via: "button" | "api";
  full?: boolean;
  /** Wait for the run to end (and throw SyncFailedError if it fails), rather than only for it to start. */
  wait?: boolean;
}

export type SyncStartOutcome = ({ status: "succeeded" } & SyncResult) | { status: "started"; runId: number };

/**
 * A sync started by someone (the overview's button, POST /api/sync): recorded in the viewer audit,
 * then run by the ingest runner as its scheduler runs it, off the thread that serves pages. Comes
 * back as soon as the run has started, or, with `wait`, when it has ended. Throws
 * SyncAlreadyRunningError when another run holds the lease.
 */
export async function startSync(request: SyncStartRequest): Promise<SyncStartOutcome> {
  const { db } = await getStore();
  await recordViewerAudit(db, {
    action: "sync_started",
    actor: request.actor,
    ip: request.ip,
    facts: { kind: "sync-started", via: request.via, full: request.full ?? false },
  });
  let started!: (runId: number) => void;
  const runStarted = new Promise<number>((resolve) => (started = resolve));
  const run = getIngestRunner()
    .request({ type: "sync", trigger: request.trigger, full: request.full ?? false }, { onStarted: (id) => started(id) })
    .then((result) => syncResultSchema.parse(result));
  // A run that fails after it started is recorded in its run row; this keeps it from going unhandled.
  run.catch(() => undefined);
  if (request.wait) return { status: "succeeded", ...(await run) };
  return { status: "started", runId: await Promise.race([runStarted, run.then((result) => result.runId)]) };
}
