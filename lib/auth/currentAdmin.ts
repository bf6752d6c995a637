import { getStore } from "../store/store";
import { configuredSessionPolicy, readSession, csrfTokenFor, type SessionAdmin } from "./sessions";
import { SESSION_COOKIE } from "./sessionCookie";

export interface SignedInAdmin extends SessionAdmin {
  /** The session's secret cookie value: for sign-out and password change only, never rendered. */
  sessionToken: string;
  /** Put in forms and the x-csrf-token header of state-changing requests. */
  csrfToken: string;
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** The admin signed in with this session cookie value, under the configured session policy. */
export async function adminForSessionToken(token: string | undefined): Promise<SignedInAdmin | null> {
  if (!token) return null;
  const { db } = await getStore();
  const admin = await readSession(db, token, configuredSessionPolicy());
  return admin ? { ...admin, sessionToken: token, csrfToken: csrfTokenFor(token) } : null;
}

export function adminForRequest(request: Request): Promise<SignedInAdmin | null> {
  return adminForSessionToken(cookieValue(request.headers.get("cookie"), SESSION_COOKIE));
}
