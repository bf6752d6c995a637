"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { clientIp, originAllowed, safeNextPath } from "@/lib/auth/requestContext";
import { signInBrowserWithPassword } from "@/lib/auth/signInWithPassword";
import type { FormState } from "@/components/auth/formState";
import { PASSWORD_PAGE } from "../_auth/requireAdmin";
import { sessionCookieToken, setSessionCookie } from "../_auth/sessionCookies";
import { authProblemText } from "../_auth/authProblemText";

/** Password sign-in; on success back to where the visitor was going (a same-origin path only). */
export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const requestHeaders = await headers();
  // Login CSRF: only our own sign-in page may sign a browser in.
  if (!originAllowed(requestHeaders)) return { message: "Cross-site request refused: open the sign-in page of this site." };
  const email = typeof form.get("email") === "string" ? String(form.get("email")) : "";
  const result = await signInBrowserWithPassword({
    email,
    password: form.get("password"),
    ip: clientIp(requestHeaders),
    replacingSessionToken: await sessionCookieToken(),
  });
  if (!result.ok) return { message: await authProblemText(result.problem), email: email.slice(0, 254) };
  await setSessionCookie(result.token);
  revalidatePath("/", "layout");
  const next = safeNextPath(form.get("next"));
  redirect(result.mustChangePassword ? `${PASSWORD_PAGE}?next=${encodeURIComponent(next)}` : next);
}
