import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseIntegrationsFile, type Destination } from "./integrationsFile";
import { SECRET_VARIABLE_PATTERN } from "./alertRules/channelSchema";
import { parseRulesFile, type AlertProvisioning } from "./alertRules/rulesFile";
import type { LogFormat, LogLevel } from "./logging/logger.mjs";
import { apiKeySecrets } from "./parsec/redactSecrets";

/**
 * The one place that reads the environment. Everything else receives an `AppConfig`.
 * A wrong value stops the start with one line per variable naming it and what is expected.
 */

const DEFAULT_DATABASE_URL = "file:./data/parsec-audit.db";
const DEFAULT_API_BASE_URL = "https://api.parsec.app";
const DEFAULT_ADMIN_EMAIL = "admin@localhost";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.map((p) => `Invalid configuration: ${p}`).join("\n"));
    this.name = "ConfigError";
  }
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const emptyAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const wholeNumber = (min: number, max: number, fallback: number, what: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d+$/, { message: `must be ${what}` })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { message: `must be ${what}` })
          .max(max, { message: `must be ${what}` }),
      )
      .default(fallback),
  );

/** "true" or "false", false when unset. */
const trueOrFalse = z.preprocess(
  emptyAsUndefined,
  z
    .enum(["true", "false"], { message: 'must be "true" or "false"' })
    .default("false")
    .transform((value) => value === "true"),
);

/** "<requests>/<seconds>", e.g. "40/300", or "off". */
const rateLimit = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .default("40/300")
    .transform((value, ctx) => {
      if (value.toLowerCase() === "off") return null;
      const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
      const requests = match ? Number(match[1]) : 0;
      const seconds = match ? Number(match[2]) : 0;
      if (!match || requests < 1 || seconds < 1) {
        ctx.addIssue({
          code: "custom",
          message: `must be "<requests>/<seconds>" such as "40/300" (Parsec allows 50 per 300 s), or "off"`,
        });
        return z.NEVER;
      }
      return { requests, windowMs: seconds * 1000 };
    }),
);

const MAX_RETENTION_DAYS = 36_500;
const RETENTION_DAYS_MESSAGE = `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS} (leave it unset to keep every event)`;
const ROLLUP_RETENTION_MESSAGE = `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, or "keep"`;
const isRetentionDays = (days: number) => days >= 1 && days <= MAX_RETENTION_DAYS;

