import { getStore } from "../store/store";
import type { SignedInAdmin } from "./currentAdmin";
import { endSession } from "./sessions";
import { recordViewerAudit } from "./viewerAudit";

/** Sign-out deletes the session on the server, so that a copy of its cookie is worthless afterwards. */
export async function signOut(admin: Pick<SignedInAdmin, "email" | "sessionToken">, ip: string): Promise<void> {
  const { db } = await getStore();
  await endSession(db, admin.sessionToken);
  await recordViewerAudit(db, { action: "sign_out", actor: admin.email, ip });
}
