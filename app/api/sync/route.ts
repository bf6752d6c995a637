import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { runConfiguredSync } from "@/lib/sync/runConfiguredSync";
import { getSyncStatus } from "@/lib/sync/getSyncStatus";
import { SyncAlreadyRunningError } from "@/lib/ingest/syncLock";
import { SyncFailedError } from "@/lib/sync/syncTeamEvents";
import { problemResponse } from "@/lib/http/problemResponse";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { authorizeSyncRequest } from "@/lib/auth/authorizeSyncRequest";
import { clientIp } from "@/lib/auth/requestContext";
import { recordViewerAudit } from "@/lib/auth/viewerAudit";
import { z } from "zod";

const postQuerySchema = z.object({
  wait: z.enum(["true", "false", "1", "0"]).optional(),
  full: z.enum(["true", "false", "1", "0"]).optional(),
});

/** The state of the store and of the last runs, for a signed-in admin or the SYNC_TOKEN bearer. */
export async function GET(request: Request) {
  const caller = request.headers.get("authorization") !== null ? await authorizeSyncRequest(request) : await authorizeRequest(request);
  if (caller instanceof Response) return caller;
  const config = getConfig();
  const db = await getDatabase(config.databaseFile);
  return Response.json(await getSyncStatus(db, config.parsec?.teamId ?? null));
}

/**
 * Runs a sync now, for a cron job (`Authorization: Bearer <SYNC_TOKEN>`) or a signed-in admin
 * (with the x-csrf-token header). Answers 202 with the run id as soon as the run has started
 * (`?wait=true` waits for it to end), 409 when one is running.
 */
export async function POST(request: Request) {
  const caller = await authorizeSyncRequest(request);
  if (caller instanceof Response) return caller;
  const query = postQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problemResponse(400, "Query parameters wait and full take true or false.");
  const wait = query.data.wait === "true" || query.data.wait === "1";
  const full = query.data.full === "true" || query.data.full === "1";

  let started!: (runId: number) => void;
  const runStarted = new Promise<number>((resolve) => (started = resolve));
  const db = await getDatabase(getConfig().databaseFile);
  await recordViewerAudit(db, { action: "sync_started", actor: caller.actor, ip: clientIp(request.headers), detail: `POST /api/sync${full ? " (full)" : ""}` });
  const run = runConfiguredSync({ trigger: caller.kind === "token" ? "api" : "manual", full, onStarted: (id) => started(id), liveDemo: true });
  // A run that fails after it started is recorded in its run row; this keeps it from going unhandled.
  run.catch(() => undefined);
  try {
    if (wait) {
      const result = await run;
      return Response.json({ status: "succeeded", ...result });
    }
    const runId = await Promise.race([runStarted, run.then((r) => r.runId)]);
    return Response.json({ status: "started", runId, statusUrl: "/api/sync" }, { status: 202 });
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError) return problemResponse(409, error.message);
    if (error instanceof SyncFailedError) {
      return Response.json({ status: "failed", runId: error.runId, message: error.message }, { status: 502 });
    }
    throw error;
  }
}
