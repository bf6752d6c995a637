/**
 * The session cookie's name and attributes: one definition for the server code that sets it and
 * for proxy.ts, which only looks whether it is there (the real check is `readSession`).
 */
export const SESSION_COOKIE = "parsec_session";

export interface CookieAttributes {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge?: number;
}

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs; a top-level link from
 * elsewhere still arrives signed in), Secure whenever the request came over HTTPS.
 */
export function sessionCookieAttributes(secure: boolean, maxAgeMs?: number): CookieAttributes {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", ...(maxAgeMs === undefined ? {} : { maxAge: Math.floor(maxAgeMs / 1000) }) };
}
