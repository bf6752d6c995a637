"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { clientIp, originAllowed, safeNextPath } from "@/lib/auth/requestContext";
import { endSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/signInWithPassword";
import type { FormState } from "@/components/auth/formState";
import { PASSWORD_PAGE } from "../_auth/requireAdmin";
import { sessionCookieToken, setSessionCookie } from "../_auth/sessionCookies";

/** Password sign-in; on success back to where the visitor was going (a same-origin path only). */
export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const requestHeaders = await headers();
  // Login CSRF: only our own sign-in page may sign a browser in.
  if (!originAllowed(requestHeaders)) return { message: "Cross-site request refused: open the sign-in page of this site." };
  const config = getConfig();
  const db = await getDatabase(config.databaseFile);
  const email = typeof form.get("email") === "string" ? String(form.get("email")) : "";
  const result = await signInWithPassword(
    db,
    { email, password: form.get("password"), ip: clientIp(requestHeaders) },
    { idleMs: config.auth.sessionIdleMs, maxMs: config.auth.sessionMaxMs },
  );
  if (!result.ok) return { message: result.message, email: email.slice(0, 254) };

  // A new session id at each sign-in; whatever session this browser had before ends.
  await endSession(db, await sessionCookieToken());
  await setSessionCookie(result.token);
  revalidatePath("/", "layout");
  const next = safeNextPath(form.get("next"));
  redirect(result.mustChangePassword ? `${PASSWORD_PAGE}?next=${encodeURIComponent(next)}` : next);
}
