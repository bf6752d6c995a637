import { getConfig } from "../config";
import { ResourceNotFoundError } from "../http/requestErrors";
import { getStore } from "../store/store";
import { adminForOidcEmail } from "./adminAccounts";
import {
  beginOidcSignIn,
  completeOidcSignIn,
  decodeTransaction,
  encodeTransaction,
  OidcDeniedError,
  OidcUnverifiedEmailError,
  type OidcSettings,
} from "./oidc";
import { safeNextPath } from "./requestContext";
import { configuredSessionPolicy, createSession, endSession } from "./sessions";
import { recordViewerAudit } from "./viewerAudit";
import { logger } from "../logging/logger.mjs";

/** The single sign-on settings; a ResourceNotFoundError (404) where it is not configured. */
export function configuredOidc(): OidcSettings {
  const oidc = getConfig().auth.oidc;
  if (!oidc) throw new ResourceNotFoundError("Single sign-on is not configured on this server.");
  return oidc;
}

/** Who may call the sign-in routes of single sign-on: anyone, where it is configured. */
export async function oidcSignInAvailable(): Promise<null> {
  configuredOidc();
  return null;
}

/**
 * The first step of a single sign-on: where to send the browser, and the attempt (state, nonce,
 * PKCE verifier) for it to keep in a cookie until it comes back to `callbackUrl`. Null when the
 * provider cannot be reached (the server's log says why).
 */
export async function startOidcSignIn(callbackUrl: string, next: string): Promise<{ url: URL; attemptCookie: string } | null> {
  const oidc = configuredOidc();
  try {
    const { url, transaction } = await beginOidcSignIn(oidc, callbackUrl, next);
    return { url, attemptCookie: encodeTransaction(transaction) };
  } catch (error) {
    logger("oidc").warn(`the provider at ${oidc.issuerUrl} could not be reached: ${(error as Error).message}`);
    return null;
  }
}

export type OidcSignInResult = { ok: true; token: string; next: string } | { ok: false; reason: "expired" | "unverified" | "denied" | "failed" };

/**
 * The provider's answer, at the callback: the code is exchanged and checked against this
 * browser's attempt (`attemptCookie`: state, nonce, PKCE); an allow-listed email gets a session
 * (its account made at its first sign-in), replacing the one the browser had. Each outcome but an
 * expired attempt goes to the viewer audit.
 */
export async function signInWithOidc(input: {
  /** The URL as the provider sent the browser to it (behind a proxy, not the request's internal one). */
  callbackUrl: URL;
  attemptCookie: string | undefined;
  ip: string;
  replacingSessionToken: string | undefined;
}): Promise<OidcSignInResult> {
  const oidc = configuredOidc();
  const transaction = decodeTransaction(input.attemptCookie);
  if (!transaction) return { ok: false, reason: "expired" };
  const { db } = await getStore();
  let email: string;
  try {
    ({ email } = await completeOidcSignIn(oidc, input.callbackUrl, transaction));
  } catch (error) {
    const denied = error instanceof OidcDeniedError;
    await recordViewerAudit(db, {
      action: "sign_in_failed",
      actor: null,
      ip: input.ip,
      facts: { kind: "sso-refused", message: denied ? error.message : null },
    });
    if (!denied) logger("oidc").warn(`sign-in failed: ${(error as Error).message}`);
    return { ok: false, reason: error instanceof OidcUnverifiedEmailError ? "unverified" : denied ? "denied" : "failed" };
  }
  const admin = await adminForOidcEmail(db, email);
  await endSession(db, input.replacingSessionToken);
  const session = await createSession(db, admin.id, "oidc", configuredSessionPolicy());
  await db.adminAccount.update({ where: { id: admin.id }, data: { lastSignInAt: new Date() } });
  await recordViewerAudit(db, { action: "sign_in", actor: email, ip: input.ip, facts: { kind: "sign-in", method: "sso" } });
  // Checked again here: the cookie comes back from the browser, and the first step's check may be older than this one.
  return { ok: true, token: session.token, next: safeNextPath(transaction.next) };
}
