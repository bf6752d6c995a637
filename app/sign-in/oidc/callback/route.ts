import { cookies, headers } from "next/headers";
import { oidcSignInAvailable, signInWithOidc } from "@/lib/auth/oidcSignIn";
import { clientIp, ownOrigin } from "@/lib/auth/requestContext";
import { routeHandler } from "@/lib/routes/routeHandler";
import { OIDC_CALLBACK_PATH, OIDC_COOKIE, seeOther } from "../../../_auth/oidcCookie";
import { sessionCookieToken, setSessionCookie } from "../../../_auth/sessionCookies";

/**
 * Public: where the provider sends the browser back. The attempt's cookie is used once; an
 * allow-listed email gets a session and goes where it was going, anything else back to the
 * sign-in page saying why.
 */
export const GET = routeHandler({
  authorize: oidcSignInAvailable,
  run: async (_input, { request }) => {
    const cookieStore = await cookies();
    const attemptCookie = cookieStore.get(OIDC_COOKIE)?.value;
    cookieStore.delete({ name: OIDC_COOKIE, path: OIDC_CALLBACK_PATH });
    const requestHeaders = await headers();
    const result = await signInWithOidc({
      callbackUrl: new URL(`${ownOrigin(requestHeaders, request.url)}${OIDC_CALLBACK_PATH}${new URL(request.url).search}`),
      attemptCookie,
      ip: clientIp(requestHeaders),
      replacingSessionToken: await sessionCookieToken(),
    });
    if (!result.ok) return seeOther(`/sign-in?oidc=${result.reason}`);
    await setSessionCookie(result.token);
    return seeOther(result.next);
  },
});
