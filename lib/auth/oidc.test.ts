import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fakeRequest, startTestApp } from "./testing";
import {
  beginOidcSignIn,
  completeOidcSignIn,
  decodeTransaction,
  emailAllowed,
  encodeTransaction,
  OidcDeniedError,
  OidcUnverifiedEmailError,
  type OidcSettings,
} from "./oidc";

vi.mock("next/headers", async () => (await import("./testing")).nextHeadersStandIn);

// A real OpenID Connect provider (oidc-provider) on 127.0.0.1, driven over HTTP the way a browser
// would be: to the authorization endpoint, through its sign-in, back to our callback with a code.
interface GrantContext {
  oidc: {
    provider: { Grant: new (init: { clientId: string; accountId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> } };
    client?: { clientId: string };
    session?: { accountId?: string };
  };
}

const REDIRECT_URI = "http://viewer.test/sign-in/oidc/callback";
let server: Server;
let issuer: string;
/** Who signs in at the provider next (its login step answers for this account). */
let account = "alice@corp.example";

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "parsec-viewer",
        client_secret: "provider-client-secret-0123456789",
        redirect_uris: [REDIRECT_URI],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { email: ["email", "email_verified"] },
    // "unverified…" accounts are said to be unverified; "unsaid…" ones come without email_verified at all.
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: id, ...(id.startsWith("unsaid") ? {} : { email_verified: !id.startsWith("unverified") }) }),
    }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // Consent is implied: this test is about the viewer's side.
    loadExistingGrant: async (ctx: GrantContext) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email");
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  server.on("request", (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      void provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
      return;
    }
    callback(req, res);
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = (overrides: Partial<OidcSettings> = {}): OidcSettings => ({
  issuerUrl: issuer,
  clientId: "parsec-viewer",
  clientSecret: "provider-client-secret-0123456789",
  allowedEmails: ["alice@corp.example"],
  allowedDomains: ["allowed.example"],
  allowInsecureHttp: true,
  allowUnverifiedEmail: false,
  ...overrides,
});

/** Follows the provider's redirects with its cookies, as a browser does, until it sends us back. */
async function browseToCallback(start: URL): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.href.startsWith(REDIRECT_URI)) return url;
    const response = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`);
    url = new URL(location, url);
  }
  throw new Error("too many redirects");
}

describe("OpenID Connect sign-in against a local provider", () => {
  it("signs in an allow-listed email with PKCE, state and nonce", async () => {
    account = "alice@corp.example";
    const { url, transaction } = await beginOidcSignIn(settings(), REDIRECT_URI, "/events?user=1");
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toBe(transaction.state);
    expect(url.searchParams.get("nonce")).toBe(transaction.nonce);
    expect(url.searchParams.get("code_challenge")).not.toBe(transaction.codeVerifier);
    expect(url.href).not.toContain("provider-client-secret");
    const callback = await browseToCallback(url);
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(await completeOidcSignIn(settings(), callback, transaction)).toEqual({ email: "alice@corp.example" });
    // The same code cannot be used twice.
    await expect(completeOidcSignIn(settings(), callback, transaction)).rejects.toThrow();
  });

  it("admits a whole allow-listed domain", async () => {
    account = "bob@allowed.example";
    const { url, transaction } = await beginOidcSignIn(settings(), REDIRECT_URI, "/");
    expect(await completeOidcSignIn(settings(), await browseToCallback(url), transaction)).toEqual({ email: "bob@allowed.example" });
  });

  it("refuses an email that is not on the allow-list", async () => {
    account = "mallory@elsewhere.example";
    const { url, transaction } = await beginOidcSignIn(settings(), REDIRECT_URI, "/");
    await expect(completeOidcSignIn(settings(), await browseToCallback(url), transaction)).rejects.toThrow(OidcDeniedError);
  });

  it("refuses an email the provider does not say is verified, unless told to accept such a provider; one it says is not, always", async () => {
    const signIn = async (email: string, overrides: Partial<OidcSettings> = {}) => {
      account = email;
      const { url, transaction } = await beginOidcSignIn(settings(overrides), REDIRECT_URI, "/");
      return completeOidcSignIn(settings(overrides), await browseToCallback(url), transaction);
    };
    await expect(signIn("unsaid@allowed.example")).rejects.toThrow(
      new OidcUnverifiedEmailError(
        "the provider did not say that unsaid@allowed.example is verified (no email_verified claim; OIDC_ALLOW_UNVERIFIED_EMAIL=true accepts such a provider)",
      ),
    );
    expect(await signIn("unsaid@allowed.example", { allowUnverifiedEmail: true })).toEqual({ email: "unsaid@allowed.example" });
    for (const allowUnverifiedEmail of [false, true]) {
      await expect(signIn("unverified@allowed.example", { allowUnverifiedEmail })).rejects.toThrow(
        new OidcUnverifiedEmailError("unverified@allowed.example is not verified at the provider"),
      );
    }
  });

  it("refuses a callback whose state is not this browser's (login CSRF), or whose verifier is wrong", async () => {
    account = "alice@corp.example";
    const first = await beginOidcSignIn(settings(), REDIRECT_URI, "/");
    const second = await beginOidcSignIn(settings(), REDIRECT_URI, "/");
    const callback = await browseToCallback(first.url);
    await expect(completeOidcSignIn(settings(), callback, second.transaction)).rejects.toThrow();
    await expect(completeOidcSignIn(settings(), callback, { ...first.transaction, codeVerifier: second.transaction.codeVerifier })).rejects.toThrow();
  });

  it("keeps the transaction in a cookie value that reads back, and reads garbage as none", () => {
    const transaction = { state: "s", nonce: "n", codeVerifier: "v", next: "/events" };
    expect(decodeTransaction(encodeTransaction(transaction))).toEqual(transaction);
    expect(decodeTransaction("not-base64-json")).toBeNull();
    expect(decodeTransaction(undefined)).toBeNull();
    expect(emailAllowed("Alice@Corp.Example", settings())).toBe(true);
    expect(emailAllowed("alice@corp.example.evil", settings())).toBe(false);
    expect(emailAllowed("x@notallowed.example", settings())).toBe(false);
  });
});

describe("the sign-in routes with OpenID Connect configured", () => {
  type Handler = (request: Request) => Promise<Response>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let start: { GET: Handler };
  let callback: { GET: Handler };

  beforeAll(async () => {
    app = await startTestApp({
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: "parsec-viewer",
      OIDC_CLIENT_SECRET: "provider-client-secret-0123456789",
      OIDC_ALLOWED_DOMAINS: "corp.example",
    });
    start = (await import("../../app/sign-in/oidc/route")) as unknown as typeof start;
    callback = (await import("../../app/sign-in/oidc/callback/route")) as unknown as typeof callback;
  });
  afterAll(() => app.close());

  /** /sign-in/oidc, the provider, and the callback, as one browser; returns the callback's answer. */
  async function signInThroughProvider(next: string, alterNext?: string): Promise<Response> {
    fakeRequest.reset({ headers: { host: "viewer.test" } });
    const begin = await start.GET(new Request(`http://viewer.test/sign-in/oidc?next=${encodeURIComponent(next)}`));
    expect(begin.status).toBe(303);
    const transaction = decodeTransaction(fakeRequest.cookies.get("parsec_oidc"));
    expect(transaction).toBeTruthy();
    // The cookie as a browser might bring it back: its next changed on the way (an older build wrote it, or someone).
    if (alterNext !== undefined) fakeRequest.cookies.set("parsec_oidc", encodeTransaction({ ...transaction!, next: alterNext }));
    const back = await browseToCallback(new URL(begin.headers.get("location")!));
    return callback.GET(new Request(back));
  }

  it("gives an allow-listed account a session and sends it back to the deep link", async () => {
    account = "carol@corp.example";
    const answer = await signInThroughProvider("/events?user=7");
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/events?user=7");
    expect(fakeRequest.cookies.has("parsec_oidc")).toBe(false);
    const { adminForSessionToken } = await import("./currentAdmin");
    expect(await adminForSessionToken(fakeRequest.cookies.get("parsec_session"))).toMatchObject({
      email: "carol@corp.example",
      method: "oidc",
      mustChangePassword: false,
    });
  });

  it("refuses an account off the allow-list, and a callback without this browser's attempt", async () => {
    account = "dave@elsewhere.example";
    const denied = await signInThroughProvider("/");
    expect(denied.headers.get("location")).toBe("/sign-in?oidc=denied");
    expect(fakeRequest.cookies.has("parsec_session")).toBe(false);

    fakeRequest.reset({ headers: { host: "viewer.test" } });
    const stray = await callback.GET(new Request("http://viewer.test/sign-in/oidc/callback?code=abc&state=xyz"));
    expect(stray.headers.get("location")).toBe("/sign-in?oidc=expired");
    const audit = await app.db.viewerAuditEntry.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actor ?? a.detail])).toEqual([
      ["sign_in", "carol@corp.example"],
      ["sign_in_failed", "single sign-on: dave@elsewhere.example is not on OIDC_ALLOWED_EMAILS or OIDC_ALLOWED_DOMAINS"],
    ]);
  });

  it("sends an email the provider does not say is verified back to the sign-in page, saying so (OIDC_ALLOW_UNVERIFIED_EMAIL is off by default)", async () => {
    account = "unsaid@corp.example";
    expect((await signInThroughProvider("/")).headers.get("location")).toBe("/sign-in?oidc=unverified");
    expect(fakeRequest.cookies.has("parsec_session")).toBe(false);
    const audit = await app.db.viewerAuditEntry.findFirst({ orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ action: "sign_in_failed", detail: expect.stringContaining("the provider did not say that unsaid@corp.example is verified") });
  });

  it("sends the browser back to a path on this site only, whatever next the attempt carried", async () => {
    account = "carol@corp.example";
    for (const hostile of ["/.//evil.example/phish", "/%2e%2e//evil.example"]) {
      expect((await signInThroughProvider(hostile)).headers.get("location")).toBe("/");
      // Checked again at the callback itself, not only when the attempt began.
      expect((await signInThroughProvider("/events", hostile)).headers.get("location")).toBe("/");
    }
    expect((await signInThroughProvider("/events", "//evil.example/phish")).headers.get("location")).toBe("/");
  });
});
