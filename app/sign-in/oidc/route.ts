import { cookies, headers } from "next/headers";
import { oidcSignInAvailable, startOidcSignIn } from "@/lib/auth/oidcSignIn";
import { isHttps, ownOrigin, safeNextPath } from "@/lib/auth/requestContext";
import { routeHandler } from "@/lib/routes/routeHandler";
import { OIDC_CALLBACK_PATH, OIDC_COOKIE, OIDC_COOKIE_MAX_AGE_S, seeOther } from "../../_auth/oidcCookie";

/**
 * Public (a visitor signs in here): starts an OpenID Connect sign-in. The browser keeps this
 * attempt's state, nonce and PKCE verifier in a short-lived httpOnly cookie and goes to the provider.
 */
export const GET = routeHandler({
  authorize: oidcSignInAvailable,
  parse: (request) => ({ next: safeNextPath(new URL(request.url).searchParams.get("next")) }),
  run: async ({ next }, { request }) => {
    const requestHeaders = await headers();
    const attempt = await startOidcSignIn(`${ownOrigin(requestHeaders, request.url)!}${OIDC_CALLBACK_PATH}`, next);
    if (!attempt) return seeOther("/sign-in?oidc=failed");
    (await cookies()).set(OIDC_COOKIE, attempt.attemptCookie, {
      httpOnly: true,
      // Lax: the provider's redirect back to us is a top-level cross-site navigation.
      sameSite: "lax",
      secure: isHttps(requestHeaders, request.url),
      path: OIDC_CALLBACK_PATH,
      maxAge: OIDC_COOKIE_MAX_AGE_S,
    });
    return seeOther(attempt.url.href);
  },
});
