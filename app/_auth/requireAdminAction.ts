import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { withRefusal, type ActionRefusal } from "@/lib/auth/actionRefusal";
import { originAllowed } from "@/lib/auth/requestContext";
import { csrfTokenMatches } from "@/lib/auth/sessions";
import type { SignedInAdmin } from "@/lib/auth/currentAdmin";
import { currentAdmin, PASSWORD_PAGE } from "./requireAdmin";

export type { ActionRefusal };

const REFUSAL_MESSAGES: Record<ActionRefusal, string> = {
  crossSite: "Cross-site request refused.",
  signedOut: "Your session has ended: sign in again.",
  csrf: "Cross-site request refused: reload the page and try again.",
  mustChangePassword: "Choose a new password first.",
};

export class ActionRefused extends Error {
  override name = "ActionRefused";
  constructor(readonly refusal: ActionRefusal) {
    super(REFUSAL_MESSAGES[refusal]);
  }
}

/** Name of the hidden form field that carries the session's CSRF token (components/auth/CsrfField). */
export const CSRF_FIELD = "csrf";

/**
 * The first line of every server action. Next.js already refuses an action whose Origin is not
 * this host; this checks it again and also requires the session's CSRF token from the form, so
 * an action is only ever run from one of our own pages by a signed-in admin.
 */
export async function requireAdminAction(formData: FormData, options: { passwordChangePage?: boolean } = {}): Promise<SignedInAdmin> {
  if (!originAllowed(await headers())) throw new ActionRefused("crossSite");
  const admin = await currentAdmin();
  if (!admin) throw new ActionRefused("signedOut");
  if (!csrfTokenMatches(admin.sessionToken, formData.get(CSRF_FIELD))) throw new ActionRefused("csrf");
  if (admin.mustChangePassword && !options.passwordChangePage) throw new ActionRefused("mustChangePassword");
  return admin;
}

/**
 * requireAdminAction for an action that answers with a redirect (a button on a page): a refusal
 * goes back to `back` with its reason, which the page says in the reader's language
 * (components/auth/ActionRefusedNotice); an ended session goes to sign-in and then back, a
 * pending password change to the password page. Never an error page for a session that ended.
 */
export async function requireAdminForButton(formData: FormData, back: string): Promise<SignedInAdmin> {
  try {
    return await requireAdminAction(formData);
  } catch (error) {
    if (!(error instanceof ActionRefused)) throw error;
    if (error.refusal === "signedOut") redirect(`/sign-in?next=${encodeURIComponent(back)}`);
    if (error.refusal === "mustChangePassword") redirect(`${PASSWORD_PAGE}?next=${encodeURIComponent(back)}`);
    redirect(withRefusal(back, error.refusal));
  }
}
