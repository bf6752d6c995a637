import { cookies, headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { beginOidcSignIn, encodeTransaction } from "@/lib/auth/oidc";
import { isHttps, ownOrigin, safeNextPath } from "@/lib/auth/requestContext";
import { problemResponse } from "@/lib/http/problemResponse";
import { OIDC_CALLBACK_PATH, OIDC_COOKIE, OIDC_COOKIE_MAX_AGE_S } from "../../_auth/oidcCookie";

/**
 * Public (a visitor signs in here): starts an OpenID Connect sign-in. The browser keeps this
 * attempt's state, nonce and PKCE verifier in a short-lived httpOnly cookie and goes to the provider.
 */
export async function GET(request: Request) {
  const oidc = getConfig().auth.oidc;
  if (!oidc) return problemResponse(404, "Single sign-on is not configured on this server.");
  const requestHeaders = await headers();
  const origin = ownOrigin(requestHeaders, request.url)!;
  const next = safeNextPath(new URL(request.url).searchParams.get("next"));
  try {
    const { url, transaction } = await beginOidcSignIn(oidc, `${origin}${OIDC_CALLBACK_PATH}`, next);
    (await cookies()).set(OIDC_COOKIE, encodeTransaction(transaction), {
      httpOnly: true,
      // Lax: the provider's redirect back to us is a top-level cross-site navigation.
      sameSite: "lax",
      secure: isHttps(requestHeaders, request.url),
      path: OIDC_CALLBACK_PATH,
      maxAge: OIDC_COOKIE_MAX_AGE_S,
    });
    return new Response(null, { status: 303, headers: { location: url.href } });
  } catch (error) {
    console.warn(`[parsec-viewer] OpenID Connect: the provider at ${oidc.issuerUrl} could not be reached: ${(error as Error).message}`);
    return new Response(null, { status: 303, headers: { location: "/sign-in?oidc=failed" } });
  }
}
