import { createHash, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { runConfiguredSync } from "@/lib/sync/runConfiguredSync";
import { getSyncStatus } from "@/lib/sync/getSyncStatus";
import { SyncAlreadyRunningError } from "@/lib/sync/syncLock";
import { SyncFailedError } from "@/lib/sync/syncTeamEvents";
import { problemResponse } from "@/lib/http/problemResponse";
import { z } from "zod";

const postQuerySchema = z.object({
  wait: z.enum(["true", "false", "1", "0"]).optional(),
  full: z.enum(["true", "false", "1", "0"]).optional(),
});


/** The state of the store and of the last runs. */
export async function GET() {
  const config = getConfig();
  const db = await getDatabase(config.databaseFile);
  return Response.json(await getSyncStatus(db, config.parsec?.teamId ?? null));
}

/**
 * Runs a sync now, for a cron job: `Authorization: Bearer <SYNC_TOKEN>`. Answers 202 with the run
 * id as soon as the run has started (`?wait=true` waits for it to end), 409 when one is running.
 */
export async function POST(request: Request) {
  const config = getConfig();
  if (!config.sync.token) {
    return problemResponse(403, "POST /api/sync is disabled: set SYNC_TOKEN on the server to allow it.");
  }
  if (!tokenMatches(request.headers.get("authorization"), config.sync.token)) {
    return problemResponse(401, "Missing or wrong token: send Authorization: Bearer <SYNC_TOKEN>.");
  }
  const query = postQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problemResponse(400, "Query parameters wait and full take true or false.");
  const wait = query.data.wait === "true" || query.data.wait === "1";
  const full = query.data.full === "true" || query.data.full === "1";

  let started!: (runId: number) => void;
  const runStarted = new Promise<number>((resolve) => (started = resolve));
  const run = runConfiguredSync({ trigger: "api", full, onStarted: (id) => started(id), liveDemo: true });
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

/** Constant-time comparison of fixed-length digests, so the answer time says nothing about the token. */
function tokenMatches(header: string | null, token: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
