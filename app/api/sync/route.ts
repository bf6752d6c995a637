import { z } from "zod";
import { readSyncStatus } from "@/lib/sync/getSyncStatus";
import { startSync } from "@/lib/runner/startSync";
import { parseQuery, routeHandler } from "@/lib/routes/routeHandler";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { authorizeSyncRequest } from "@/lib/auth/authorizeSyncRequest";
import { clientIp } from "@/lib/auth/requestContext";

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((value) => value === "true" || value === "1");
const postQuerySchema = z.object({ wait: flag, full: flag });

/** The state of the store and of the last runs, for a signed-in admin or the SYNC_TOKEN bearer. */
export const GET = routeHandler({
  authorize: async (request): Promise<object | Response> =>
    request.headers.get("authorization") !== null ? authorizeSyncRequest(request) : authorizeRequest(request),
  run: () => readSyncStatus(),
});

/**
 * Runs a sync now, for a cron job (`Authorization: Bearer <SYNC_TOKEN>`) or a signed-in admin
 * (with the x-csrf-token header). Answers 202 with the run id as soon as the run has started
 * (`?wait=true` waits for it to end), 409 when one is running.
 */
export const POST = routeHandler({
  authorize: authorizeSyncRequest,
  parse: (request) => parseQuery(postQuerySchema, request, "Query parameters wait and full take true or false."),
  run: async ({ wait, full }, { caller, request }) => {
    const outcome = await startSync({
      trigger: caller.kind === "token" ? "api" : "manual",
      actor: caller.actor,
      ip: clientIp(request.headers),
      via: "api",
      full,
      wait,
    });
    return outcome.status === "started" ? Response.json({ ...outcome, statusUrl: "/api/sync" }, { status: 202 }) : outcome;
  },
});
