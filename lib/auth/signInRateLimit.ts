import { z } from "zod";
import type { Db } from "../store/client";

/**
 * Password checks are limited per account (against guessing one password) and per IP (against
 * trying many accounts from one place): those of sign-in and those of a password change alike.
 * Attempts are kept in the database, so a restart does not reset the count, and each is reserved
 * before its password is hashed, so concurrent guesses cannot all be checked before any is counted.
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

export type AttemptReservation = { reserved: true; id: number } | { reserved: false; block: SignInBlock };

/**
 * One password check for `email` from `ip`, reserved before the password is hashed: recorded as a
 * failure at once, unless the account or the address is already at its limit (then, until when).
 * `attemptSucceeded` turns it into a success afterwards.
 */
export async function reserveSignInAttempt(db: Db, email: string, ip: string, now = new Date()): Promise<AttemptReservation> {
  for (let tries = 0; tries < 3; tries += 1) {
    const id = await insertAttemptUnderLimits(db, email.slice(0, 254), ip, now);
    if (id !== null) {
      // Attempts older than a day decide nothing any more.
      if (Math.random() < 0.05) await db.signInAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - 86_400_000) } } });
      return { reserved: true, id };
    }
    const block = await signInBlock(db, email, ip, now);
    if (block) return { reserved: false, block };
    // A successful sign-in between the two ended the account's run of failures: count again.
  }
  // Counts that keep changing under us: a moment later they will have settled.
  return { reserved: false, block: { scope: "account", retryAt: now } };
}

const insertedIdSchema = z.array(z.object({ id: z.coerce.number().int() }));

/**
 * The attempt's id, or null when a limit is reached. Counting and inserting are one statement,
 * which SQLite runs under the database's write lock: concurrent attempts, from this process or any
 * other, are counted one after another. The same rule as `signInBlock`: failures newer than the
 * window's start and, for the account, than its last success.
 */
async function insertAttemptUnderLimits(db: Db, email: string, ip: string, now: Date): Promise<number | null> {
  const at = now.getTime();
  const rows = await db.$queryRaw`
    INSERT INTO "SignInAttempt" ("at", "email", "ip", "succeeded")
    SELECT ${at}, ${email}, ${ip}, false
    WHERE (SELECT COUNT(*) FROM "SignInAttempt"
            WHERE "email" = ${email} AND "succeeded" = false
              AND "at" > MAX(${at - ACCOUNT_LIMIT.windowMs},
                             COALESCE((SELECT MAX("at") FROM "SignInAttempt" WHERE "email" = ${email} AND "succeeded" = true), 0))) < ${ACCOUNT_LIMIT.failures}
      AND (SELECT COUNT(*) FROM "SignInAttempt"
            WHERE "ip" = ${ip} AND "succeeded" = false AND "at" > ${at - IP_LIMIT.windowMs}) < ${IP_LIMIT.failures}
    RETURNING "id"`;
  return insertedIdSchema.parse(rows)[0]?.id ?? null;
}

/** The reserved attempt's password was right. */
export async function attemptSucceeded(db: Db, id: number): Promise<void> {
  await db.signInAttempt.update({ where: { id }, data: { succeeded: true } });
}

/** "Too many wrong passwords for this account. Try again in 12 minutes (after 17:05 UTC)." */
export function describeBlock(block: SignInBlock, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((block.retryAt.getTime() - now.getTime()) / 60_000));
  const time = block.retryAt.toISOString().slice(11, 16);
  const who = block.scope === "account" ? "for this account" : "from your address";
  return `Too many wrong passwords ${who}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (after ${time} UTC).`;
}
