import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, "/srv/app");
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("loadConfig", () => {
  it("defaults to demo mode with an SQLite file under ./data", () => {
    const config = loadConfig({}, "/srv/app");
    expect(config.demo).toBe(true);
    expect(config.parsec).toBeNull();
    expect(config.databaseFile).toBe("/srv/app/data/parsec-audit.db");
    expect(config.api.quota).toEqual({ requests: 40, windowMs: 300_000 });
    expect(config.sync.intervalMs).toBe(300_000);
    expect(config.api.version).toBe("v1");
  });

  it("reads credentials and custom values", () => {
    const config = loadConfig(
      {
        PARSEC_API_KEY: "tapi_1sn61992rNstjlDoJWnFXRRkxPZ.s3cret",
        PARSEC_TEAM_ID: "1sn61992rNstjlDoJWnFXRRkxPZ",
        PARSEC_API_BASE_URL: "http://127.0.0.1:4010/",
        PARSEC_RATE_LIMIT: "10/60",
        SYNC_INTERVAL_SECONDS: "0",
        DATABASE_URL: "file:/var/lib/parsec/audit.db",
      },
      "/srv/app",
    );
    expect(config.demo).toBe(false);
    expect(config.parsec).toEqual({
      apiKey: "tapi_1sn61992rNstjlDoJWnFXRRkxPZ.s3cret",
      teamId: "1sn61992rNstjlDoJWnFXRRkxPZ",
      baseUrl: "http://127.0.0.1:4010",
    });
    expect(config.api.quota).toEqual({ requests: 10, windowMs: 60_000 });
    expect(config.sync.intervalMs).toBe(0);
    expect(config.databaseFile).toBe("/var/lib/parsec/audit.db");
  });

  it("turns pacing off with PARSEC_RATE_LIMIT=off", () => {
    expect(loadConfig({ PARSEC_RATE_LIMIT: "off" }).api.quota).toBeNull();
  });

  it("names each wrong variable and what it expects, in one line each", () => {
    const problems = problemsOf({ SYNC_INTERVAL_SECONDS: "soon", PARSEC_RATE_LIMIT: "fast", PARSEC_API_BASE_URL: "ftp://x" });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith("SYNC_INTERVAL_SECONDS"))).toContain('(got "soon")');
    expect(problems.find((p) => p.startsWith("PARSEC_RATE_LIMIT"))).toMatch(/"<requests>\/<seconds>"/);
    expect(problems.find((p) => p.startsWith("PARSEC_API_BASE_URL"))).toMatch(/http\(s\) URL/);
    for (const p of problems) expect(p).not.toContain("\n");
  });

  it("asks for both credentials together", () => {
    expect(problemsOf({ PARSEC_API_KEY: "tapi_abc.def" })[0]).toMatch(/PARSEC_TEAM_ID is missing/);
    expect(problemsOf({ PARSEC_TEAM_ID: "abc" })[0]).toMatch(/PARSEC_API_KEY is missing/);
  });

  it("treats the key as opaque: a key whose id after tapi_ is not the team's is accepted", () => {
    // Shaped like a real key published by mistake: its 27-character id is the key's own, not the team's.
    const apiKey = "tapi_2AbCdEfGhIjKlMnOpQrStUvWxYz.q8Zr4Lm2Nv7Xc0Bt5Hs9Jk3Df6Gp1Wy";
    for (const key of [apiKey, "not-shaped-like-tapi-at-all"]) {
      const config = loadConfig({ PARSEC_API_KEY: key, PARSEC_TEAM_ID: "1sn61992rNstjlDoJWnFXRRkxPZ" }, "/srv/app");
      expect(config.parsec).toMatchObject({ apiKey: key, teamId: "1sn61992rNstjlDoJWnFXRRkxPZ" });
    }
  });

  it("hides secrets in error messages", () => {
    const problems = problemsOf({ SYNC_TOKEN: "short" });
    expect(problems[0]).toMatch(/SYNC_TOKEN must be at least 16 characters/);
    expect(problems[0]).not.toContain("short");
  });

  it("refuses a key with spaces in it, without printing it", () => {
    const problems = problemsOf({ PARSEC_API_KEY: "tapi_abc.sec ret", PARSEC_TEAM_ID: "abc" });
    expect(problems[0]).toMatch(/^PARSEC_API_KEY must be the API key from the Parsec dashboard/);
    expect(problems[0]).not.toContain("sec ret");
  });

  it("rejects a database URL that is not an SQLite file", () => {
    expect(problemsOf({ DATABASE_URL: "postgres://db/x" })[0]).toMatch(/^DATABASE_URL must be an SQLite file URL/);
  });
});

