import { randomBytes } from "node:crypto";
import type { ViewerAuditFacts } from "./viewerAuditFacts";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../config";
import type { Db } from "../store/client";
import { hashPassword, verifyPassword, type ScryptParameters } from "./passwordHash";
import { attemptSucceeded, describeBlock, reserveSignInAttempt, type SignInBlock } from "./signInRateLimit";
import { recordViewerAudit } from "./viewerAudit";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "An email address has at most 254 characters." })
  .regex(/^[^\s@]+@[^\s@]+$/, { message: "Enter an email address." });

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `The new password must have at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(MAX_PASSWORD_LENGTH, { message: `The new password must have at most ${MAX_PASSWORD_LENGTH} characters.` });

/** 18 random bytes: a 24-character password of 144 bits, typed once and then replaced. */
export function generateOneTimePassword(): string {
  return randomBytes(18).toString("base64url");
}

export type InitialAdminOutcome = { created: false } | { created: true; email: string; generatedPassword: string | null };

/**
 * The first start: with no admin in the database, create one from ADMIN_EMAIL/ADMIN_PASSWORD, or,
 * without ADMIN_PASSWORD, with a generated one-time password that must be changed at the first
 * sign-in. The caller prints that password once; it is not stored anywhere but as its hash.
 */
export async function ensureInitialAdmin(db: Db, initial: { email: string; password: string | null }, scrypt?: ScryptParameters): Promise<InitialAdminOutcome> {
  if ((await db.adminAccount.count()) > 0) return { created: false };
  const generatedPassword = initial.password === null ? generateOneTimePassword() : null;
  const passwordHash = await hashPassword(initial.password ?? generatedPassword!, scrypt);
  try {
    await db.adminAccount.create({
      data: { email: initial.email, passwordHash, mustChangePassword: generatedPassword !== null, passwordChangedAt: new Date() },
    });
  } catch (error) {
    // Another process created it meanwhile: that one printed its password.
    if ((await db.adminAccount.count()) > 0) return { created: false };
    throw error;
  }
  await recordViewerAudit(db, {
    action: "admin_created",
    actor: initial.email,
    facts: { kind: "admin-created", generated: Boolean(generatedPassword) },
  });
  return { created: true, email: initial.email, generatedPassword };
}

/** Why a password change was refused, for the page to say in the reader's language (the message says it in English). */
export type PasswordChangeProblem =
  { kind: "gone" | "wrongCurrent" | "tooShort" | "tooLong" | "mismatch" | "unchanged" } | { kind: "blocked"; block: SignInBlock };

export class PasswordChangeError extends Error {
  override name = "PasswordChangeError";
  constructor(
    message: string,
    readonly problem: PasswordChangeProblem,
  ) {
    super(message);
  }
}

/**
 * Checks the current password, stores the new one and clears the forced change. The check of the
 * current password counts against the sign-in limits (reserved before hashing, as at sign-in), and
 * each failure goes to the viewer audit: a stolen session cannot guess its way to the password.
 */
export async function changePassword(
  db: Db,
  adminId: number,
  input: { current: string; next: string; confirm: string },
  { ip, now = new Date(), scrypt }: { ip: string; now?: Date; scrypt?: ScryptParameters },
): Promise<void> {
  const admin = await db.adminAccount.findUnique({ where: { id: adminId } });
  if (!admin) throw new PasswordChangeError("This account no longer exists.", { kind: "gone" });
  const failed = (facts: ViewerAuditFacts) => recordViewerAudit(db, { action: "password_change_failed", actor: admin.email, ip, facts, at: now });
  const attempt = await reserveSignInAttempt(db, admin.email, ip, now);
  if (!attempt.reserved) {
    await failed({ kind: "password-change-refused", reason: "rate-limit", scope: attempt.block.scope });
    throw new PasswordChangeError(describeBlock(attempt.block, now), { kind: "blocked", block: attempt.block });
  }
  if (!(await verifyPassword(input.current, admin.passwordHash))) {
    await failed({ kind: "password-change-refused", reason: "wrong-current", scope: null });
    throw new PasswordChangeError("The current password is wrong.", { kind: "wrongCurrent" });
  }
  await attemptSucceeded(db, attempt.id);
  const parsed = newPasswordSchema.safeParse(input.next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PasswordChangeError(issue.message, { kind: issue.code === "too_big" ? "tooLong" : "tooShort" });
  }
  if (input.next !== input.confirm) throw new PasswordChangeError("The new password and its confirmation differ.", { kind: "mismatch" });
  if (input.next === input.current) throw new PasswordChangeError("The new password must differ from the current one.", { kind: "unchanged" });
  await db.adminAccount.update({
    where: { id: adminId },
    data: { passwordHash: await hashPassword(input.next, scrypt), mustChangePassword: false, passwordChangedAt: now },
  });
}

/** An OpenID Connect sign-in of an allow-listed email: its account, created at the first sign-in. */
export async function adminForOidcEmail(db: Db, email: string) {
  return db.adminAccount.upsert({ where: { email }, create: { email, passwordHash: null }, update: {} });
}

/**
 * For an admin locked out (the first-start password lost, a password forgotten): a new one-time
 * password for `email`, or for a new admin of that email, to be changed at the next sign-in.
 * Every session of that admin ends. Run from the command line on the server, never over HTTP.
 */
export async function resetAdminPassword(db: Db, email: string, scrypt?: ScryptParameters): Promise<{ password: string; created: boolean }> {
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password, scrypt);
  const existing = await db.adminAccount.findUnique({ where: { email } });
  const admin = await db.adminAccount.upsert({
    where: { email },
    create: { email, passwordHash, mustChangePassword: true, passwordChangedAt: new Date() },
    update: { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() },
  });
  await db.adminSession.deleteMany({ where: { adminId: admin.id } });
  await recordViewerAudit(db, { action: "password_changed", actor: email, facts: { kind: "password-reset", newAdmin: !existing } });
  return { password, created: !existing };
}
