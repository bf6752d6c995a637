"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clientIp } from "@/lib/auth/requestContext";
import { replayIntegrationFrom, sendIntegrationTestEvent, setIntegrationPausedByAdmin } from "@/lib/integrations/admin/integrationAdmin";
import { requireAdminForButton } from "../_auth/requireAdminAction";

const nameField = z.string().min(1).max(100);

async function adminRequest(form: FormData) {
  const admin = await requireAdminForButton(form, "/integrations");
  return { actor: admin.email, ip: clientIp(await headers()) };
}

function back(outcome: string, name: string): never {
  revalidatePath("/integrations");
  redirect(`/integrations?done=${outcome}&name=${encodeURIComponent(name)}`);
}

/** "Send a test event": one event through the destination's own format, its outcome shown on the page. */
export async function sendTestEventAction(form: FormData): Promise<void> {
  const request = await adminRequest(form);
  const name = nameField.parse(form.get("name"));
  const { error } = await sendIntegrationTestEvent(name, request);
  back(error ? "test-failed" : "test-ok", name);
}

export async function setPausedAction(form: FormData): Promise<void> {
  const request = await adminRequest(form);
  const name = nameField.parse(form.get("name"));
  const paused = form.get("paused") === "true";
  await setIntegrationPausedByAdmin(name, paused, request);
  back(paused ? "paused" : "resumed", name);
}

export async function replayAction(form: FormData): Promise<void> {
  const request = await adminRequest(form);
  const name = nameField.parse(form.get("name"));
  const from = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .parse(form.get("from"));
  await replayIntegrationFrom(name, from, request);
  back("replay", name);
}