describe("loadConfig: sign-in and OpenID Connect", () => {
  it("defaults: first admin admin@localhost with a generated password, 60 min idle, 12 h sessions, 50 MB imports, no OIDC", () => {
    const config = loadConfig({}, "/srv/app");
    expect(config.auth.initialAdmin).toEqual({ email: "admin@localhost", password: null });
    expect(config.auth.sessionIdleMs).toBe(3_600_000);
    expect(config.auth.sessionMaxMs).toBe(12 * 3_600_000);
    expect(config.importMaxBytes).toBe(50 * 1024 * 1024);
    expect(config.auth.oidc).toBeNull();
    expect(config.auth.trustedProxies).toEqual(["loopback"]);
  });

  it("reads the trusted proxies, and refuses what is not an address or a range", () => {
    expect(loadConfig({ TRUSTED_PROXIES: "loopback, 10.0.0.0/8,2001:db8::/32 ,192.0.2.7" }).auth.trustedProxies).toEqual([
      "loopback",
      "10.0.0.0/8",
      "2001:db8::/32",
      "192.0.2.7",
    ]);
    expect(loadConfig({ TRUSTED_PROXIES: "none" }).auth.trustedProxies).toEqual([]);
    for (const wrong of ["proxy.example.com", "10.0.0.0/33", "::1/129", "10.0.0.1/8/2", "10.0.0"]) {
      expect(problemsOf({ TRUSTED_PROXIES: wrong })[0]).toMatch(/^TRUSTED_PROXIES must be a comma-separated list of "loopback", "none", addresses/);
    }
  });

  it("reads the admin, the session times and an OpenID Connect provider with its allow-list", () => {
    const config = loadConfig({
      ADMIN_EMAIL: " Ops@Example.com ",
      ADMIN_PASSWORD: "a long operator password",
      SESSION_IDLE_MINUTES: "15",
      SESSION_MAX_HOURS: "8",
      OIDC_ISSUER_URL: "https://login.example.com/realms/ops",
      OIDC_CLIENT_ID: "parsec-viewer",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_ALLOWED_EMAILS: "Ann@Example.com, bob@example.com",
      OIDC_ALLOWED_DOMAINS: "corp.example",
    });
    expect(config.auth.initialAdmin).toEqual({ email: "ops@example.com", password: "a long operator password" });
    expect(config.auth.sessionIdleMs).toBe(15 * 60_000);
    expect(config.auth.oidc).toMatchObject({
      issuerUrl: "https://login.example.com/realms/ops",
      allowedEmails: ["ann@example.com", "bob@example.com"],
      allowedDomains: ["corp.example"],
      allowInsecureHttp: false,
      allowUnverifiedEmail: false,
    });
  });

  it("accepts an OpenID Connect email without email_verified only when OIDC_ALLOW_UNVERIFIED_EMAIL is true", () => {
    const oidc = { OIDC_ISSUER_URL: "https://login.example.com", OIDC_CLIENT_ID: "parsec-viewer", OIDC_ALLOWED_DOMAINS: "corp.example" };
    expect(loadConfig({ ...oidc, OIDC_ALLOW_UNVERIFIED_EMAIL: "true" }).auth.oidc?.allowUnverifiedEmail).toBe(true);
    expect(loadConfig({ ...oidc, OIDC_ALLOW_UNVERIFIED_EMAIL: "false" }).auth.oidc?.allowUnverifiedEmail).toBe(false);
    expect(problemsOf({ ...oidc, OIDC_ALLOW_UNVERIFIED_EMAIL: "yes" })).toEqual(['OIDC_ALLOW_UNVERIFIED_EMAIL must be "true" or "false" (got "yes")']);
  });

  it("names each wrong sign-in variable in one line, without printing secrets", () => {
    const problems = problemsOf({
      ADMIN_EMAIL: "not-an-email",
      ADMIN_PASSWORD: "tiny-secret",
      OIDC_ISSUER_URL: "http://login.example.com",
      SESSION_IDLE_MINUTES: "0",
    });
    expect(problems.find((p) => p.startsWith("ADMIN_EMAIL"))).toMatch(/must be an email address/);
    expect(problems.find((p) => p.startsWith("ADMIN_PASSWORD"))).toMatch(/must be at least 12 characters \(got "<hidden>"\)/);
    expect(problems.find((p) => p.startsWith("OIDC_ISSUER_URL"))).toMatch(/must be an https URL/);
    expect(problems.find((p) => p.startsWith("SESSION_IDLE_MINUTES"))).toMatch(/from 5 to 10080/);
    expect(problems.join("\n")).not.toContain("tiny-secret");
    for (const p of problems) expect(p).not.toContain("\n");
  });

  it("wants the issuer and client id together, and an allow-list with them", () => {
    expect(problemsOf({ OIDC_ISSUER_URL: "https://login.example.com" })[0]).toMatch(/^OIDC_CLIENT_ID is missing/);
    expect(problemsOf({ OIDC_ISSUER_URL: "https://login.example.com", OIDC_CLIENT_ID: "x" })[0]).toMatch(
      /^OIDC_ALLOWED_EMAILS or OIDC_ALLOWED_DOMAINS must name who may sign in/,
    );
    expect(problemsOf({ OIDC_ISSUER_URL: "https://l.example", OIDC_CLIENT_ID: "x", OIDC_ALLOWED_DOMAINS: "not a domain" })[0]).toMatch(
      /^OIDC_ALLOWED_DOMAINS must be a comma-separated list/,
    );
    // A provider on this machine may use plain http (a local Keycloak, the tests).
    expect(
      loadConfig({ OIDC_ISSUER_URL: "http://127.0.0.1:8080/realms/x", OIDC_CLIENT_ID: "x", OIDC_ALLOWED_EMAILS: "a@b.c" }).auth.oidc?.allowInsecureHttp,
    ).toBe(true);
  });

  it("reads the alerts' SMTP server and viewer address, and never repeats their secrets in a problem", () => {
    const config = loadConfig({
      SMTP_HOST: "mail.example.com",
      SMTP_PORT: "465",
      SMTP_TLS: "implicit",
      SMTP_USER: "u",
      SMTP_PASSWORD: "p",
      VIEWER_URL: "https://audit.example.com/",
    });
    expect(config.alerts.smtp).toEqual({ host: "mail.example.com", port: 465, tls: "implicit", user: "u", password: "p", from: "parsec-viewer@localhost" });
    expect(config.viewerUrl).toBe("https://audit.example.com");
    expect(loadConfig({}).alerts.smtp).toBeNull();
    const problems = problemsOf({ SMTP_TLS: "maybe", SMTP_PASSWORD: "x".repeat(2000), VIEWER_URL: "ftp://x" });
    expect(problems).toEqual([
      expect.stringMatching(/^VIEWER_URL must be the viewer's address/),
      expect.stringMatching(/^SMTP_TLS must be "starttls"/),
      expect.stringMatching(/^SMTP_PASSWORD .*\(got "<hidden>"\)$/),
    ]);
  });

  it("reads the log's level and format and the shutdown's deadline, and refuses other values", () => {
    const defaults = loadConfig({});
    expect(defaults.log).toMatchObject({ level: "info", format: "json" });
    expect(defaults.shutdownTimeoutMs).toBe(25_000);
    const set = loadConfig({ LOG_LEVEL: "debug", LOG_FORMAT: "pretty", SHUTDOWN_TIMEOUT_SECONDS: "5" });
    expect(set.log).toMatchObject({ level: "debug", format: "pretty" });
    expect(set.shutdownTimeoutMs).toBe(5_000);
    expect(problemsOf({ LOG_LEVEL: "verbose", LOG_FORMAT: "text", SHUTDOWN_TIMEOUT_SECONDS: "0" })).toEqual([
      'LOG_LEVEL must be one of "trace", "debug", "info", "warn", "error", "fatal" (got "verbose")',
      'LOG_FORMAT must be "json" (one JSON object a line, the default) or "pretty" (for a terminal) (got "text")',
      'SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 3600 (got "0")',
    ]);
  });

  it("hands the logger every secret it must redact: the key and its secret part, tokens, passwords, alert and integration secrets", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "config-"));
    writeFileSync(
      path.join(dir, "integrations.json"),
      JSON.stringify({
        destinations: [{ name: "search", type: "elasticsearch", url: "https://search.example.com", usernameEnv: "SIEM_USER", passwordEnv: "SIEM_PASSWORD" }],
      }),
    );
    const config = loadConfig(
      {
        PARSEC_API_KEY: "tapi_1sn61992rNstjlDoJWnFXRRkxPZ.s3cretPart0123",
        PARSEC_TEAM_ID: "1sn61992rNstjlDoJWnFXRRkxPZ",
        SYNC_TOKEN: "sync-token-0123456789",
        METRICS_TOKEN: "metrics-token-0123456789",
        ADMIN_PASSWORD: "first-admin-password",
        SMTP_PASSWORD: "smtp-password-0123",
        ALERT_SECRET_OPS: "alert-signing-secret",
        INTEGRATIONS_FILE: "integrations.json",
        SIEM_USER: "collector-user",
        SIEM_PASSWORD: "siem-password-0123",
      },
      dir,
    );
    expect([...config.log.secrets].sort()).toEqual(
      [
        "tapi_1sn61992rNstjlDoJWnFXRRkxPZ.s3cretPart0123",
        "s3cretPart0123",
        "sync-token-0123456789",
        "metrics-token-0123456789",
        "first-admin-password",
        "smtp-password-0123",
        "alert-signing-secret",
        "siem-password-0123",
      ].sort(),
    );
  });

  it("keeps everything unless RETENTION_DAYS is set; the rollups then follow it unless told otherwise", () => {
    expect(loadConfig({}).retention).toBeNull();
    expect(loadConfig({ ROLLUP_RETENTION_DAYS: "keep", RETENTION_IGNORE_UNDELIVERED: "true" }).retention).toBeNull();
    expect(loadConfig({ RETENTION_DAYS: "90" }).retention).toEqual({ eventDays: 90, rollupDays: 90, ignoreUndelivered: false });
    expect(loadConfig({ RETENTION_DAYS: "90", ROLLUP_RETENTION_DAYS: "730", RETENTION_IGNORE_UNDELIVERED: "true" }).retention).toEqual({
      eventDays: 90,
      rollupDays: 730,
      ignoreUndelivered: true,
    });
    expect(loadConfig({ RETENTION_DAYS: "90", ROLLUP_RETENTION_DAYS: "KEEP" }).retention?.rollupDays).toBeNull();
  });

  it("refuses retention values that are not days, and rollups kept shorter than the events they sum", () => {
    const problems = problemsOf({ RETENTION_DAYS: "0", ROLLUP_RETENTION_DAYS: "forever", RETENTION_IGNORE_UNDELIVERED: "yes" });
    expect(problems).toEqual([
      'RETENTION_DAYS must be a whole number of days from 1 to 36500 (leave it unset to keep every event) (got "0")',
      'ROLLUP_RETENTION_DAYS must be a whole number of days from 1 to 36500, or "keep" (got "forever")',
      'RETENTION_IGNORE_UNDELIVERED must be "true" or "false" (got "yes")',
    ]);
    expect(problemsOf({ RETENTION_DAYS: "30d" })).toEqual([expect.stringMatching(/^RETENTION_DAYS must be a whole number of days .*\(got "30d"\)$/)]);
    expect(problemsOf({ RETENTION_DAYS: "36501" })).toHaveLength(1);
    expect(problemsOf({ RETENTION_DAYS: "90", ROLLUP_RETENTION_DAYS: "0" })).toEqual([expect.stringMatching(/^ROLLUP_RETENTION_DAYS must be a whole number/)]);
    expect(problemsOf({ RETENTION_DAYS: "90", ROLLUP_RETENTION_DAYS: "30" })).toEqual([
      'ROLLUP_RETENTION_DAYS must be at least RETENTION_DAYS (90): the rollups are kept at least as long as the events they sum (got "30")',
    ]);
    expect(problemsOf({ ROLLUP_RETENTION_DAYS: "30" })).toEqual([expect.stringMatching(/^ROLLUP_RETENTION_DAYS needs RETENTION_DAYS/)]);
  });
});
