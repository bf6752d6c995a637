import { createHash, randomBytes } from "node:crypto";
import { getConfig } from "../config";
import type { Db } from "../store/client";
import { constantTimeEqual } from "./constantTimeEqual";

export interface SessionPolicy {
  /** A session unused this long is over. */
  idleMs: number;
  /** A session is over this long after sign-in, used or not. */
  maxMs: number;
}

/** The policy SESSION_IDLE_MINUTES and SESSION_MAX_HOURS set. */
export function configuredSessionPolicy(): SessionPolicy {
  const { sessionIdleMs, sessionMaxMs } = getConfig().auth;
  return { idleMs: sessionIdleMs, maxMs: sessionMaxMs };
}

export interface SessionAdmin {
  adminId: number;
  email: string;
  mustChangePassword: boolean;
  method: string;
  expiresAt: Date;
}

export type SignInMethod = "password" | "oidc";

/** lastSeenAt is rewritten at most this often: a page view is not a database write. */
const TOUCH_EVERY_MS = 60_000;

/** The cookie holds a random 256-bit id; the database keeps only its SHA-256. */
export function sessionIdHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function createSession(
  db: Db,
  adminId: number,
  method: SignInMethod,
  policy: SessionPolicy,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + policy.maxMs);
  await db.adminSession.create({ data: { idHash: sessionIdHash(token), adminId, method, createdAt: now, lastSeenAt: now, expiresAt } });
  return { token, expiresAt };
}

/**
 * The admin a session cookie belongs to, or null when it is unknown, past its absolute expiry or
 * idle too long (such a session is deleted at once).
 */
export async function readSession(db: Db, token: string | undefined, policy: SessionPolicy, now = new Date()): Promise<SessionAdmin | null> {
  if (!token || token.length > 200) return null;
  const idHash = sessionIdHash(token);
  const session = await db.adminSession.findUnique({ where: { idHash }, include: { admin: true } });
  if (!session) return null;
  const idleUntil = session.lastSeenAt.getTime() + policy.idleMs;
  const absoluteUntil = Math.min(session.expiresAt.getTime(), session.createdAt.getTime() + policy.maxMs);
  if (now.getTime() >= idleUntil || now.getTime() >= absoluteUntil) {
    await db.adminSession.deleteMany({ where: { idHash } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.adminSession.updateMany({ where: { idHash }, data: { lastSeenAt: now } });
  }
  return {
    adminId: session.adminId,
    email: session.admin.email,
    mustChangePassword: session.admin.mustChangePassword,
    method: session.method,
    expiresAt: new Date(absoluteUntil),
  };
}

/** Sign-out: the session is deleted, so the cookie is worthless even if a copy of it survives. */
export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.adminSession.deleteMany({ where: { idHash: sessionIdHash(token) } });
}

/** After a password change: every other session of that admin ends. */
export async function endOtherSessions(db: Db, adminId: number, keepToken: string): Promise<void> {
  await db.adminSession.deleteMany({ where: { adminId, NOT: { idHash: sessionIdHash(keepToken) } } });
}

export async function deleteExpiredSessions(db: Db, policy: SessionPolicy, now = new Date()): Promise<number> {
  const { count } = await db.adminSession.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - policy.idleMs) } }] },
  });
  return count;
}

/**
 * The CSRF token of a session: derived from the session's secret id, so it needs no storage, and a
 * page from another site (which can neither read our cookie nor our pages) cannot know it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash("sha256").update(`csrf\u0000${sessionToken}`, "utf8").digest("base64url");
}

export function csrfTokenMatches(sessionToken: string | undefined, presented: unknown): boolean {
  if (!sessionToken || typeof presented !== "string" || presented.length === 0) return false;
  return constantTimeEqual(presented, csrfTokenFor(sessionToken));
}
