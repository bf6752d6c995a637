import { cookies, headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { isHttps } from "@/lib/auth/requestContext";
import { SESSION_COOKIE, sessionCookieAttributes } from "@/lib/auth/sessionCookie";

/** Sets the session cookie on the answer of a server action or route handler. */
export async function setSessionCookie(token: string): Promise<void> {
  const secure = isHttps(await headers());
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieAttributes(secure, getConfig().auth.sessionMaxMs));
}

export async function clearSessionCookie(): Promise<void> {
  const secure = isHttps(await headers());
  (await cookies()).set(SESSION_COOKIE, "", sessionCookieAttributes(secure, 0));
}

export async function sessionCookieToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}
