// Every HTTP request a benchmark makes to the app goes through `benchRequest`, so that whatever a
// request needs to be let in (today: an admin's session cookie, see `benchSession`) is added in
// one place, and an answer that is not the page (a redirect to sign-in, an error) fails the
// benchmark instead of being timed as if it were.
import { openDatabase } from "@/lib/db/client";
import { ensureInitialAdmin } from "@/lib/auth/adminAccounts";
import { SESSION_COOKIE } from "@/lib/auth/sessionCookie";
import { createSession } from "@/lib/auth/sessions";

export interface BenchSession {
  /** The Cookie header value that signs the requests in. */
  cookie: string;
}

const BENCH_ADMIN = { email: "bench@localhost", password: "bench-only-password-0123456789" };

/**
 * A signed-in admin for the benchmark's requests: the database's first admin (created as the
 * server's first start would, when there is none) with a fresh session written straight into the
 * database, as signing in would write it.
 */
export async function benchSession(databaseFile: string): Promise<BenchSession> {
  const db = await openDatabase(databaseFile);
  try {
    await ensureInitialAdmin(db, BENCH_ADMIN);
    const admin = await db.adminAccount.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
    await db.adminAccount.update({ where: { id: admin.id }, data: { mustChangePassword: false } });
    const { token } = await createSession(db, admin.id, "password", { idleMs: 3_600_000, maxMs: 12 * 3_600_000 });
    return { cookie: `${SESSION_COOKIE}=${token}` };
  } finally {
    await db.$disconnect();
  }
}

/** GET `url` as the benchmark's admin; the whole body is read, and anything but a 200 is an error. */
export async function benchRequest(url: string, session: BenchSession | null): Promise<{ status: number; bytes: number; body: string }> {
  const response = await fetch(url, { redirect: "manual", headers: session ? { cookie: session.cookie } : {} });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`GET ${url} answered ${response.status}${response.headers.get("location") ? ` (to ${response.headers.get("location")})` : ""}: ${body.slice(0, 200)}`);
  }
  return { status: response.status, bytes: Buffer.byteLength(body), body };
}
