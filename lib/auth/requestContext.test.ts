import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { bearerToken, constantTimeEqual } from "./constantTimeEqual";
import { clientIp, isHttps, originAllowed, safeNextPath } from "./requestContext";
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

  it("takes the client address the nearest proxy appended", () => {
    expect(clientIp(headers({ "x-forwarded-for": "10.0.0.1, 198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientIp(headers({}))).toBe("unknown");
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
