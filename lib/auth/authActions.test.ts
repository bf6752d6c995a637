import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/components/auth/formState";
import { createTestAdmin, createTestSession, fakeRequest, RedirectSignal, startTestApp } from "./testing";

// The sign-in page and the sign-in and password-change actions, called directly with Next.js's
// request-scoped functions standing in for a real request.
vi.mock("next/headers", async () => (await import("./testing")).nextHeadersStandIn);
vi.mock("next/navigation", async (importOriginal) => ({ ...(await importOriginal<object>()), ...(await import("./testing")).nextNavigationOverrides }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-intl/server", async () => (await import("@/i18n/testing")).nextIntlServerStandIn);

type Page = (props: { searchParams: Promise<Record<string, string>> }) => Promise<unknown>;
type FormAction = (previous: FormState, form: FormData) => Promise<FormState>;

let app: Awaited<ReturnType<typeof startTestApp>>;
let signInPage: Page;
let signInAction: FormAction;
let changePasswordAction: FormAction;

beforeAll(async () => {
  app = await startTestApp();
  signInPage = ((await import("../../app/sign-in/page")) as { default: Page }).default;
  ({ signInAction } = (await import("../../app/sign-in/actions")) as { signInAction: FormAction });
  ({ changePasswordAction } = (await import("../../app/admin/password/actions")) as { changePasswordAction: FormAction });
});
afterAll(() => app.close());
beforeEach(() => fakeRequest.reset());

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** Where a page or action sent the browser (next/navigation's redirect throws). */
async function redirectOf(outcome: Promise<unknown>): Promise<string> {
  const thrown = await outcome.then(
    (value) => value,
    (error: unknown) => error,
  );
  if (!(thrown instanceof RedirectSignal)) throw new Error(`expected a redirect, got ${JSON.stringify(thrown)}`);
  return thrown.location;
}

describe("a hostile next never leaves the site, at any of its sinks", () => {
  const HOSTILE_NEXT = ["/.//evil.example/phish", "/%2e%2e//evil.example"];

  it.each(HOSTILE_NEXT)("the sign-in page sends an admin who is already signed in to / for next=%j", async (next) => {
    const admin = await createTestAdmin(app.db, { email: `signed-in-${HOSTILE_NEXT.indexOf(next)}@example.com`, password: "already signed in" });
    fakeRequest.reset({ cookies: { parsec_session: (await createTestSession(app.db, admin.id)).token } });
    expect(await redirectOf(signInPage({ searchParams: Promise.resolve({ next }) }))).toBe("/");
  });

  it("the sign-in form sends the browser to /, and a deep link still works", async () => {
    await createTestAdmin(app.db, { email: "form@example.com", password: "the form's password" });
    const signIn = (next: string) => redirectOf(signInAction({ message: null }, form({ email: "form@example.com", password: "the form's password", next })));
    for (const next of HOSTILE_NEXT) expect(await signIn(next)).toBe("/");
    expect(await signIn("/events?user=7")).toBe("/events?user=7");
  });

  it("the password change sends the browser to /", async () => {
    const admin = await createTestAdmin(app.db, { email: "changer@example.com", password: "the old password" });
    const session = await createTestSession(app.db, admin.id);
    fakeRequest.reset({ cookies: { parsec_session: session.token } });
    const fields = { csrf: session.csrfToken, current: "the old password", password: "a brand new password", confirm: "a brand new password" };
    expect(await redirectOf(changePasswordAction({ message: null }, form({ ...fields, next: HOSTILE_NEXT[0]! })))).toBe("/");
  });
});

describe("the forms' refusals in the reader's language", () => {
  it("a Japanese browser is told in Japanese, in its zone, and a cookie's choice wins over Accept-Language", async () => {
    await createTestAdmin(app.db, { email: "ja-reader@example.com", password: "the right password" });
    const wrong = () => signInAction({ message: null }, form({ email: "ja-reader@example.com", password: "not it", next: "/" }));
    fakeRequest.reset({ headers: { origin: "http://viewer.test", "accept-language": "ja-JP,ja;q=0.9" } });
    expect(await wrong()).toMatchObject({ message: "メールアドレスまたはパスワードが違います。" });
    fakeRequest.reset({ headers: { origin: "http://viewer.test", "accept-language": "ja-JP" }, cookies: { parsec_viewer_locale: "en" } });
    expect(await wrong()).toMatchObject({ message: "Wrong email or password." });
    for (let i = 0; i < 3; i += 1) await wrong();
    fakeRequest.reset({ headers: { origin: "http://viewer.test", "accept-language": "ja" }, cookies: { parsec_viewer_zone: "Asia%2FTokyo" } });
    expect((await wrong()).message).toMatch(
      /^このアカウントでパスワードの誤りが多すぎます。15 分後 \(\d{4}\/\d\d\/\d\d \d\d:\d\d 以降\) にもう一度お試しください。$/,
    );
  });
});

describe("the security checks' refusals", () => {
  it("say a missing CSRF token in the reader's language", async () => {
    const admin = await createTestAdmin(app.db, { email: "csrf-ja@example.com", password: "the old password" });
    const session = await createTestSession(app.db, admin.id);
    const fields = form({ csrf: "not the token", current: "the old password", password: "a brand new password", confirm: "a brand new password", next: "/" });
    fakeRequest.reset({ headers: { "accept-language": "ja-JP" }, cookies: { parsec_session: session.token } });
    expect(await changePasswordAction({ message: null }, fields)).toEqual({
      message: "セキュリティチェックに失敗しました。ページを再読み込みして、もう一度お試しください。",
    });
    fakeRequest.reset({ headers: { "accept-language": "en-US" }, cookies: { parsec_session: session.token } });
    expect(await changePasswordAction({ message: null }, fields)).toEqual({ message: "Cross-site request refused: reload the page and try again." });
  });
});

describe("changing the password", () => {
  it("refuses the 6th try after 5 wrong current passwords, even the right one, saying how long to wait, and audits each failure", async () => {
    const admin = await createTestAdmin(app.db, { email: "guessed@example.com", password: "the real password" });
    const session = await createTestSession(app.db, admin.id);
    fakeRequest.reset({ cookies: { parsec_session: session.token } });
    const change = (current: string) =>
      changePasswordAction(
        { message: null },
        form({ csrf: session.csrfToken, current, password: "a brand new password", confirm: "a brand new password", next: "/" }),
      );
    for (let i = 0; i < 5; i += 1) expect(await change(`guess ${i}`)).toEqual({ message: "The current password is wrong." });
    const sixth = await change("the real password");
    expect(sixth.message).toMatch(/^Too many wrong passwords for this account\. Try again in 15 minutes \(after \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/);
    const stored = await app.db.adminAccount.findUniqueOrThrow({ where: { id: admin.id } });
    const { verifyPassword } = await import("./passwordHash");
    expect(await verifyPassword("the real password", stored.passwordHash)).toBe(true);

    const audit = await app.db.viewerAuditEntry.findMany({ where: { action: "password_change_failed" }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.actor, entry.ip, entry.detail])).toEqual([
      ...Array.from({ length: 5 }, () => ["guessed@example.com", "203.0.113.9", "wrong current password"]),
      ["guessed@example.com", "203.0.113.9", "refused, rate limit (account)"],
    ]);
  });
});
