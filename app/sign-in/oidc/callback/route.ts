import { cookies, headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { adminForOidcEmail } from "@/lib/auth/adminAccounts";
import { completeOidcSignIn, decodeTransaction, OidcDeniedError, OidcUnverifiedEmailError } from "@/lib/auth/oidc";
import { clientIp, ownOrigin, safeNextPath } from "@/lib/auth/requestContext";
import { createSession, endSession } from "@/lib/auth/sessions";
import { recordViewerAudit } from "@/lib/auth/viewerAudit";
import { problemResponse } from "@/lib/http/problemResponse";
import { OIDC_CALLBACK_PATH, OIDC_COOKIE } from "../../../_auth/oidcCookie";
import { sessionCookieToken, setSessionCookie } from "../../../_auth/sessionCookies";

const back = (location: string) => new Response(null, { status: 303, headers: { location } });

/**
 * Public: where the provider sends the browser back. The code is exchanged and checked against
 * this browser's attempt (state, nonce, PKCE); an allow-listed email gets a session.
 */
export async function GET(request: Request) {
  const config = getConfig();
  const oidc = config.auth.oidc;
  if (!oidc) return problemResponse(404, "Single sign-on is not configured on this server.");
  const cookieStore = await cookies();
  const transaction = decodeTransaction(cookieStore.get(OIDC_COOKIE)?.value);
  cookieStore.delete({ name: OIDC_COOKIE, path: OIDC_CALLBACK_PATH });
  if (!transaction) return back("/sign-in?oidc=expired");

  const requestHeaders = await headers();
  const ip = clientIp(requestHeaders);
  const db = await getDatabase(config.databaseFile);
  // The URL as the provider sent the browser to it (behind a proxy, request.url is the internal one).
  const callbackUrl = new URL(`${ownOrigin(requestHeaders, request.url)}${OIDC_CALLBACK_PATH}${new URL(request.url).search}`);
  let email: string;
  try {
    ({ email } = await completeOidcSignIn(oidc, callbackUrl, transaction));
  } catch (error) {
    const denied = error instanceof OidcDeniedError;
    await recordViewerAudit(db, { action: "sign_in_failed", actor: null, ip, detail: `single sign-on: ${denied ? error.message : "the provider's answer did not check out"}` });
    if (!denied) console.warn(`[parsec-viewer] OpenID Connect sign-in failed: ${(error as Error).message}`);
    return back(`/sign-in?oidc=${error instanceof OidcUnverifiedEmailError ? "unverified" : denied ? "denied" : "failed"}`);
  }
  const admin = await adminForOidcEmail(db, email);
  await endSession(db, await sessionCookieToken());
  const session = await createSession(db, admin.id, "oidc", { idleMs: config.auth.sessionIdleMs, maxMs: config.auth.sessionMaxMs });
  await db.adminAccount.update({ where: { id: admin.id }, data: { lastSignInAt: new Date() } });
  await recordViewerAudit(db, { action: "sign_in", actor: email, ip, detail: "single sign-on" });
  await setSessionCookie(session.token);
  // Checked again here: the cookie comes back from the browser, and /sign-in/oidc's check may be older than this one.
  return back(safeNextPath(transaction.next));
}
