import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isActionRefusal, REFUSED_PARAM } from "./actionRefusal";
import { appRoutes, serverActionFiles } from "./appRoutes";
import { createTestAdmin, createTestSession, fakeRequest, RedirectSignal, startTestApp } from "./testing";

// Pages, route handlers and server actions are called directly, with Next.js's request-scoped
// functions standing in for a real request.
vi.mock("next/headers", async () => (await import("./testing")).nextHeadersStandIn);
vi.mock("next/navigation", async (importOriginal) => ({ ...(await importOriginal<object>()), ...(await import("./testing")).nextNavigationOverrides }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-intl/server", async () => (await import("@/i18n/testing")).nextIntlServerStandIn);

/** The only routes a visitor without a session may reach. Adding one here needs a reason. */
const PUBLIC_ROUTES = new Set([
  "page /sign-in",
  "route /api/health",
  "route /api/ready",
  // OpenID Connect: the way to the provider and back, before there is a session.
  "route /sign-in/oidc",
  "route /sign-in/oidc/callback",
]);
/** Server actions that run without a session: signing in is how one gets a session, and the sign-in page has the language switch (its cookie holds nothing but the language). */
const PUBLIC_ACTIONS = new Set(["signInAction", "setLocaleAction"]);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

let app: Awaited<ReturnType<typeof startTestApp>>;
let signedIn: { token: string; csrfToken: string };
let pendingChange: { token: string; csrfToken: string };

beforeAll(async () => {
  app = await startTestApp({ SYNC_TOKEN: "route-protection-sync-token-0123", METRICS_TOKEN: "route-protection-metrics-token-0123" });
  const db = app.db;
  const admin = await createTestAdmin(db, { email: "admin@example.com", password: "correct horse battery" });
  const fresh = await createTestAdmin(db, { email: "fresh@example.com", password: "one-time-password", mustChangePassword: true });
  signedIn = await createTestSession(db, admin.id);
  pendingChange = await createTestSession(db, fresh.id);
});

afterAll(() => app.close());

beforeEach(() => fakeRequest.reset());

const routes = appRoutes();
const pages = routes.filter((r) => r.kind === "page" && !PUBLIC_ROUTES.has(`page ${r.url}`));
const handlers = routes.filter((r) => r.kind === "route" && !PUBLIC_ROUTES.has(`route ${r.url}`));
const anyParams = () => Promise.resolve(new Proxy({}, { get: (_target, key) => (typeof key === "string" ? "1" : undefined) }));

async function renderPage(file: string, path: string): Promise<unknown> {
  fakeRequest.headers.set("x-parsec-path", path);
  const page = (await import(file)) as { default: (props: unknown) => unknown };
  return page.default({ params: anyParams(), searchParams: Promise.resolve({}) });
}

async function callHandler(file: string, method: string, url: string, headers: Record<string, string> = {}): Promise<Response | null> {
  const routeModule = (await import(file)) as Record<string, unknown>;
  const handler = routeModule[method];
  if (typeof handler !== "function") return null;
  const request = new Request(`http://viewer.test${url}`, { method, headers });
  return (await handler(request, { params: anyParams() })) as Response;
}

describe("the route tree", () => {
  it("is found: the pages and routes this app is known to have", () => {
    const found = routes.map((r) => `${r.kind} ${r.url}`);
    for (const known of ["page /", "page /events", "route /events/export", "route /api/sync", "route /api/health", "page /sign-in"]) {
      expect(found).toContain(known);
    }
  });
});

describe.each(pages.map((p) => [p.url, p.file] as const))("page %s", (url, file) => {
  it("sends a visitor without a session to sign in, and back here afterwards", async () => {
    const outcome = await renderPage(file, `${url}?q=1`).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(RedirectSignal);
    expect((outcome as RedirectSignal).location).toBe(`/sign-in?next=${encodeURIComponent(`${url}?q=1`)}`);
  });

  it("refuses a made-up or ended session cookie", async () => {
    fakeRequest.reset({ cookies: { parsec_session: "made-up-session-id" } });
    const outcome = await renderPage(file, url).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(RedirectSignal);
    expect((outcome as RedirectSignal).location).toMatch(/^\/sign-in/);
  });

  it.skipIf(url === "/admin/password")("sends an admin with a pending password change to change it first", async () => {
    fakeRequest.reset({ cookies: { parsec_session: pendingChange.token } });
    const outcome = await renderPage(file, url).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(RedirectSignal);
    expect((outcome as RedirectSignal).location).toMatch(/^\/admin\/password/);
  });
});

describe.each(handlers.map((h) => [h.url, h.file] as const))("route %s", (url, file) => {
  it("answers 401 to every method without a session, and never runs", async () => {
    let methods = 0;
    for (const method of METHODS) {
      const response = await callHandler(file, method, url);
      if (!response) continue;
      methods += 1;
      expect(response.status, `${method} ${url}`).toBe(401);
      expect(await response.json()).toHaveProperty("message");
    }
    expect(methods).toBeGreaterThan(0);
  });

  it("refuses a state-changing request of a signed-in admin without the CSRF token", async () => {
    for (const method of METHODS.filter((m) => !["GET", "HEAD"].includes(m))) {
      const cookie = `parsec_session=${signedIn.token}`;
      const crossSite = await callHandler(file, method, url, { cookie, origin: "https://evil.example", "x-csrf-token": signedIn.csrfToken });
      if (!crossSite) continue;
      expect([401, 403], `${method} ${url} from another origin`).toContain(crossSite.status);
      const noToken = await callHandler(file, method, url, { cookie });
      expect([401, 403], `${method} ${url} without a token`).toContain(noToken!.status);
    }
  });
});

describe("server actions", () => {
  const actionFiles = serverActionFiles();

  it("are found", () => {
    expect(actionFiles.map((f) => path.basename(f))).toContain("signOutAction.ts");
  });

  it.each(actionFiles.map((f) => [path.relative(process.cwd(), f), f] as const))(
    "%s: each action refuses a visitor without a session, and a form without the CSRF token",
    async (_name, file) => {
      const actionModule = (await import(file)) as Record<string, unknown>;
      type Action = (...args: unknown[]) => Promise<unknown>;
      const actions = Object.entries(actionModule).filter(
        (entry): entry is [string, Action] => typeof entry[1] === "function" && !PUBLIC_ACTIONS.has(entry[0]),
      );
      for (const [name, action] of actions) {
        // useActionState actions take (previous state, form); plain form actions take (form).
        const call = (form: FormData) => action(...(action.length >= 2 ? [{ message: null }, form] : [form]));
        fakeRequest.reset();
        const signedOut = await call(new FormData()).catch((error: unknown) => error);
        expect(isRefusal(signedOut), `${name} without a session`).toBe(true);

        fakeRequest.reset({ cookies: { parsec_session: signedIn.token }, headers: { origin: "http://viewer.test" } });
        const form = new FormData();
        form.set("csrf", "not-the-token");
        const forged = await call(form).catch((error: unknown) => error);
        expect(isRefusal(forged), `${name} with a wrong CSRF token`).toBe(true);

        fakeRequest.reset({ cookies: { parsec_session: signedIn.token }, headers: { origin: "https://evil.example" } });
        form.set("csrf", signedIn.csrfToken);
        const crossSite = await call(form).catch((error: unknown) => error);
        expect(isRefusal(crossSite), `${name} from another origin`).toBe(true);
      }
    },
  );
});

/** A refused action throws ActionRefused, redirects to sign in or back with its reason, or returns a form message. */
function isRefusal(outcome: unknown): boolean {
  if (outcome instanceof RedirectSignal) {
    return outcome.location.startsWith("/sign-in") || isActionRefusal(new URL(outcome.location, "http://viewer.test").searchParams.get(REFUSED_PARAM));
  }
  if (outcome instanceof Error) return outcome.name === "ActionRefused";
  return typeof outcome === "object" && outcome !== null && typeof (outcome as { message?: unknown }).message === "string";
}
