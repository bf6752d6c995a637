import * as crypto from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { bearerToken, constantTimeEqual } from "./constantTimeEqual";
import { clientIp, isHttps, originAllowed, PEER_ADDRESS_HEADER, safeNextPath } from "./requestContext";
import { contentSecurityPolicy } from "./securityHeaders";
import { sessionCookieAttributes } from "./sessionCookie";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof crypto>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

describe("safeNextPath: where to go after sign-in", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeNextPath("/events?user=1&name=client_disconnect")).toBe("/events?user=1&name=client_disconnect");
    expect(safeNextPath("/connections#top")).toBe("/connections#top");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/%0d%0aSet-Cookie:x=1".replace("%0d%0a", "\r\n"),
    "events",
    "",
    "/sign-in?next=/sign-in",
    undefined,
    42,
  ])("turns %j into /", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  // Values that pass a check of the raw string but normalise (as URL() and every browser do) to
  // another origin or a protocol-relative "//host", or that some layer could decode into one.
  const HOSTILE = [
    "/.//evil.example/phish",
    "/%2e%2e//evil.example",
    "/..//evil",
    "/a/../..//evil.example",
    "/%2e/%2E%2e//evil.example",
    "/\\evil",
    "/%5cevil",
    "/%5Cevil.example/x",
    "/%2f%2fevil.example",
    "/%2F/evil.example",
    "http:evil",
    "https:/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    "/%09/evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "/%E0%A4%A",
    "/%73ign-in",
  ];
  it.each(HOSTILE)("turns the hostile %j into /", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it("gives only values that are themselves safe: same origin, unchanged by a second pass", () => {
    const kept = ["/events?user=1", "/connections#top", "/events?q=%5C", "/events?next=//x", "/%E3%83%AD%E3%82%B0", "/a/./b/../c"];
    for (const next of [...kept, ...HOSTILE]) {
      const result = safeNextPath(next);
      expect(new URL(result, "https://viewer.test").origin).toBe("https://viewer.test");
      expect(result).toMatch(/^\/(?![/\\])/);
      expect(safeNextPath(result)).toBe(result);
    }
    expect(safeNextPath("/a/./b/../c")).toBe("/a/c");
    expect(safeNextPath("/events?q=%5C")).toBe("/events?q=%5C");
  });
});

describe("the request's origin", () => {
  const headers = (init: Record<string, string>) => new Headers({ host: "audit.example.com", ...init });

  it("accepts a POST from our own origin, refuses one from another site", () => {
    expect(originAllowed(headers({ origin: "http://audit.example.com" }))).toBe(true);
    expect(originAllowed(headers({ origin: "https://audit.example.com", "x-forwarded-proto": "https" }))).toBe(true);
    expect(originAllowed(headers({ origin: "https://evil.example" }))).toBe(false);
    expect(originAllowed(headers({ origin: "http://audit.example.com", "x-forwarded-proto": "https" }))).toBe(false);
    expect(originAllowed(headers({ origin: "null" }))).toBe(false);
    // A browser that says the request is cross-site, without an Origin.
    expect(originAllowed(headers({ "sec-fetch-site": "cross-site" }))).toBe(false);
  });

  it("knows HTTPS from the proxy's header or the URL, and sets Secure cookies then", () => {
    expect(isHttps(headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps(headers({ "x-forwarded-proto": "http" }), "https://x/")).toBe(false);
    expect(isHttps(headers({}), "https://x/")).toBe(true);
    expect(sessionCookieAttributes(true)).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
    expect(sessionCookieAttributes(false, 3_600_000)).toMatchObject({ httpOnly: true, secure: false, maxAge: 3600 });
  });

  it("without the peer header (plain next start), takes the last X-Forwarded-For entry", () => {
    expect(clientIp(headers({ "x-forwarded-for": "10.0.0.1, 198.51.100.7" }), ["loopback"])).toBe("198.51.100.7");
    expect(clientIp(headers({}), ["loopback"])).toBe("unknown");
  });

  it("reads the peer from the very header scripts/serve.mjs (npm start) writes", () => {
    const server = readFileSync(path.resolve(import.meta.dirname, "../../scripts/serve.mjs"), "utf8");
    expect(server).toContain(`const PEER_ADDRESS_HEADER = "${PEER_ADDRESS_HEADER}";`);
    expect(server).toContain("request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress");
  });

  it("with the peer (npm start), believes X-Forwarded-For only as far as trusted proxies vouch for it", () => {
    const peer = (address: string, forwarded?: string) =>
      headers({ [PEER_ADDRESS_HEADER]: address, ...(forwarded === undefined ? {} : { "x-forwarded-for": forwarded }) });
    // No proxy in front: whatever the client wrote is ignored, its own address counts.
    expect(clientIp(peer("198.51.100.7", "203.0.113.1"), ["loopback"])).toBe("198.51.100.7");
    expect(clientIp(peer("::ffff:198.51.100.7", "1.1.1.1, 2.2.2.2"), ["loopback"])).toBe("198.51.100.7");
    // A proxy on the same machine: the entry it appended is the client; what the client itself sent before it is not.
    expect(clientIp(peer("127.0.0.1", "203.0.113.1, 198.51.100.7"), ["loopback"])).toBe("198.51.100.7");
    expect(clientIp(peer("::1", "2001:db8::5"), ["loopback"])).toBe("2001:db8::5");
    expect(clientIp(peer("::ffff:127.0.0.1", "198.51.100.7"), ["loopback"])).toBe("198.51.100.7");
    // Two proxies (a load balancer in 10.0.0.0/8, then the local one).
    expect(clientIp(peer("127.0.0.1", "203.0.113.1, 198.51.100.7, 10.1.2.3"), ["loopback", "10.0.0.0/8"])).toBe("198.51.100.7");
    // A proxy that is not trusted is the client as far as we can tell.
    expect(clientIp(peer("192.0.2.50", "198.51.100.7"), ["loopback"])).toBe("192.0.2.50");
    // Nothing trusted: even a loopback peer is taken as the client.
    expect(clientIp(peer("127.0.0.1", "198.51.100.7"), [])).toBe("127.0.0.1");
    // Only trusted hops and nothing before them: the leftmost one.
    expect(clientIp(peer("127.0.0.1"), ["loopback"])).toBe("127.0.0.1");
    // Garbage in the header is an untrusted entry, never a crash.
    expect(clientIp(peer("127.0.0.1", "not-an-ip"), ["loopback"])).toBe("not-an-ip");
  });
});

describe("secret comparison", () => {
  it("compares equal-length digests with timingSafeEqual, whatever the lengths presented", () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(constantTimeEqual("a", "a much longer expected token")).toBe(false);
    expect(constantTimeEqual("a much longer expected token", "a much longer expected token")).toBe(true);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) {
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    }
  });

  it("reads a bearer token", () => {
    expect(bearerToken("Bearer abc.def")).toBe("abc.def");
    expect(bearerToken("bearer   abc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBe("");
    expect(bearerToken(null)).toBe("");
  });
});

describe("the Content-Security-Policy", () => {
  it("allows scripts only with the nonce, no inline script, no eval in production, no framing", () => {
    const csp = contentSecurityPolicy("abc123", { development: false, https: false });
    const scripts = /script-src ([^;]*)/.exec(csp)![1]!;
    expect(scripts).toContain("'nonce-abc123'");
    expect(scripts).not.toContain("unsafe-inline");
    expect(scripts).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { development: false, https: true })).toContain("upgrade-insecure-requests");
  });
});
