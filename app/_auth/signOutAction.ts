"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { clientIp } from "@/lib/auth/requestContext";
import { signOut } from "@/lib/auth/signOut";
import { requireAdminAction } from "./requireAdminAction";
import { currentAdmin } from "./requireAdmin";
import { clearSessionCookie } from "./sessionCookies";

/** Sign-out deletes the session on the server: a copy of the cookie is worthless afterwards. */
export async function signOutAction(form: FormData): Promise<void> {
  if (!(await currentAdmin())) {
    // Already over (expired, or signed out in another tab): nothing to end but the cookie.
    await clearSessionCookie();
    redirect("/sign-in");
  }
  const admin = await requireAdminAction(form, { passwordChangePage: true });
  await signOut(admin, clientIp(await headers()));
  await clearSessionCookie();
  revalidatePath("/", "layout");
  redirect("/sign-in?signed-out=1");
}