const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((v) => v.startsWith("file:") && v.length > "file:".length, {
        message: `must be an SQLite file URL such as "${DEFAULT_DATABASE_URL}"`,
      }),
  ),
  PARSEC_API_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]+$/, { message: "must be the API key from the Parsec dashboard, without spaces or quotes around it" })
      .optional(),
  ),
  PARSEC_TEAM_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[0-9A-Za-z]+$/, { message: "must be the team id from the Parsec dashboard (letters and digits)" })
      .optional(),
  ),
  PARSEC_API_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: `must be an http(s) URL such as "${DEFAULT_API_BASE_URL}"` })
      .default(DEFAULT_API_BASE_URL)
      .transform((v) => v.replace(/\/+$/, "")),
  ),
  PARSEC_API_VERSION: z.preprocess(emptyAsUndefined, z.enum(["v1", "v2"], { message: 'must be "v1" or "v2"' }).default("v1")),
  PARSEC_RATE_LIMIT: rateLimit,
  PARSEC_BLOCK_SECONDS: wholeNumber(1, 86_400, 300, "a whole number of seconds from 1 to 86400"),
  PARSEC_REQUEST_TIMEOUT_SECONDS: wholeNumber(1, 600, 30, "a whole number of seconds from 1 to 600"),
  PARSEC_PAGE_SIZE: wholeNumber(1, 1000, 1000, "a whole number from 1 to 1000"),
  SYNC_INTERVAL_SECONDS: wholeNumber(0, 604_800, 300, "a whole number of seconds (0 turns the background sync off)"),
  SYNC_OVERLAP_SECONDS: wholeNumber(0, 2_592_000, 3600, "a whole number of seconds from 0 to 2592000"),
  SYNC_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, { message: "must be at least 16 characters (use a long random secret)" }).optional()),
  DEMO_EVENTS: wholeNumber(100, 2_000_000, 20_000, "a whole number of events from 100 to 2000000"),
  ADMIN_EMAIL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[^\s@]+@[^\s@]+$/, { message: "must be an email address such as admin@example.com" })
      .max(254, { message: "must be an email address of at most 254 characters" })
      .optional(),
  ),
  ADMIN_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
      .max(MAX_PASSWORD_LENGTH, { message: `must be at most ${MAX_PASSWORD_LENGTH} characters` })
      .optional(),
  ),
  SESSION_IDLE_MINUTES: wholeNumber(5, 10_080, 60, "a whole number of minutes from 5 to 10080"),
  SESSION_MAX_HOURS: wholeNumber(1, 720, 12, "a whole number of hours from 1 to 720"),
  IMPORT_MAX_MB: wholeNumber(1, 1024, 50, "a whole number of megabytes from 1 to 1024"),
  // Where the server runs its write path; "main-thread" is the old design, for the benchmark's comparison.
  INGEST_RUNNER: z.preprocess(
    emptyAsUndefined,
    z.enum(["worker", "main-thread"], { message: 'must be "worker" (the default) or "main-thread" (for benchmarks only)' }).default("worker"),
  ),
  // The breakdown beside /events and /connections; "off" spares a store where even its bounded reads cost too much, and lets the benchmark compare.
  FACETS: z.preprocess(emptyAsUndefined, z.enum(["on", "off"], { message: 'must be "on" (the default) or "off"' }).default("on")),
  OIDC_ISSUER_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: "must be the issuer URL of your OpenID Connect provider, such as https://accounts.google.com" })
      .refine((v) => v.startsWith("https:") || isLoopbackUrl(v), {
        message: "must be an https URL (plain http is only accepted for a provider on 127.0.0.1 or localhost)",
      })
      .optional(),
  ),
  OIDC_CLIENT_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]+$/, { message: "must be the client id, without spaces" })
      .optional(),
  ),
  OIDC_CLIENT_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]+$/, { message: "must be the client secret, without spaces" })
      .optional(),
  ),
  OIDC_ALLOWED_EMAILS: commaList(/^[^\s@]+@[^\s@]+$/, "must be a comma-separated list of email addresses"),
  OIDC_ALLOWED_DOMAINS: commaList(/^[a-z0-9.-]+\.[a-z0-9-]+$/, "must be a comma-separated list of domains such as example.com"),
  TRUSTED_PROXIES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("loopback")
      .transform((value) => [
        ...new Set(
          value
            .split(",")
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .refine((items) => items.every(isProxyEntry), {
        message: 'must be a comma-separated list of "loopback", "none", addresses and address/prefix ranges, such as "loopback,10.0.0.0/8"',
      })
      .transform((items) => items.filter((item) => item !== "none")),
  ),
  OIDC_ALLOW_UNVERIFIED_EMAIL: trueOrFalse,
  INTEGRATIONS_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  INTEGRATIONS_INTERVAL_SECONDS: wholeNumber(0, 86_400, 60, "a whole number of seconds (0 turns the timer off)"),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, { message: "must be at least 16 characters (use a long random secret)" }).optional()),
  READY_SYNC_FAILING_MINUTES: wholeNumber(0, 525_600, 60, "a whole number of minutes (0 leaves the sync out of readiness)"),
  BACKUP_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  BACKUP_INTERVAL_HOURS: wholeNumber(1, 8_760, 24, "a whole number of hours from 1 to 8760"),
  BACKUP_KEEP: wholeNumber(1, 1_000, 7, "a whole number of copies from 1 to 1000"),
  RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^\d+$/, { message: RETENTION_DAYS_MESSAGE }).transform(Number).refine(isRetentionDays, { message: RETENTION_DAYS_MESSAGE }).optional(),
  ),
  ROLLUP_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(\d+|keep)$/i, { message: ROLLUP_RETENTION_MESSAGE })
      .transform((value) => (value.toLowerCase() === "keep" ? ("keep" as const) : Number(value)))
      .refine((value) => value === "keep" || isRetentionDays(value), { message: ROLLUP_RETENTION_MESSAGE })
      .optional(),
  ),
  RETENTION_IGNORE_UNDELIVERED: trueOrFalse,
  OIDC_PROVIDER_NAME: z.preprocess(emptyAsUndefined, z.string().max(60, { message: "must be at most 60 characters" }).default("single sign-on")),
  ALERT_RULES_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  VIEWER_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: "must be the viewer's address as its users reach it, such as https://audit.example.com" })
      .default("http://localhost:3000")
      .transform((v) => v.replace(/\/+$/, "")),
  ),
  SMTP_HOST: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.:[\]-]+$/, { message: "must be a host name or address" })
      .optional(),
  ),
  SMTP_PORT: wholeNumber(1, 65_535, 587, "a port number from 1 to 65535"),
  SMTP_TLS: z.preprocess(
    emptyAsUndefined,
    z.enum(["starttls", "implicit", "none"], { message: 'must be "starttls" (the default), "implicit" (port 465) or "none"' }).default("starttls"),
  ),
  SMTP_USER: z.preprocess(emptyAsUndefined, z.string().max(254).optional()),
  SMTP_PASSWORD: z.preprocess(emptyAsUndefined, z.string().max(1024).optional()),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z
      .enum(["trace", "debug", "info", "warn", "error", "fatal"] satisfies LogLevel[], {
        message: 'must be one of "trace", "debug", "info", "warn", "error", "fatal"',
      })
      .default("info"),
  ),
  LOG_FORMAT: z.preprocess(
    emptyAsUndefined,
    z
      .enum(["json", "pretty"] satisfies LogFormat[], { message: 'must be "json" (one JSON object a line, the default) or "pretty" (for a terminal)' })
      .default("json"),
  ),
  SHUTDOWN_TIMEOUT_SECONDS: wholeNumber(1, 3_600, 25, "a whole number of seconds from 1 to 3600"),
  SMTP_FROM: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[^\r\n]+@[^\r\n]+$/, { message: "must be an address such as Parsec audit <audit@example.com>" })
      .default("parsec-viewer@localhost"),
  ),
});

