"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { clientIp } from "@/lib/auth/requestContext";
import { recordViewerAudit } from "@/lib/auth/viewerAudit";
import { runConfiguredSync } from "@/lib/sync/runConfiguredSync";
import { SyncAlreadyRunningError } from "@/lib/ingest/syncLock";
import { requireAdminAction } from "../_auth/requireAdminAction";

/** The overview's "Sync now": starts a run and comes back to the overview, which shows its progress. */
export async function syncNowAction(form: FormData): Promise<void> {
  const admin = await requireAdminAction(form);
  const db = await getDatabase(getConfig().databaseFile);
  await recordViewerAudit(db, { action: "sync_started", actor: admin.email, ip: clientIp(await headers()), detail: "Sync now button" });
  let started!: () => void;
  const runStarted = new Promise<void>((resolve) => (started = resolve));
  const run = runConfiguredSync({ trigger: "manual", onStarted: () => started(), liveDemo: true });
  // A run that fails after it started is recorded in its run row; this keeps it from going unhandled.
  run.catch(() => undefined);
  let outcome = "started";
  try {
    await Promise.race([runStarted, run]);
  } catch (error) {
    if (!(error instanceof SyncAlreadyRunningError)) throw error;
    outcome = "running";
  }
  revalidatePath("/");
  redirect(`/?sync=${outcome}`);
}
