"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { clientIp } from "@/lib/auth/requestContext";
import { startSync } from "@/lib/runner/startSync";
import { SyncAlreadyRunningError } from "@/lib/ingest/syncLock";
import { requireAdminAction } from "../_auth/requireAdminAction";

/** The overview's "Sync now": starts a run and comes back to the overview, which shows its progress. */
export async function syncNowAction(form: FormData): Promise<void> {
  const admin = await requireAdminAction(form);
  let outcome = "started";
  try {
    await startSync({ trigger: "manual", actor: admin.email, ip: clientIp(await headers()), detail: "Sync now button" });
  } catch (error) {
    if (!(error instanceof SyncAlreadyRunningError)) throw error;
    outcome = "running";
  }
  revalidatePath("/");
  redirect(`/?sync=${outcome}`);
}
