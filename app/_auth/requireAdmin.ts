import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { adminForSessionToken, type SignedInAdmin } from "@/lib/auth/currentAdmin";
import { PATH_HEADER } from "@/lib/auth/publicPaths";
import { safeNextPath } from "@/lib/auth/requestContext";
import { SESSION_COOKIE } from "@/lib/auth/sessionCookie";

/** The admin signed in on this request, or null. For the header; pages use `requireAdmin`. */
export async function currentAdmin(): Promise<SignedInAdmin | null> {
  return adminForSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
}

/**
 * `currentAdmin` read once per server render: the layout (header) and the page (`requireAdmin`)
 * both ask, and each read is a session lookup in the database. Only for rendering: a server
 * action's own checks (requireAdminAction, sign-out) read afresh, before the render that follows.
 */
export const currentAdminForRender = cache(currentAdmin);

/** Where this request was going (set by proxy.ts), for the way back after sign-in. */
export async function requestedPath(): Promise<string> {
  return safeNextPath((await headers()).get(PATH_HEADER));
}

/** The raw path and query proxy.ts saw, or null when proxy.ts did not run for this request. */
export async function requestedPathRaw(): Promise<string | null> {
  const path = (await headers()).get(PATH_HEADER);
  return path?.startsWith("/") ? path : null;
}

export const PASSWORD_PAGE = "/admin/password";

/**
 * The first line of every page: the signed-in admin, or a redirect to the sign-in page that comes
 * back here afterwards. An admin with a pending password change (the generated first-start
 * password) is sent to change it first. This is the security boundary for pages; proxy.ts's
 * redirect is only the fast path.
 */
export async function requireAdmin(options: { passwordChangePage?: boolean } = {}): Promise<SignedInAdmin> {
  const admin = await currentAdminForRender();
  const here = await requestedPath();
  if (!admin) redirect(here === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(here)}`);
  if (admin.mustChangePassword && !options.passwordChangePage) {
    redirect(`${PASSWORD_PAGE}${here === "/" ? "" : `?next=${encodeURIComponent(here)}`}`);
  }
  return admin;
}
