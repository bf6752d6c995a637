import { problemResponse } from "../http/problemResponse";
import { adminForRequest, type SignedInAdmin } from "./currentAdmin";
import { originAllowed } from "./requestContext";
import { csrfTokenMatches } from "./sessions";

export const CSRF_HEADER = "x-csrf-token";

const SIGN_IN_REQUIRED = "Sign in first: this route is for signed-in admins.";

/**
 * The check at the top of every route handler (only /api/health goes without): a signed-in admin
 * whose password change is not pending, and for a state-changing method, a request from one of
 * our own pages (Origin) carrying the session's CSRF token. Returns the admin, or the answer to
 * send instead (401, or 403 for a CSRF failure).
 */
export async function authorizeRequest(request: Request): Promise<SignedInAdmin | Response> {
  const admin = await adminForRequest(request);
  if (!admin) return problemResponse(401, SIGN_IN_REQUIRED);
  if (admin.mustChangePassword) return problemResponse(403, "Choose a new password first (/admin/password).");
  if (!["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase())) {
    if (!originAllowed(request.headers, request.url) || !csrfTokenMatches(admin.sessionToken, request.headers.get(CSRF_HEADER))) {
      return problemResponse(403, `Cross-site request refused: send the ${CSRF_HEADER} header from a page of this site.`);
    }
  }
  return admin;
}
