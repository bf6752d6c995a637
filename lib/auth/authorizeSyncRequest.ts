import { getConfig } from "../config";
import { problemResponse } from "../http/problemResponse";
import { CSRF_HEADER } from "./authorizeRequest";
import { bearerToken, constantTimeEqual } from "./constantTimeEqual";
import { adminForRequest } from "./currentAdmin";
import { originAllowed } from "./requestContext";
import { csrfTokenMatches } from "./sessions";

export type SyncCaller = { kind: "token"; actor: "sync-token" } | { kind: "admin"; actor: string };

export const WRONG_TOKEN = "Missing or wrong token: send Authorization: Bearer <SYNC_TOKEN>.";

/**
 * Who may start a sync through POST /api/sync: a cron job with the SYNC_TOKEN bearer (compared in
 * constant time), or a signed-in admin from one of our pages (Origin and the session's CSRF
 * token). Nothing else: a session cookie alone, as a cross-site form would send it, is refused.
 */
export async function authorizeSyncRequest(request: Request): Promise<SyncCaller | Response> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const token = getConfig().sync.token;
    if (!token) return problemResponse(403, "The SYNC_TOKEN bearer is disabled: set SYNC_TOKEN on the server to allow it.");
    return constantTimeEqual(bearerToken(authorization), token) ? { kind: "token", actor: "sync-token" } : problemResponse(401, WRONG_TOKEN);
  }
  const admin = await adminForRequest(request);
  if (!admin || admin.mustChangePassword) return problemResponse(401, WRONG_TOKEN);
  if (!originAllowed(request.headers, request.url) || !csrfTokenMatches(admin.sessionToken, request.headers.get(CSRF_HEADER))) {
    return problemResponse(401, `Cross-site request refused: a signed-in admin's request must carry the ${CSRF_HEADER} header of its session.`);
  }
  return { kind: "admin", actor: admin.email };
}
