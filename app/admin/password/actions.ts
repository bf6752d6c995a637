"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { changePassword, PasswordChangeError } from "@/lib/auth/adminAccounts";
import { clientIp, safeNextPath } from "@/lib/auth/requestContext";
import { endOtherSessions } from "@/lib/auth/sessions";
import { recordViewerAudit } from "@/lib/auth/viewerAudit";
import type { FormState } from "@/components/auth/formState";
import { ActionRefused, requireAdminAction } from "../../_auth/requireAdminAction";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** A new password (required after the generated first-start one); every other session ends. */
export async function changePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  let admin;
  try {
    admin = await requireAdminAction(form, { passwordChangePage: true });
  } catch (error) {
    if (error instanceof ActionRefused) return { message: error.message };
    throw error;
  }
  const db = await getDatabase(getConfig().databaseFile);
  const ip = clientIp(await headers());
  try {
    await changePassword(db, admin.adminId, { current: text(form, "current"), next: text(form, "password"), confirm: text(form, "confirm") }, { ip });
  } catch (error) {
    if (error instanceof PasswordChangeError) return { message: error.message };
    throw error;
  }
  await endOtherSessions(db, admin.adminId, admin.sessionToken);
  await recordViewerAudit(db, { action: "password_changed", actor: admin.email, ip });
  revalidatePath("/", "layout");
  redirect(safeNextPath(form.get("next")));
}
