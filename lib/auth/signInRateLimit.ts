import type { Db } from "../db/client";

/**
 * Sign-in attempts are limited per account (against guessing one password) and per IP (against
 * trying many accounts from one place). Attempts are kept in the database, so a restart does not
 * reset the count.
 */
export interface AttemptLimit {
  failures: number;
  windowMs: number;
}

export const ACCOUNT_LIMIT: AttemptLimit = { failures: 5, windowMs: 15 * 60_000 };
export const IP_LIMIT: AttemptLimit = { failures: 20, windowMs: 15 * 60_000 };

export interface SignInBlock {
  scope: "account" | "ip";
  retryAt: Date;
}

/**
 * When the next attempt for `email` from `ip` is allowed, or null when it is allowed now. An
 * account's failures count since its last successful sign-in; an address's count regardless.
 */
export async function signInBlock(db: Db, email: string, ip: string, now = new Date()): Promise<SignInBlock | null> {
  const lastSuccess = await db.signInAttempt.findFirst({ where: { email, succeeded: true }, orderBy: { at: "desc" }, select: { at: true } });
  const accountSince = Math.max(now.getTime() - ACCOUNT_LIMIT.windowMs, (lastSuccess?.at.getTime() ?? 0) + 1);
  const blocks = await Promise.all([
    blockedUntil(db, { email, succeeded: false, at: { gte: new Date(accountSince) } }, ACCOUNT_LIMIT),
    blockedUntil(db, { ip, succeeded: false, at: { gte: new Date(now.getTime() - IP_LIMIT.windowMs) } }, IP_LIMIT),
  ]);
  const [account, address] = blocks;
  if (account && account > now) return { scope: "account", retryAt: account };
  if (address && address > now) return { scope: "ip", retryAt: address };
  return null;
}

/** With `limit.failures` failures in the window: when the oldest of the last `failures` leaves it. */
async function blockedUntil(db: Db, where: NonNullable<Parameters<Db["signInAttempt"]["findMany"]>[0]>["where"], limit: AttemptLimit) {
  const recent = await db.signInAttempt.findMany({ where, orderBy: { at: "desc" }, take: limit.failures, select: { at: true } });
  if (recent.length < limit.failures) return null;
  return new Date(recent[limit.failures - 1]!.at.getTime() + limit.windowMs);
}

export async function recordSignInAttempt(db: Db, attempt: { email: string; ip: string; succeeded: boolean; at?: Date }): Promise<void> {
  const at = attempt.at ?? new Date();
  await db.signInAttempt.create({ data: { email: attempt.email.slice(0, 254), ip: attempt.ip, succeeded: attempt.succeeded, at } });
  // Attempts older than a day decide nothing any more.
  if (Math.random() < 0.05) await db.signInAttempt.deleteMany({ where: { at: { lt: new Date(at.getTime() - 86_400_000) } } });
}

/** "Too many failed sign-ins for this account. Try again in 12 minutes (after 17:05 UTC)." */
export function describeBlock(block: SignInBlock, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((block.retryAt.getTime() - now.getTime()) / 60_000));
  const time = block.retryAt.toISOString().slice(11, 16);
  const who = block.scope === "account" ? "this account" : "your address";
  return `Too many failed sign-ins for ${who}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (after ${time} UTC).`;
}
