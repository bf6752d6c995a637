"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { PasswordChangeError } from "@/lib/auth/adminAccounts";
import { changeOwnPassword } from "@/lib/auth/changeOwnPassword";
import { clientIp, safeNextPath } from "@/lib/auth/requestContext";
import type { FormState } from "@/components/auth/formState";
import { ActionRefused, requireAdminAction } from "../../_auth/requireAdminAction";
import { actionRefusedText, authProblemText } from "../../_auth/authProblemText";

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
    if (error instanceof ActionRefused) return { message: await actionRefusedText(error.refusal) };
    throw error;
  }
  try {
    await changeOwnPassword(admin, { current: text(form, "current"), next: text(form, "password"), confirm: text(form, "confirm") }, clientIp(await headers()));
  } catch (error) {
    if (error instanceof PasswordChangeError) return { message: await authProblemText(error.problem) };
    throw error;
  }
  revalidatePath("/", "layout");
  redirect(safeNextPath(form.get("next")));
}
