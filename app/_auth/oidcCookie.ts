/** The cookie that carries one OpenID Connect attempt from /sign-in/oidc to its callback. */
export const OIDC_COOKIE = "parsec_oidc";
export const OIDC_CALLBACK_PATH = "/sign-in/oidc/callback";
export const OIDC_COOKIE_MAX_AGE_S = 600;

/** The sign-in steps' answer: send the browser on to `location` (303, so that it follows with a GET). */
export const seeOther = (location: string) => new Response(null, { status: 303, headers: { location } });
