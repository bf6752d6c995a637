/**
 * What the server may believe about a request: where it came from, whether it came over HTTPS,
 * and whether a state-changing request was sent by one of our own pages. Pure functions of the
 * request's headers (Next.js fills in x-forwarded-proto, -host and -for from the socket when no
 * proxy in front of it did).
 */

interface HeaderReader {
  get(name: string): string | null;
}

/** The client's address: the entry the nearest proxy appended to X-Forwarded-For (the last one). */
export function clientIp(headers: HeaderReader): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return (last ?? headers.get("x-real-ip") ?? "unknown").slice(0, 64);
}

/** True when the browser reached us over HTTPS (directly, or through a proxy that says so). */
export function isHttps(headers: HeaderReader, requestUrl?: string): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (proto) return proto === "https";
  return requestUrl?.startsWith("https:") ?? false;
}

/** This server's own origin as the browser sees it, e.g. "https://audit.example.com". */
export function ownOrigin(headers: HeaderReader, requestUrl?: string): string | null {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host) return requestUrl ? new URL(requestUrl).origin : null;
  return `${isHttps(headers, requestUrl) ? "https" : "http"}://${host}`.toLowerCase();
}

/**
 * CSRF defence in depth for state-changing requests: a browser always sends Origin on a
 * cross-origin POST, and on same-origin POSTs too (Chromium, Firefox, Safari), so a POST whose
 * Origin is not ours was made by another site. With no Origin at all (a cron job's curl), the
 * request is not from a browser page; callers then rely on the bearer token or CSRF token.
 */
export function originAllowed(headers: HeaderReader, requestUrl?: string): boolean {
  const origin = headers.get("origin");
  if (origin === null) return headers.get("sec-fetch-site") === null || headers.get("sec-fetch-site") === "same-origin";
  const own = ownOrigin(headers, requestUrl);
  return own !== null && origin.toLowerCase() === own;
}

/**
 * A `next` parameter made safe to redirect to: a path on this site ("/events?user=1"), never an
 * absolute URL, a protocol-relative "//evil.example", a backslash trick or a control character.
 * Anything else gives "/".
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  try {
    const resolved = new URL(next, "http://same.invalid");
    if (resolved.origin !== "http://same.invalid") return "/";
    const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
    // Back to the sign-in page would loop.
    return resolved.pathname === "/sign-in" || resolved.pathname.startsWith("/sign-in/") ? "/" : path;
  } catch {
    return "/";
  }
}
