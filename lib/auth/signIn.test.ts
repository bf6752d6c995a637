import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { changePassword, ensureInitialAdmin, PasswordChangeError } from "./adminAccounts";
import { announceInitialAdmin } from "./announceInitialAdmin";
import { hashPassword, needsRehash, verifyPassword } from "./passwordHash";
import { createSession, csrfTokenFor, csrfTokenMatches, endOtherSessions, endSession, readSession, sessionIdHash } from "./sessions";
import { ACCOUNT_LIMIT, IP_LIMIT } from "./signInRateLimit";
import { signInWithPassword, WRONG_CREDENTIALS } from "./signInWithPassword";
import { createTestAdmin, TEST_POLICY, TEST_SCRYPT } from "./testing";

let database: TempDatabase;
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(async () => database.close());

const signIn = (email: string, password: string, ip = "198.51.100.1", now = new Date()) =>
  signInWithPassword(database.db, { email, password, ip }, TEST_POLICY, { now, scrypt: TEST_SCRYPT });

describe("password hashes", () => {
  it("verify the right password only, with the parameters stored beside a per-password salt", async () => {
    const hash = await hashPassword("パスワード correct horse", TEST_SCRYPT);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("パスワード correct horse", hash)).toBe(true);
    expect(await verifyPassword("パスワード correct horsf", hash)).toBe(false);
    expect(await hashPassword("same", TEST_SCRYPT)).not.toBe(await hashPassword("same", TEST_SCRYPT));
  });

  it("say when the parameters were raised since a hash was made", async () => {
    const hash = await hashPassword("x".repeat(12), TEST_SCRYPT);
    expect(needsRehash(hash, TEST_SCRYPT)).toBe(false);
    expect(needsRehash(hash, { ...TEST_SCRYPT, N: 2 ** 11 })).toBe(true);
  });

  it("refuse a malformed stored hash, or none, without throwing", async () => {
    expect(await verifyPassword("anything", "scrypt$abc", TEST_SCRYPT)).toBe(false);
    expect(await verifyPassword("anything", null, TEST_SCRYPT)).toBe(false);
  });
});

describe("sign-in", () => {
  beforeAll(async () => {
    await createTestAdmin(database.db, { email: "ada@example.com", password: "analytical engine" });
  });

  it("signs in with the right password, stores only a hash of the session id, and records it", async () => {
    const result = await signIn(" Ada@Example.com ", "analytical engine");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.token).toMatch(/^[\w-]{43}$/);
    const stored = await database.db.adminSession.findMany();
    expect(stored.map((s) => s.idHash)).toContain(sessionIdHash(result.token));
    expect(JSON.stringify(stored)).not.toContain(result.token);
    const audit = await database.db.viewerAuditEntry.findFirst({ where: { action: "sign_in" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actor: "ada@example.com", ip: "198.51.100.1" });
  });

  it("says the same for a wrong password and an unknown email, and records the failure without the password", async () => {
    expect(await signIn("ada@example.com", "wrong password")).toEqual({ ok: false, message: WRONG_CREDENTIALS, problem: { kind: "credentials" } });
    expect(await signIn("nobody@example.com", "wrong password")).toEqual({ ok: false, message: WRONG_CREDENTIALS, problem: { kind: "credentials" } });
    const failures = await database.db.viewerAuditEntry.findMany({ where: { action: "sign_in_failed" } });
    expect(failures.map((f) => f.detail)).toEqual(["ada@example.com: wrong email or password", "nobody@example.com: wrong email or password"]);
    expect(JSON.stringify(failures)).not.toContain("wrong password");
  });

  it("locks an account after 5 failures for 15 minutes, saying when to retry, even with the right password", async () => {
    await createTestAdmin(database.db, { email: "grace@example.com", password: "cobol forever 1959" });
    const start = new Date("2026-11-25T10:00:00Z");
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i += 1) {
      const result = await signIn("grace@example.com", `guess ${i}`, `192.0.2.${i}`, new Date(start.getTime() + i * 1000));
      expect(result).toEqual({ ok: false, message: WRONG_CREDENTIALS, problem: { kind: "credentials" } });
    }
    const locked = await signIn("grace@example.com", "cobol forever 1959", "192.0.2.99", new Date(start.getTime() + 60_000));
    expect(locked.ok).toBe(false);
    expect(!locked.ok && locked.message).toBe("Too many wrong passwords for this account. Try again in 14 minutes (after 10:15 UTC).");
    // The lock outlives the process: it is in the database. After the window, the right password works.
    const later = await signIn("grace@example.com", "cobol forever 1959", "192.0.2.99", new Date(start.getTime() + ACCOUNT_LIMIT.windowMs + 1000));
    expect(later.ok).toBe(true);
  });

  it("limits one address trying many accounts", async () => {
    const start = new Date("2026-11-25T12:00:00Z");
    for (let i = 0; i < IP_LIMIT.failures; i += 1) {
      await signIn(`user${i}@example.com`, "guess", "203.0.113.50", new Date(start.getTime() + i * 1000));
    }
    const blocked = await signIn("ada@example.com", "analytical engine", "203.0.113.50", new Date(start.getTime() + 30_000));
    expect(!blocked.ok && blocked.message).toMatch(/^Too many wrong passwords from your address\. Try again in 15 minutes/);
    // Another address is not affected.
    expect((await signIn("ada@example.com", "analytical engine", "203.0.113.51", new Date(start.getTime() + 30_000))).ok).toBe(true);
  });

  it("refuses a malformed email with a clear message", async () => {
    expect(await signIn("not an email", "x")).toEqual({ ok: false, message: "Enter an email address.", problem: { kind: "email", tooLong: false } });
  });
});

