import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { changePassword } from "./adminAccounts";
import { createTempDatabase, type TempDatabase } from "../store/testing";
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
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(async () => database.close());
// Braces: mockClear returns the mock, and a function returned from beforeEach is run as its clean-up.
beforeEach(() => {
  passwordChecks.mockClear();
});

const T0 = new Date("2026-11-25T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const signIn = (email: string, password: string, ip: string, now: Date) =>
  signInWithPassword(database.db, { email, password, ip }, TEST_POLICY, { now, scrypt: TEST_SCRYPT });
const isRateLimited = (result: Awaited<ReturnType<typeof signIn>>) => !result.ok && result.message.startsWith("Too many wrong passwords");

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
    expect(!right.ok && right.message).toBe("Too many wrong passwords for this account. Try again in 14 minutes (after 10:15 UTC).");
    expect(passwordChecks).toHaveBeenCalledTimes(ACCOUNT_LIMIT.failures);
    expect((await signIn("target@example.com", "the right password", "198.51.100.1", at(ACCOUNT_LIMIT.windowMs + 1000))).ok).toBe(true);
  });

  it("holds across server processes: two of them guessing at once check 5 passwords between them", async () => {
    await createTestAdmin(database.db, { email: "two-servers@example.com", password: "the right password" });
    const servers = [startGuessingServer(database.file, "two-servers@example.com", 20), startGuessingServer(database.file, "two-servers@example.com", 20)];
    for (const server of servers) onTestFinished(server.kill);
    // Both are connected before either guesses, so that their bursts overlap.
    await Promise.all(servers.map((server) => server.ready));
    for (const server of servers) server.go();
    const answers = (await Promise.all(servers.map((server) => server.answers))).flat();
    expect(answers).toHaveLength(40);
    expect(answers.filter((a) => a === WRONG_CREDENTIALS)).toHaveLength(ACCOUNT_LIMIT.failures);
    expect(answers.filter((a) => a.startsWith("Too many wrong passwords for this account"))).toHaveLength(40 - ACCOUNT_LIMIT.failures);
    expect(await database.db.signInAttempt.count({ where: { email: "two-servers@example.com" } })).toBe(ACCOUNT_LIMIT.failures);
  });

  it("checks at most 20 guesses from one address, whichever accounts they name", async () => {
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`user${i}@example.com`, "guess", "203.0.113.50", T0)));
    expect(passwordChecks).toHaveBeenCalledTimes(IP_LIMIT.failures);
    expect(burst.filter((r) => !r.ok && r.message.startsWith("Too many wrong passwords from your address"))).toHaveLength(40 - IP_LIMIT.failures);
  });
});

describe("the same limit on the current password of a password change", () => {
  it("checks at most 5 of 40 parallel guesses, and they count against signing in too", async () => {
    const admin = await createTestAdmin(database.db, { email: "hijacked@example.com", password: "the right password" });
    const guess = (i: number) =>
      changePassword(
        database.db,
        admin.id,
        { current: `guess ${i}`, next: "a new long password", confirm: "a new long password" },
        { ip: `192.0.2.${i + 1}`, now: T0, scrypt: TEST_SCRYPT },
      );
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => guess(i)));
    expect(passwordChecks).toHaveBeenCalledTimes(ACCOUNT_LIMIT.failures);
    const messages = outcomes.map((o) => (o.status === "rejected" ? (o.reason as Error).message : "changed"));
    expect(messages.filter((m) => m === "The current password is wrong.")).toHaveLength(ACCOUNT_LIMIT.failures);
    expect(messages.filter((m) => m.startsWith("Too many wrong passwords for this account"))).toHaveLength(40 - ACCOUNT_LIMIT.failures);
    expect(isRateLimited(await signIn("hijacked@example.com", "the right password", "198.51.100.9", at(60_000)))).toBe(true);
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
    expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS, problem: { kind: "credentials" } });
    expect(unknown).toEqual(wrong);
    expect(passwordChecks).toHaveBeenCalledTimes(2);
  });

  it("ends an account's run of failures at a successful sign-in", async () => {
    await createTestAdmin(database.db, { email: "forgetful@example.com", password: "the right password" });
    for (let i = 0; i < ACCOUNT_LIMIT.failures - 1; i += 1) await signIn("forgetful@example.com", `guess ${i}`, "198.51.100.3", at(i * 1000));
    expect((await signIn("forgetful@example.com", "the right password", "198.51.100.3", at(10_000))).ok).toBe(true);
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i += 1) {
      expect(await signIn("forgetful@example.com", `typo ${i}`, "198.51.100.3", at(20_000 + i * 1000))).toEqual({
        ok: false,
        message: WRONG_CREDENTIALS,
        problem: { kind: "credentials" },
      });
    }
    expect(isRateLimited(await signIn("forgetful@example.com", "the right password", "198.51.100.3", at(30_000)))).toBe(true);
  });
});

/**
 * Another process on the same database file, as a second server would be: it connects, says
 * "ready", and on "go" sends `guesses` wrong passwords for `email` at once; its answers are the
 * messages it got.
 */
function startGuessingServer(databaseFile: string, email: string, guesses: number) {
  const lib = path.resolve(import.meta.dirname, "..");
  const script = `(async () => {
    const { connectDatabaseClient } = await import(${JSON.stringify(path.join(lib, "store/client.ts"))});
    const { signInWithPassword } = await import(${JSON.stringify(path.join(lib, "auth/signInWithPassword.ts"))});
    const { TEST_POLICY, TEST_SCRYPT } = await import(${JSON.stringify(path.join(lib, "auth/testing.ts"))});
    const db = await connectDatabaseClient(${JSON.stringify(databaseFile)});
    console.log("ready");
    await new Promise((resolve) => process.stdin.once("data", resolve));
    const results = await Promise.all(Array.from({ length: ${guesses} }, (_, i) =>
      signInWithPassword(db, { email: ${JSON.stringify(email)}, password: "guess " + i, ip: "192.0.2." + (i + 1) }, TEST_POLICY, { now: new Date(${T0.getTime()}), scrypt: TEST_SCRYPT })));
    console.log(JSON.stringify(results.map((r) => (r.ok ? "signed in" : r.message))));
    await db.$disconnect();
    process.exit(0);
  })();`;
  const child = spawn(process.execPath, [path.join(lib, "../node_modules/tsx/dist/cli.mjs"), "-e", script], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith("ready\n")) resolve();
    });
    void exited.then(() => reject(new Error(`the guessing process ended before it was ready: ${stderr}`)));
  });
  return {
    ready,
    go: () => child.stdin.write("go\n"),
    answers: exited.then((code): string[] => {
      if (code !== 0) throw new Error(`the guessing process exited with ${code}: ${stderr}`);
      return JSON.parse(stdout.slice("ready\n".length)) as string[];
    }),
    kill: () => void child.kill("SIGKILL"),
  };
}
