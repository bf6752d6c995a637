import { getStore } from "../store/store";
import { changePassword } from "./adminAccounts";
import type { SignedInAdmin } from "./currentAdmin";
import { endOtherSessions } from "./sessions";
import { recordViewerAudit } from "./viewerAudit";

/**
 * A signed-in admin's new password (`changePassword`: a PasswordChangeError says what was wrong);
 * every other session of theirs ends, this one stays, and the change goes to the viewer audit.
 */
export async function changeOwnPassword(
  admin: Pick<SignedInAdmin, "adminId" | "email" | "sessionToken">,
  input: { current: string; next: string; confirm: string },
  ip: string,
): Promise<void> {
  const { db } = await getStore();
  await changePassword(db, admin.adminId, input, { ip });
  await endOtherSessions(db, admin.adminId, admin.sessionToken);
  await recordViewerAudit(db, { action: "password_changed", actor: admin.email, ip });
}
