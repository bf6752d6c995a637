"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { clientIp } from "@/lib/auth/requestContext";
import { startSync } from "@/lib/runner/startSync";
import { SyncAlreadyRunningError } from "@/lib/ingest/syncLock";
import { ActionRefused, requireAdminAction, requireAdminForButton } from "../_auth/requireAdminAction";
import { actionRefusedText } from "../_auth/authProblemText";

/** What the button says after a click: the run it started (which the overview then follows), one already going, or why it was refused. */
export type SyncNowState = { outcome: "started"; runId: number } | { outcome: "running" } | { outcome: "refused"; message: string } | null;

/** The overview's "Sync now": starts a run; the overview follows it (components/LiveSync.tsx) without a reload. */
export async function syncNowAction(_previous: SyncNowState, form: FormData): Promise<SyncNowState> {
  try {
    const state = await startSyncNow(await requireAdminAction(form));
    // The page's own render (its run table, its cards) comes back with this answer, the new run in it.
    revalidatePath("/");
    return state;
  } catch (error) {
    if (error instanceof ActionRefused) return { outcome: "refused", message: await actionRefusedText(error.refusal) };
    throw error;
  }
}

/** "Sync now" elsewhere (the alerts page's demo section): starts a run and opens the overview, which follows it. */
export async function syncNowAndOpenOverviewAction(form: FormData): Promise<void> {
  await startSyncNow(await requireAdminForButton(form, "/alerts"));
  revalidatePath("/");
  redirect("/");
}

async function startSyncNow(admin: { email: string }): Promise<SyncNowState> {
  try {
    const started = await startSync({ trigger: "manual", actor: admin.email, ip: clientIp(await headers()), via: "button" });
    return { outcome: "started", runId: started.runId };
  } catch (error) {
    if (!(error instanceof SyncAlreadyRunningError)) throw error;
    return { outcome: "running" };
  }
}