describe("sessions", () => {
  it("end after the idle time, after the absolute lifetime, and at sign-out", async () => {
    const admin = await createTestAdmin(database.db, { email: "linus@example.com", password: "just for fun 1991" });
    const policy = { idleMs: 30 * 60_000, maxMs: 2 * 3_600_000 };
    const t0 = new Date("2026-11-25T08:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);

    const idle = await createSession(database.db, admin.id, "password", policy, t0);
    expect(await readSession(database.db, idle.token, policy, at(29 * 60_000))).toMatchObject({ email: "linus@example.com" });
    // Used at 29 min: idle counts from there.
    expect(await readSession(database.db, idle.token, policy, at(58 * 60_000))).not.toBeNull();
    expect(await readSession(database.db, idle.token, policy, at(89 * 60_000))).toBeNull();
    expect(await database.db.adminSession.count({ where: { idHash: sessionIdHash(idle.token) } })).toBe(0);

    const busy = await createSession(database.db, admin.id, "password", policy, t0);
    for (let minute = 20; minute < 120; minute += 20) expect(await readSession(database.db, busy.token, policy, at(minute * 60_000))).not.toBeNull();
    expect(await readSession(database.db, busy.token, policy, at(120 * 60_000))).toBeNull();

    const ended = await createSession(database.db, admin.id, "password", policy);
    await endSession(database.db, ended.token);
    expect(await readSession(database.db, ended.token, policy)).toBeNull();
    expect(await readSession(database.db, "made-up", policy)).toBeNull();
    expect(await readSession(database.db, undefined, policy)).toBeNull();
  });

  it("a password change ends every other session of that admin", async () => {
    const admin = await createTestAdmin(database.db, { email: "ken@example.com", password: "unix epoch 1970" });
    const mine = await createSession(database.db, admin.id, "password", TEST_POLICY);
    const other = await createSession(database.db, admin.id, "password", TEST_POLICY);
    const from = { ip: "198.51.100.1", scrypt: TEST_SCRYPT };
    await expect(changePassword(database.db, admin.id, { current: "wrong", next: "a new passphrase", confirm: "a new passphrase" }, from)).rejects.toThrow(
      "The current password is wrong.",
    );
    await expect(changePassword(database.db, admin.id, { current: "unix epoch 1970", next: "short", confirm: "short" }, from)).rejects.toThrow(
      PasswordChangeError,
    );
    await expect(
      changePassword(database.db, admin.id, { current: "unix epoch 1970", next: "a new passphrase", confirm: "a new passphrasf" }, from),
    ).rejects.toThrow("The new password and its confirmation differ.");
    await changePassword(database.db, admin.id, { current: "unix epoch 1970", next: "a new passphrase", confirm: "a new passphrase" }, from);
    await endOtherSessions(database.db, admin.id, mine.token);
    expect(await readSession(database.db, mine.token, TEST_POLICY)).not.toBeNull();
    expect(await readSession(database.db, other.token, TEST_POLICY)).toBeNull();
    expect((await signIn("ken@example.com", "unix epoch 1970")).ok).toBe(false);
    expect((await signIn("ken@example.com", "a new passphrase")).ok).toBe(true);
  });

  it("CSRF tokens belong to one session and compare in constant time", () => {
    expect(csrfTokenMatches("session-a", csrfTokenFor("session-a"))).toBe(true);
    expect(csrfTokenMatches("session-a", csrfTokenFor("session-b"))).toBe(false);
    expect(csrfTokenMatches("session-a", "")).toBe(false);
    expect(csrfTokenMatches(undefined, csrfTokenFor("session-a"))).toBe(false);
    expect(csrfTokenFor("session-a")).not.toContain("session-a");
  });
});

describe("the first start", () => {
  it("creates one admin with a generated one-time password, printed once, to be changed at first sign-in", async () => {
    const fresh = await createTempDatabase();
    try {
      const banner: string[] = [];
      const logged: string[] = [];
      const outcome = await ensureInitialAdmin(fresh.db, { email: "admin@localhost", password: null }, TEST_SCRYPT);
      announceInitialAdmin(outcome, { banner: (lines) => banner.push(...lines), info: (line) => logged.push(line) });
      expect(outcome.created && outcome.generatedPassword).toMatch(/^[\w-]{24}$/);
      const password = outcome.created ? outcome.generatedPassword! : "";
      expect(banner.join("\n")).toContain(`one-time password:  ${password}`);
      // The log line (JSON, kept by a collector) says where the password is without carrying it.
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain("admin@localhost");
      expect(logged[0]).not.toContain(password);
      const admin = await fresh.db.adminAccount.findFirstOrThrow();
      expect(admin).toMatchObject({ email: "admin@localhost", mustChangePassword: true });
      expect(admin.passwordHash).not.toContain(password);
      // A second start creates nothing and prints nothing.
      const again = await ensureInitialAdmin(fresh.db, { email: "admin@localhost", password: null }, TEST_SCRYPT);
      expect(again).toEqual({ created: false });
      expect(await fresh.db.adminAccount.count()).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it("takes ADMIN_EMAIL/ADMIN_PASSWORD when given, with no forced change", async () => {
    const fresh = await createTempDatabase();
    try {
      const banner: string[] = [];
      const logged: string[] = [];
      announceInitialAdmin(await ensureInitialAdmin(fresh.db, { email: "ops@example.com", password: "chosen by the operator" }, TEST_SCRYPT), {
        banner: (lines) => banner.push(...lines),
        info: (line) => logged.push(line),
      });
      expect(banner).toEqual([]);
      expect(logged).toEqual(["created the admin account ops@example.com from ADMIN_EMAIL/ADMIN_PASSWORD"]);
      expect(await fresh.db.adminAccount.findFirstOrThrow()).toMatchObject({ email: "ops@example.com", mustChangePassword: false });
    } finally {
      await fresh.close();
    }
  });
});

describe("a password reset from the command line", () => {
  it("gives a one-time password that must be changed, and ends the admin's sessions", async () => {
    const { resetAdminPassword } = await import("./adminAccounts");
    const admin = await createTestAdmin(database.db, { email: "lost@example.com", password: "forgotten long ago" });
    const before = await createSession(database.db, admin.id, "password", TEST_POLICY);
    const { password, created } = await resetAdminPassword(database.db, "lost@example.com", TEST_SCRYPT);
    expect(created).toBe(false);
    expect(await readSession(database.db, before.token, TEST_POLICY)).toBeNull();
    const result = await signIn("lost@example.com", password);
    expect(result).toMatchObject({ ok: true, mustChangePassword: true });
  });
});
