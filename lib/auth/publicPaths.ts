/**
 * The only paths a visitor without a session may reach: the sign-in page (and its OpenID Connect
 * callback), the health and readiness checks, and static assets. Every other page and route requires an admin;
 * lib/auth/routeProtection.test.ts walks app/ to prove it.
 */
const PUBLIC_EXACT = new Set(["/sign-in", "/api/health", "/api/ready", "/icon.svg", "/favicon.ico", "/robots.txt"]);
const PUBLIC_PREFIXES = ["/sign-in/", "/_next/static/", "/_next/image"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** Routes that also take a bearer token instead of a session (the route itself checks it). */
const BEARER_PATHS = new Set(["/api/sync", "/metrics"]);

export function acceptsBearer(pathname: string, authorization: string | null): boolean {
  return authorization !== null && BEARER_PATHS.has(pathname);
}

/** Request header in which proxy.ts passes the path and query the visitor asked for. */
export const PATH_HEADER = "x-parsec-path";
