import type { Db } from "../store/client";
import { getStore } from "../store/store";
import { DEFAULT_SCRYPT, needsRehash, hashPassword, verifyPassword, type ScryptParameters } from "./passwordHash";
import { emailSchema } from "./adminAccounts";
import { configuredSessionPolicy, createSession, endSession, type SessionPolicy } from "./sessions";
import { attemptSucceeded, describeBlock, reserveSignInAttempt, type SignInBlock } from "./signInRateLimit";
import { recordViewerAudit } from "./viewerAudit";

/** What went wrong, for the sign-in page to say in the reader's language (`message` says it in English, for logs and the API). */
export type SignInProblem = { kind: "credentials" } | { kind: "email"; tooLong: boolean } | { kind: "blocked"; block: SignInBlock };

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; mustChangePassword: boolean; email: string }
  | { ok: false; message: string; problem: SignInProblem; retryAt?: Date };

export const WRONG_CREDENTIALS = "Wrong email or password.";

/**
 * A browser's password sign-in (`signInWithPassword` under the configured session policy): a new
 * session id at each sign-in, and the session the browser had before (`replacingSessionToken`) ends.
 */
export async function signInBrowserWithPassword(input: {
  email: unknown;
  password: unknown;
  ip: string;
  replacingSessionToken: string | undefined;
}): Promise<SignInResult> {
  const { db } = await getStore();
  const result = await signInWithPassword(db, input, configuredSessionPolicy());
  if (result.ok) await endSession(db, input.replacingSessionToken);
  return result;
}

/**
 * A password sign-in: refused while the account or the address is over its limit (with when to
 * retry), otherwise the attempt is recorded (as a failure until proven right), the password
 * checked, and on success a session made.
 * The answer never says whether the email exists.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: unknown; password: unknown; ip: string },
  policy: SessionPolicy,
  { now = new Date(), scrypt = DEFAULT_SCRYPT }: { now?: Date; scrypt?: ScryptParameters } = {},
): Promise<SignInResult> {
  const parsedEmail = emailSchema.safeParse(input.email);
  if (!parsedEmail.success) {
    const issue = parsedEmail.error.issues[0]!;
    return { ok: false, message: issue.message, problem: { kind: "email", tooLong: issue.code === "too_big" } };
  }
  const email = parsedEmail.data;
  const password = typeof input.password === "string" ? input.password : "";
  if (password.length === 0 || password.length > 1024) return { ok: false, message: WRONG_CREDENTIALS, problem: { kind: "credentials" } };

  const attempt = await reserveSignInAttempt(db, email, input.ip, now);
  if (!attempt.reserved) {
    const { block } = attempt;
    await recordViewerAudit(db, {
      action: "sign_in_failed",
      actor: null,
      ip: input.ip,
      facts: { kind: "sign-in-refused", email, reason: "rate-limit", scope: block.scope },
      at: now,
    });
    return { ok: false, message: describeBlock(block, now), problem: { kind: "blocked", block }, retryAt: block.retryAt };
  }

  const admin = await db.adminAccount.findUnique({ where: { email } });
  const valid = await verifyPassword(password, admin?.passwordHash ?? null, scrypt);
  if (valid) await attemptSucceeded(db, attempt.id);
  if (!admin || !valid) {
    await recordViewerAudit(db, {
      action: "sign_in_failed",
      actor: null,
      ip: input.ip,
      facts: { kind: "sign-in-refused", email, reason: "wrong-password", scope: null },
      at: now,
    });
    return { ok: false, message: WRONG_CREDENTIALS, problem: { kind: "credentials" } };
  }
  // Raised parameters apply to old hashes at their next successful sign-in.
  const rehash = admin.passwordHash && needsRehash(admin.passwordHash, scrypt) ? await hashPassword(password, scrypt) : null;
  await db.adminAccount.update({ where: { id: admin.id }, data: { lastSignInAt: now, ...(rehash ? { passwordHash: rehash } : {}) } });
  const session = await createSession(db, admin.id, "password", policy, now);
  await recordViewerAudit(db, { action: "sign_in", actor: email, ip: input.ip, facts: { kind: "sign-in", method: "password" }, at: now });
  return { ok: true, token: session.token, expiresAt: session.expiresAt, mustChangePassword: admin.mustChangePassword, email };
}
