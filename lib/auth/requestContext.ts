/**
 * What the server may believe about a request: where it came from, whether it came over HTTPS,
 * and whether a state-changing request was sent by one of our own pages. Pure functions of the
 * request's headers (Next.js fills in x-forwarded-proto, -host and -for from the socket when no
 * proxy in front of it did).
 */
import { BlockList, isIP } from "node:net";
import { getConfig, proxyRanges } from "../config";

interface HeaderReader {
  get(name: string): string | null;
}

/** Set by scripts/serve.mjs (`npm start`) on every request to the TCP peer's address, overwriting any client's copy. */
export const PEER_ADDRESS_HEADER = "x-parsec-peer-address";

/**
 * The client's address, for the per-address sign-in limit and the viewer audit. The chain is
 * X-Forwarded-For's entries followed by the TCP peer; read from the right, each address that is a
 * trusted proxy (TRUSTED_PROXIES, by default the loopback addresses of a proxy on the same machine)
 * vouches for the entry to its left, and the first one that is not trusted is the client. So a
 * client that writes its own X-Forwarded-For gains nothing: without a trusted proxy in front, its
 * own address is the peer and the header is never read.
 * Without the peer header (the app run by plain `next start`, which keeps a client's
 * X-Forwarded-For), the last X-Forwarded-For entry is all there is: README says to use `npm start`.
 */
export function clientIp(headers: HeaderReader, trustedProxies: readonly string[] = getConfig().auth.trustedProxies): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const peer = headers.get(PEER_ADDRESS_HEADER);
  if (peer === null) return (forwarded.at(-1) ?? headers.get("x-real-ip") ?? "unknown").slice(0, 64);
  const chain = [...forwarded, peer].map(unmapIpv4);
  const trusted = trustList(trustedProxies);
  let index = chain.length - 1;
  while (index > 0 && isTrusted(trusted, chain[index]!)) index -= 1;
  return chain[index]!.slice(0, 64);
}

/** "::ffff:127.0.0.1" (an IPv4 client of a dual-stack socket) is 127.0.0.1. */
function unmapIpv4(address: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

const trustLists = new Map<string, BlockList>();

/** TRUSTED_PROXIES' entries (checked by lib/config.ts) as a lookup. */
function trustList(entries: readonly string[]): BlockList {
  const key = entries.join(",");
  let list = trustLists.get(key);
  if (!list) {
    list = new BlockList();
    for (const range of entries.flatMap((entry) => proxyRanges(entry) ?? [])) list.addSubnet(range.address, range.prefix, range.type);
    trustLists.set(key, list);
  }
  return list;
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

const SAME_ORIGIN_BASE = new URL("http://same.invalid");

/**
 * A path a browser resolves on this origin: "/" not followed by another slash or a backslash
 * (either makes "//host", a protocol-relative URL), and no backslash or control character anywhere
 * (browsers read "\\" as "/" and drop tabs and newlines).
 */
function isLocalPath(value: string): boolean {
  return /^\/(?![/\\])/.test(value) && !/[\u0000-\u001f\u007f\\]/.test(value);
}

function decodedOrNull(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * A `next` parameter made safe to redirect to: a path on this site ("/events?user=1"), never an
 * absolute URL, a protocol-relative "//evil.example", a backslash trick or a control character.
 * Anything else gives "/". The one check for every redirect that takes a `next` (the sign-in page,
 * the sign-in and password-change actions, the OpenID Connect callback).
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return "/";
  // The value as given: "http:evil" and "\\evil" are no paths, though URL() resolves the first one here.
  if (!isLocalPath(next)) return "/";
  let resolved: URL;
  try {
    resolved = new URL(next, SAME_ORIGIN_BASE);
  } catch {
    return "/";
  }
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // And what is sent, which is the normalised form: "/.//evil.example" and "/%2e%2e//evil.example"
  // normalise to "//evil.example". Its path decoded too, for whatever decodes "%2f" or "%5c" before following it.
  const decoded = decodedOrNull(resolved.pathname) ?? "";
  if (resolved.origin !== SAME_ORIGIN_BASE.origin || !isLocalPath(path) || !isLocalPath(decoded)) return "/";
  // Back to the sign-in page would loop.
  return decoded === "/sign-in" || decoded.startsWith("/sign-in/") ? "/" : path;
}
