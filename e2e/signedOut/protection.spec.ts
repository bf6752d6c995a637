import { expect, test, type APIResponse } from "../fixtures";
import { appRoutes } from "../../lib/auth/appRoutes";
import { E2E_ADMIN } from "../../playwright.config";

// Against the real production server: every page and route of app/ (found from the route tree,
// so a new one is covered the day it is added) refuses a visitor without a session, and every
// answer carries the security headers.

const PUBLIC = new Set(["/sign-in", "/api/health", "/api/ready", "/sign-in/oidc", "/sign-in/oidc/callback"]);
const routes = appRoutes().filter((route) => !PUBLIC.has(route.url));

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
}

test("the route tree is walked", () => {
  expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/", "/events", "/events/export", "/api/sync", "/admin/audit"]));
});

for (const route of routes) {
  test(`${route.kind} ${route.url} refuses a visitor without a session`, async ({ request }) => {
    const deepLink = `${route.url}?from=2026-01-01T00%3A00%3A00Z`;
    const browserVisit = await request.get(deepLink, { maxRedirects: 0, headers: { accept: "text/html" } });
    expectSecurityHeaders(browserVisit);
    if (route.kind === "page") {
      expect(browserVisit.status()).toBe(303);
      expect(browserVisit.headers().location).toBe(`/sign-in?next=${encodeURIComponent(deepLink)}`);
    } else {
      expect([303, 401]).toContain(browserVisit.status());
    }
    for (const method of ["GET", "POST", "DELETE"] as const) {
      const api = await request.fetch(route.url, { method, maxRedirects: 0, headers: { accept: "application/json" } });
      expect(api.status(), `${method} ${route.url}`).toBe(401);
      expectSecurityHeaders(api);
    }
    // A cookie the proxy lets through but the page or route itself refuses: the server-side check.
    const forgedCookie = { cookie: "parsec_session=forged-session-id" };
    if (route.kind === "page") {
      const forged = await request.get(route.url, { maxRedirects: 0, headers: { ...forgedCookie, accept: "text/html" } });
      expect(forged.status()).toBe(307);
      expect(forged.headers().location).toMatch(/^\/sign-in/);
    } else {
      // 405 where the route has no such method; every method it has answers 401.
      const statuses = await Promise.all(
        ["GET", "POST"].map(async (method) => (await request.fetch(route.url, { method, maxRedirects: 0, headers: forgedCookie })).status()),
      );
      expect(
        statuses.every((status) => status === 401 || status === 405),
        `${statuses}`,
      ).toBe(true);
      expect(statuses).toContain(401);
    }
  });
}

test("the sign-in page, the health and readiness checks and static files are public, with the headers", async ({ request, page }) => {
  for (const probe of ["/api/health", "/api/ready"]) {
    const answer = await request.get(probe);
    expect(answer.status(), probe).toBe(200);
    expectSecurityHeaders(answer);
  }
  const signIn = await request.get("/sign-in", { headers: { accept: "text/html" } });
  expect(signIn.status()).toBe(200);
  expectSecurityHeaders(signIn);
  const nonce = /'nonce-([^']+)'/.exec(signIn.headers()["content-security-policy"]!)![1]!;
  const html = await signIn.text();
  // Every script carries this request's nonce; there is none without it.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
  const asset = await request.get(script);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");

  // A visitor is never sent off-site by a crafted next parameter.
  await page.goto("/sign-in?next=//evil.example/x");
  await expect(page.locator("input[name=next]")).toHaveValue("/");
});

test("a next that normalises to another site sends no one there: not the sign-in form, not the page once signed in", async ({ page, context }) => {
  // Every request for the other site is recorded and stopped: there must be none.
  const offSite: string[] = [];
  await context.route(
    (url) => url.hostname.endsWith("evil.example"),
    (route) => {
      offSite.push(route.request().url());
      return route.abort();
    },
  );
  await page.goto(`/sign-in?next=${encodeURIComponent("/%2e%2e//evil.example")}`);
  await expect(page.locator("input[name=next]")).toHaveValue("/");
  // The form as a crafted page would post it, with the hostile next the sign-in page no longer writes.
  await page.locator("input[name=next]").evaluate((input: HTMLInputElement) => (input.value = "/.//evil.example/phish"));
  await page.getByLabel("メールアドレス").fill(E2E_ADMIN.email);
  await page.getByLabel("パスワード", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByRole("heading", { name: "概要" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");

  // Signed in now: the sign-in page sends an admin straight on, to this site only.
  const signedInVisit = await page.request.get(`/sign-in?next=${encodeURIComponent("/.//evil.example/phish")}`, { maxRedirects: 0 });
  expect(signedInVisit.status()).toBeGreaterThanOrEqual(300);
  expect(signedInVisit.status()).toBeLessThan(400);
  expect(signedInVisit.headers().location).toBe("/");
  expect(offSite).toEqual([]);
});
