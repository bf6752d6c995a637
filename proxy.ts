import { NextResponse, type NextRequest } from "next/server";
import { isDevelopment } from "@/lib/config";
import { acceptsBearer, isPublicPath, PATH_HEADER } from "@/lib/auth/publicPaths";
import { isHttps } from "@/lib/auth/requestContext";
import { newNonce, securityHeaders } from "@/lib/auth/securityHeaders";
import { SESSION_COOKIE } from "@/lib/auth/sessionCookie";
import { hasBrokenPercentEncoding } from "@/lib/explorerUrl/entityHref";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";
import { brokenAddressPage } from "@/lib/http/brokenAddressPage";

/**
 * Runs before every route but the import upload (see `config` below; Node.js runtime in Next.js 16). Two jobs:
 * - security headers, with a fresh CSP nonce per request that Next.js applies to its own scripts;
 * - the sign-in redirect: a visitor without a session cookie is sent to /sign-in?next=<where they
 *   were going> (an API call gets 401). This is convenience, not the security boundary: the cookie
 *   is only looked at here; every page and route checks the session itself (app/_auth/requireAdmin,
 *   lib/auth/authorizeRequest).
 */
export function proxy(request: NextRequest) {
  const https = isHttps(request.headers, request.url);
  const nonce = newNonce();
  const headers = securityHeaders(nonce, { development: isDevelopment(), https });
  const { pathname } = request.nextUrl;
  // The path and query the visitor asked for, without the router's cache-busting _rsc parameter.
  let search = request.nextUrl.search;
  if (request.nextUrl.searchParams.has("_rsc")) {
    const visible = new URLSearchParams(search);
    visible.delete("_rsc");
    search = visible.size > 0 ? `?${visible}` : "";
  }

  const withHeaders = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };

  // Next.js answers such a path with a bare 500 before any page can explain it; the reader's language as next-intl would pick it (i18n/request.ts).
  if (hasBrokenPercentEncoding(pathname)) {
    const locale = resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
    return withHeaders(
      new NextResponse(brokenAddressPage(locale), {
        status: 400,
        headers: { "content-type": "text/html; charset=utf-8", "content-language": locale, vary: "Accept-Language, Cookie" },
      }),
    );
  }

  const mayPass = isPublicPath(pathname) || acceptsBearer(pathname, request.headers.get("authorization"));
  if (!mayPass && !request.cookies.get(SESSION_COOKIE)?.value) {
    const wantsPage = request.method === "GET" && (request.headers.get("accept") ?? "").includes("text/html");
    if (wantsPage || request.headers.get("rsc") === "1") {
      const signIn = new URL("/sign-in", request.url);
      if (pathname !== "/" || search) signIn.searchParams.set("next", `${pathname}${search}`);
      return withHeaders(NextResponse.redirect(signIn, 303));
    }
    return withHeaders(NextResponse.json({ message: "Sign in first: this route is for signed-in admins." }, { status: 401 }));
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]);
  // Where the visitor was going, for the page-level check's own redirect (a client value is overwritten).
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  // Everything but the build's static files (hashed JS and CSS, which carry no data) and the import
  // upload. Next.js hands the proxy a copy of the request body that it buffers in memory and cuts at
  // `proxyClientMaxBodySize` (10 MB), and the route then reads that cut copy: an upload up to
  // IMPORT_MAX_MB (a run-time setting, which a build-time limit cannot follow) must stream to the
  // route untouched. The route checks the session, Origin and CSRF token itself (authorizeRequest)
  // and sets these same security headers. A literal: Next.js reads the matcher at build time.
  matcher: ["/((?!_next/static|_next/image|admin/import/upload/?$).*)"],
};
