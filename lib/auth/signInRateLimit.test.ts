import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { connectDatabaseClient, type Db } from "../db/client";
import { createTempDatabase, type TempDatabase } from "../sync/testing";
import { verifyPassword } from "./passwordHash";
import { ACCOUNT_LIMIT, IP_LIMIT } from "./signInRateLimit";
import { signInWithPassword, WRONG_CREDENTIALS } from "./signInWithPassword";
import { createTestAdmin, TEST_POLICY, TEST_SCRYPT } from "./testing";

// Every password check goes through verifyPassword: counting its calls counts the guesses checked.
vi.mock("./passwordHash", async (importOriginal) => {
  const original = await importOriginal<typeof import("./passwordHash")>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});
const passwordChecks = vi.mocked(verifyPassword);

let database: TempDatabase;
/** A second connection to the same file, as a second server process would have. */
let otherProcess: Db;
beforeAll(async () => {
  database = await createTempDatabase();
  otherProcess = await connectDatabaseClient(database.file);
});
afterAll(async () => {
  await otherProcess.$disconnect();
  await database.close();
});
// Braces: mockClear returns the mock, and a function returned from beforeEach is run as its clean-up.
beforeEach(() => {
  passwordChecks.mockClear();
});

const T0 = new Date("2026-11-25T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const signIn = (email: string, password: string, ip: string, now: Date, db: Db = database.db) =>
  signInWithPassword(db, { email, password, ip }, TEST_POLICY, { now, scrypt: TEST_SCRYPT });
const isRateLimited = (result: Awaited<ReturnType<typeof signIn>>) => !result.ok && result.message.startsWith("Too many failed sign-ins");

describe("the sign-in limit under a burst of concurrent guesses", () => {
  it("checks at most 5 of 40 parallel guesses at one account, and then refuses the right password until the window passes", async () => {
    await createTestAdmin(database.db, { email: "target@example.com", password: "the right password" });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn("target@example.com", `guess ${i}`, `192.0.2.${i + 1}`, T0)));
    expect(passwordChecks).toHaveBeenCalledTimes(ACCOUNT_LIMIT.failures);
    expect(burst.filter((r) => !r.ok && r.message === WRONG_CREDENTIALS)).toHaveLength(ACCOUNT_LIMIT.failures);
    expect(burst.filter(isRateLimited)).toHaveLength(40 - ACCOUNT_LIMIT.failures);
    expect(await database.db.signInAttempt.count({ where: { email: "target@example.com" } })).toBe(ACCOUNT_LIMIT.failures);

    const right = await signIn("target@example.com", "the right password", "198.51.100.1", at(60_000));
    expect(right.ok).toBe(false);
    expect(!right.ok && right.message).toBe("Too many failed sign-ins for this account. Try again in 14 minutes (after 10:15 UTC).");
    expect(passwordChecks).toHaveBeenCalledTimes(ACCOUNT_LIMIT.failures);
    expect((await signIn("target@example.com", "the right password", "198.51.100.1", at(ACCOUNT_LIMIT.windowMs + 1000))).ok).toBe(true);
  });

  it("holds across connections to the database, as for two server processes", async () => {
    await createTestAdmin(database.db, { email: "shared@example.com", password: "the right password" });
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn("shared@example.com", `guess ${i}`, `192.0.2.${i + 1}`, T0, i % 2 === 0 ? database.db : otherProcess)),
    );
    expect(passwordChecks).toHaveBeenCalledTimes(ACCOUNT_LIMIT.failures);
    expect(burst.filter(isRateLimited)).toHaveLength(40 - ACCOUNT_LIMIT.failures);
  });

  it("checks at most 20 guesses from one address, whichever accounts they name", async () => {
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`user${i}@example.com`, "guess", "203.0.113.50", T0)));
    expect(passwordChecks).toHaveBeenCalledTimes(IP_LIMIT.failures);
    expect(burst.filter((r) => !r.ok && r.message.startsWith("Too many failed sign-ins for your address"))).toHaveLength(40 - IP_LIMIT.failures);
  });
});

describe("the sign-in limit in normal use", () => {
  it("lets the right password in, and gives a wrong password and an unknown email the same answer after one check each", async () => {
    await createTestAdmin(database.db, { email: "normal@example.com", password: "the right password" });
    expect(await signIn("normal@example.com", "the right password", "198.51.100.2", T0)).toMatchObject({ ok: true, email: "normal@example.com" });
    expect(await database.db.signInAttempt.findMany({ where: { email: "normal@example.com" }, select: { succeeded: true, ip: true } })).toEqual([
      { succeeded: true, ip: "198.51.100.2" },
    ]);
    passwordChecks.mockClear();
    const wrong = await signIn("normal@example.com", "a wrong password", "198.51.100.2", at(1000));
    const unknown = await signIn("nobody-here@example.com", "a wrong password", "198.51.100.2", at(2000));
    expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(unknown).toEqual(wrong);
    expect(passwordChecks).toHaveBeenCalledTimes(2);
  });

  it("ends an account's run of failures at a successful sign-in", async () => {
    await createTestAdmin(database.db, { email: "forgetful@example.com", password: "the right password" });
    for (let i = 0; i < ACCOUNT_LIMIT.failures - 1; i += 1) await signIn("forgetful@example.com", `guess ${i}`, "198.51.100.3", at(i * 1000));
    expect((await signIn("forgetful@example.com", "the right password", "198.51.100.3", at(10_000))).ok).toBe(true);
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i += 1) {
      expect(await signIn("forgetful@example.com", `typo ${i}`, "198.51.100.3", at(20_000 + i * 1000))).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    }
    expect(isRateLimited(await signIn("forgetful@example.com", "the right password", "198.51.100.3", at(30_000)))).toBe(true);
  });
});