/** Lower-cased, trimmed, de-duplicated entries of a comma-separated list; each must match `pattern`. */
function commaList(pattern: RegExp, message: string) {
  return z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("")
      .transform((value) => [
        ...new Set(
          value
            .split(",")
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .refine((items) => items.every((item) => pattern.test(item)), { message }),
  );
}

/** "loopback", "none", an IP address, or an address with a prefix length that fits its family. */
function isProxyEntry(entry: string): boolean {
  return entry === "none" || proxyRanges(entry) !== null;
}

export interface ProxyRange {
  address: string;
  prefix: number;
  type: "ipv4" | "ipv6";
}

/**
 * A TRUSTED_PROXIES entry as address ranges (a lone address is a full-length prefix), or null when
 * it is neither "loopback", an address, nor address/prefix. The one reading of the setting, for
 * validating it here and for lib/auth/requestContext.ts's lookup.
 */
export function proxyRanges(entry: string): ProxyRange[] | null {
  if (entry === "loopback")
    return [
      { address: "127.0.0.0", prefix: 8, type: "ipv4" },
      { address: "::1", prefix: 128, type: "ipv6" },
    ];
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return null;
  const bits = family === 6 ? 128 : 32;
  if (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= bits)) return null;
  return [{ address, prefix: prefix === undefined ? bits : Number(prefix), type: family === 6 ? "ipv6" : "ipv4" }];
}

function isLoopbackUrl(value: string): boolean {
  const host = new URL(value).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

export type AppConfig = ReturnType<typeof toAppConfig>;
export type ParsecConnection = NonNullable<AppConfig["parsec"]>;

function toAppConfig(
  env: z.infer<typeof envSchema>,
  cwd: string,
  destinations: Destination[],
  alerts: { provisioning: AlertProvisioning | null; secrets: Map<string, string> },
) {
  const databaseFile = path.resolve(cwd, env.DATABASE_URL.slice("file:".length));
  const parsec = env.PARSEC_API_KEY && env.PARSEC_TEAM_ID ? { apiKey: env.PARSEC_API_KEY, teamId: env.PARSEC_TEAM_ID, baseUrl: env.PARSEC_API_BASE_URL } : null;
  return {
    databaseFile,
    /** null: no credentials, so the app runs in demo mode on the built-in simulated API. */
    parsec,
    demo: parsec === null,
    demoEvents: env.DEMO_EVENTS,
    api: {
      version: env.PARSEC_API_VERSION,
      quota: env.PARSEC_RATE_LIMIT,
      blockMs: env.PARSEC_BLOCK_SECONDS * 1000,
      timeoutMs: env.PARSEC_REQUEST_TIMEOUT_SECONDS * 1000,
      pageSize: env.PARSEC_PAGE_SIZE,
    },
    sync: {
      intervalMs: env.SYNC_INTERVAL_SECONDS * 1000,
      overlapMs: env.SYNC_OVERLAP_SECONDS * 1000,
      token: env.SYNC_TOKEN ?? null,
    },
    auth: {
      /** Only used when the database holds no admin yet (the first start). */
      initialAdmin: { email: env.ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL, password: env.ADMIN_PASSWORD ?? null },
      sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: env.SESSION_MAX_HOURS * 3_600_000,
      /** Proxies whose X-Forwarded-For entry is believed (lib/auth/requestContext.ts clientIp). */
      trustedProxies: env.TRUSTED_PROXIES,
      /** null: OpenID Connect sign-in is off. */
      oidc:
        env.OIDC_ISSUER_URL && env.OIDC_CLIENT_ID
          ? {
              issuerUrl: env.OIDC_ISSUER_URL,
              clientId: env.OIDC_CLIENT_ID,
              clientSecret: env.OIDC_CLIENT_SECRET ?? null,
              allowedEmails: env.OIDC_ALLOWED_EMAILS,
              allowedDomains: env.OIDC_ALLOWED_DOMAINS,
              providerName: env.OIDC_PROVIDER_NAME,
              allowInsecureHttp: env.OIDC_ISSUER_URL.startsWith("http:"),
              /** Accept an email the provider does not say is verified (no `email_verified` claim); never one it says is not. */
              allowUnverifiedEmail: env.OIDC_ALLOW_UNVERIFIED_EMAIL,
            }
          : null,
    },
    importMaxBytes: env.IMPORT_MAX_MB * 1024 * 1024,
    integrations: {
      /** Where the stored events are forwarded (INTEGRATIONS_FILE); empty without the file. */
      destinations,
      /** The delivery timer's period (besides a round after each sync or import); 0: no timer. */
      intervalMs: env.INTEGRATIONS_INTERVAL_SECONDS * 1000,
    },
    /** The bearer token /metrics asks for; null: /metrics is off. */
    metricsToken: env.METRICS_TOKEN ?? null,
    /** /api/ready fails once every sync has failed for this long; 0: the sync is left out of readiness. */
    readySyncFailingMs: env.READY_SYNC_FAILING_MINUTES * 60_000,
    /** null: no rotated backups (npm run backup still takes one by hand). */
    backup: env.BACKUP_DIR ? { dir: path.resolve(cwd, env.BACKUP_DIR), intervalMs: env.BACKUP_INTERVAL_HOURS * 3_600_000, keep: env.BACKUP_KEEP } : null,
    /** What is deleted when (lib/retention); null: everything is kept. */
    retention: env.RETENTION_DAYS
      ? {
          eventDays: env.RETENTION_DAYS,
          /** null: the rollups are kept forever. */
          rollupDays: env.ROLLUP_RETENTION_DAYS === "keep" ? null : (env.ROLLUP_RETENTION_DAYS ?? env.RETENTION_DAYS),
          /** Delete what a destination has not acknowledged yet too. */
          ignoreUndelivered: env.RETENTION_IGNORE_UNDELIVERED,
        }
      : null,
    ingestRunner: env.INGEST_RUNNER,
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT, secrets: logSecrets(env, destinations, alerts.secrets) },
    /** How long a SIGTERM waits for the running page to commit and the lease to be freed before the process exits anyway. */
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    /** Whether /events and /connections show their facets. */
    facets: env.FACETS === "on",
    /** Where the links in notifications point. */
    viewerUrl: env.VIEWER_URL,
    alerts: {
      /** null: no ALERT_RULES_FILE; rules and channels are only those made on the /alerts page. */
      provisioning: alerts.provisioning,
      /** The ALERT_SECRET_* variables a webhook channel may name for its signing secret. */
      secrets: alerts.secrets,
      /** null: no SMTP_HOST, so email channels fail (visibly) until one is set. */
      smtp: env.SMTP_HOST
        ? {
            host: env.SMTP_HOST,
            port: env.SMTP_PORT,
            tls: env.SMTP_TLS,
            user: env.SMTP_USER ?? null,
            password: env.SMTP_PASSWORD ?? null,
            from: env.SMTP_FROM,
          }
        : null,
    },
  };
}

/** Shorter values are left out: a short one would redact innocent words, and every secret setting asks for more. */
const MIN_REDACTED_LENGTH = 8;

/**
 * Every secret value the process holds, for the logger to replace wherever one would appear in a
 * line: the secret variables, the alert signing secrets and the integrations' credentials (but
 * their user names).
 */
function logSecrets(env: z.infer<typeof envSchema>, destinations: Destination[], alertSecretValues: Map<string, string>): string[] {
  const values = [
    ...(env.PARSEC_API_KEY ? apiKeySecrets(env.PARSEC_API_KEY) : []),
    ...[...SECRET_VARIABLES].map((name) => env[name as keyof typeof env]).filter((value) => typeof value === "string"),
    ...alertSecretValues.values(),
    ...destinations.flatMap((destination) =>
      Object.entries(destination.secrets)
        .filter(([field]) => field !== "usernameEnv")
        .map(([, value]) => value),
    ),
  ];
  return [...new Set(values)].filter((value) => value.length >= MIN_REDACTED_LENGTH);
}

export type SmtpSettings = NonNullable<AppConfig["alerts"]["smtp"]>;

/** The variables named ALERT_SECRET_*: the signing secrets webhook channels refer to by name. */
function alertSecrets(env: Record<string, string | undefined>): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) if (SECRET_VARIABLE_PATTERN.test(name) && value) secrets.set(name, value);
  return secrets;
}

