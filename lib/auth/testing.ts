/**
 * Fixtures for tests of sign-in and route protection: cheap scrypt parameters (the real ones
 * cost 128 MiB and half a second a hash), an admin with a session, and stand-ins for Next.js's
 * request-scoped functions (cookies(), headers(), redirect()) so that pages, route handlers and
 * server actions can be called directly. Only tests import this file.
 */
import { getConfig } from "../config";
import { getDatabase, type Db } from "../store/client";
import { makeTempDir } from "../store/testing";
import { hashPassword, type ScryptParameters } from "./passwordHash";
import { createSession, csrfTokenFor, type SessionPolicy } from "./sessions";

/**
 * The app's configuration for a test that calls pages, routes or actions directly: `env` (on top
 * of a fresh database file in a temporary directory) becomes process.env before the first
 * getConfig(). Returns the app's own database client and the clean-up.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<{ db: Db; close(): Promise<void> }> {
  const temp = makeTempDir();
  Object.assign(process.env, { DATABASE_URL: `file:${temp.file("viewer.db")}`, ...env });
  const db = await getDatabase(getConfig().databaseFile);
  return {
    db,
    async close() {
      await db.$disconnect();
      temp.remove();
    },
  };
}

export const TEST_SCRYPT: ScryptParameters = { N: 2 ** 10, r: 8, p: 1 };
export const TEST_POLICY: SessionPolicy = { idleMs: 60 * 60_000, maxMs: 12 * 3_600_000 };

export async function createTestAdmin(
  db: Db,
  options: { email: string; password: string; mustChangePassword?: boolean },
): Promise<{ id: number; email: string }> {
  return db.adminAccount.create({
    data: { email: options.email, passwordHash: await hashPassword(options.password, TEST_SCRYPT), mustChangePassword: options.mustChangePassword ?? false },
    select: { id: true, email: true },
  });
}

export async function createTestSession(db: Db, adminId: number, policy = TEST_POLICY): Promise<{ token: string; csrfToken: string }> {
  const { token } = await createSession(db, adminId, "password", policy);
  return { token, csrfToken: csrfTokenFor(token) };
}

/** What the stand-ins for next/headers answer: the request being "served". */
export const fakeRequest = {
  cookies: new Map<string, string>(),
  headers: new Headers(),
  reset(init: { cookies?: Record<string, string>; headers?: Record<string, string> } = {}) {
    this.cookies = new Map(Object.entries(init.cookies ?? {}));
    this.headers = new Headers({ host: "viewer.test", "x-forwarded-proto": "http", "x-forwarded-for": "203.0.113.9", ...init.headers });
  },
};

/** Thrown by the stand-in for next/navigation's redirect(), as the real one throws. */
export class RedirectSignal extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
    this.name = "RedirectSignal";
  }
}

export const nextHeadersStandIn = {
  cookies: async () => ({
    get: (name: string) => (fakeRequest.cookies.has(name) ? { name, value: fakeRequest.cookies.get(name)! } : undefined),
    set: (name: string, value: string) => void fakeRequest.cookies.set(name, value),
    delete: (cookie: string | { name: string }) => void fakeRequest.cookies.delete(typeof cookie === "string" ? cookie : cookie.name),
  }),
  headers: async () => fakeRequest.headers,
};

export const nextNavigationOverrides = {
  redirect: (location: string) => {
    throw new RedirectSignal(location);
  },
};