/** ALERT_RULES_FILE, read once here: one problem line per rule or channel field that is wrong. */
function readAlertRulesFile(file: string | undefined, cwd: string, secrets: Map<string, string>, problems: string[]): AlertProvisioning | null {
  if (!file) return null;
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    problems.push(`ALERT_RULES_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${file}`);
    return null;
  }
  const parsed = parseRulesFile(text, `ALERT_RULES_FILE ${file}`, new Set(secrets.keys()));
  if ("problems" in parsed) {
    problems.push(...parsed.problems);
    return null;
  }
  return parsed.value;
}

/** Parses an environment; pure, for tests and for `getConfig`. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const got = env[name];
        return `${name} ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(redact(name, got))})`}`;
      }),
    );
  }
  const problems: string[] = [];
  const { PARSEC_API_KEY: key, PARSEC_TEAM_ID: team } = parsed.data;
  if (Boolean(key) !== Boolean(team)) {
    problems.push(
      key
        ? "PARSEC_TEAM_ID is missing: set it together with PARSEC_API_KEY (or unset both for demo mode)"
        : "PARSEC_API_KEY is missing: set it together with PARSEC_TEAM_ID (or unset both for demo mode)",
    );
  }
  // The key is opaque: the id after "tapi_" is the key's own, not necessarily the team's (a real
  // key shows it), so a key is never checked against PARSEC_TEAM_ID. A wrong team is Parsec's 404.
  const oidc = parsed.data;
  const oidcSet = [oidc.OIDC_ISSUER_URL, oidc.OIDC_CLIENT_ID].filter(Boolean).length;
  if (oidcSet === 1) {
    problems.push(
      oidc.OIDC_ISSUER_URL
        ? "OIDC_CLIENT_ID is missing: set it together with OIDC_ISSUER_URL (or unset both to turn OpenID Connect sign-in off)"
        : "OIDC_ISSUER_URL is missing: set it together with OIDC_CLIENT_ID (or unset both to turn OpenID Connect sign-in off)",
    );
  }
  if (oidcSet === 2 && oidc.OIDC_ALLOWED_EMAILS.length === 0 && oidc.OIDC_ALLOWED_DOMAINS.length === 0) {
    problems.push(
      "OIDC_ALLOWED_EMAILS or OIDC_ALLOWED_DOMAINS must name who may sign in through OpenID Connect (otherwise anyone with an account at the provider could)",
    );
  }
  const { RETENTION_DAYS: retentionDays, ROLLUP_RETENTION_DAYS: rollupDays } = parsed.data;
  // Rollups sum the connections still stored: deleting them first would leave charts that the
  // stored events contradict, and a rewritten connection would subtract from a row that is gone.
  if (typeof rollupDays === "number" && retentionDays === undefined)
    problems.push("ROLLUP_RETENTION_DAYS needs RETENTION_DAYS: the rollups are kept at least as long as the events and connections they sum");
  if (typeof rollupDays === "number" && retentionDays !== undefined && rollupDays < retentionDays)
    problems.push(
      `ROLLUP_RETENTION_DAYS must be at least RETENTION_DAYS (${retentionDays}): the rollups are kept at least as long as the events they sum (got "${rollupDays}")`,
    );
  const destinations = readIntegrations(parsed.data.INTEGRATIONS_FILE, env, cwd, problems);
  const secrets = alertSecrets(env);
  const provisioning = readAlertRulesFile(parsed.data.ALERT_RULES_FILE, cwd, secrets, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return toAppConfig(parsed.data, cwd, destinations, { provisioning, secrets });
}

/** The destinations of INTEGRATIONS_FILE; each problem with the file is added to `problems`, one line each. */
function readIntegrations(file: string | undefined, env: Record<string, string | undefined>, cwd: string, problems: string[]): Destination[] {
  if (file === undefined) return [];
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    problems.push(
      `INTEGRATIONS_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give the path of a JSON file`,
    );
    return [];
  }
  const result = parseIntegrationsFile(text, env);
  if ("problems" in result) {
    problems.push(...result.problems.map((problem) => `INTEGRATIONS_FILE ${file}: ${problem}`));
    return [];
  }
  return result.destinations;
}

const SECRET_VARIABLES = new Set(["PARSEC_API_KEY", "SYNC_TOKEN", "ADMIN_PASSWORD", "OIDC_CLIENT_SECRET", "METRICS_TOKEN", "SMTP_PASSWORD"]);

function redact(name: string, value: string) {
  return SECRET_VARIABLES.has(name) || SECRET_VARIABLE_PATTERN.test(name) ? "<hidden>" : value;
}

const globalForConfig = globalThis as unknown as { parsecViewerConfig?: AppConfig };

/** `next dev` (React then needs eval for its debugging aids, which the CSP allows only there). */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === "development";
}

/**
 * Whether Next.js's bundler compiled the running code (`next build`, `next dev`), as opposed to
 * the sources run by tsx or vitest: a worker thread's entry is then a bundled chunk, not a .ts file.
 */
export function isBundledByNext(): boolean {
  return process.env.NEXT_RUNTIME === "nodejs";
}

/** The process's configuration, read from `process.env` once. */
export function getConfig(): AppConfig {
  globalForConfig.parsecViewerConfig ??= loadConfig(process.env);
  return globalForConfig.parsecViewerConfig;
}
