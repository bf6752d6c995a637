import { z } from "zod";

/**
 * The shape of the file INTEGRATIONS_FILE names: where the stored events are forwarded
 * (lib/integrations). lib/config.ts reads and checks it once at start; it sits beside lib/config.ts
 * rather than in lib/integrations because lib/config.ts must not import a folder that imports the
 * store (which reads the configuration). Secrets are never in the file: a field ending in `Env`
 * names the environment variable that holds one.
 */

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const envName = z.string().regex(ENV_NAME, { message: "must name an environment variable (letters, digits and _)" });
const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).transform((v) => v.replace(/\/+$/, ""));
const batchSize = (fallback: number, max: number) =>
  z
    .number({ message: `must be a whole number from 1 to ${max}` })
    .int({ message: `must be a whole number from 1 to ${max}` })
    .min(1, { message: `must be a whole number from 1 to ${max}` })
    .max(max, { message: `must be a whole number from 1 to ${max}` })
    .default(fallback);
/** "2026-01-01" (UTC midnight) or an RFC 3339 instant. */
const fromDate = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'must be a date such as "2026-01-01" or an RFC 3339 time such as "2026-01-01T00:00:00Z"',
  })
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v));

const common = {
  name: z
    .string({ message: "must be a name of letters, digits, _, . and -" })
    .regex(NAME, { message: "must be a name of letters, digits, _, . and - (at most 63)" }),
  /** Deliver only events that occurred from this time on (a new destination otherwise starts at the beginning of the history). */
  from: fromDate.optional(),
  timeoutSeconds: z.number().int().min(1).max(600, { message: "must be a whole number of seconds from 1 to 600" }).default(30),
};

/** AWS credentials from variables; without them the SDK's default chain (environment, profile, instance role). */
const awsCredentials = { accessKeyIdEnv: envName.optional(), secretAccessKeyEnv: envName.optional(), sessionTokenEnv: envName.optional() };
const awsCredentialsPaired = (v: { accessKeyIdEnv?: string; secretAccessKeyEnv?: string }) => Boolean(v.accessKeyIdEnv) === Boolean(v.secretAccessKeyEnv);
const AWS_CREDENTIALS_UNPAIRED = {
  message: "accessKeyIdEnv and secretAccessKeyEnv go together (or leave both out for the SDK's default credentials)",
  path: ["secretAccessKeyEnv"],
};

const s3 = z
  .object({
    ...common,
    type: z.literal("s3"),
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: "must be a bucket name (3-63 lower-case letters, digits, . and -)" }),
    prefix: z
      .string()
      .max(512)
      .refine((v) => !v.startsWith("/"), { message: "must not start with /" })
      .default(""),
    region: z.string().min(1).default("us-east-1"),
    endpoint: httpUrl.optional(),
    forcePathStyle: z.boolean().default(false),
    ...awsCredentials,
    batchSize: batchSize(5_000, 100_000),
    /** S3 Object Lock on every object written (the bucket must have been created with object lock). */
    objectLock: z
      .object({
        mode: z.enum(["GOVERNANCE", "COMPLIANCE"], { message: 'must be "GOVERNANCE" or "COMPLIANCE"' }),
        retainDays: z.number().int().min(1).max(36_500, { message: "must be a whole number of days from 1 to 36500" }),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(awsCredentialsPaired, AWS_CREDENTIALS_UNPAIRED);

const http = z
  .object({
    ...common,
    type: z.literal("http"),
    url: httpUrl,
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, { message: "header names are letters, digits and -" }), z.string()).default({}),
    batchSize: batchSize(500, 50_000),
    /** HMAC-SHA256 of the body with this secret, hex, in `signatureHeader`. */
    secretEnv: envName.optional(),
    signatureHeader: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .default("X-Parsec-Signature"),
  })
  .strict();

const splunkHec = z
  .object({
    ...common,
    type: z.literal("splunk-hec"),
    url: httpUrl,
    tokenEnv: envName,
    index: z.string().min(1).optional(),
    source: z.string().min(1).default("parsec-audit-viewer"),
    sourcetype: z.string().min(1).default("parsec:audit"),
    batchSize: batchSize(500, 50_000),
  })
  .strict();

/** HTTP basic authentication, from two variables that go together. */
const basicAuth = { usernameEnv: envName.optional(), passwordEnv: envName.optional() };
const basicAuthPaired = (v: { usernameEnv?: string; passwordEnv?: string }) => Boolean(v.usernameEnv) === Boolean(v.passwordEnv);
const BASIC_AUTH_UNPAIRED = { message: "usernameEnv and passwordEnv go together", path: ["passwordEnv"] };

const elasticsearch = z
  .object({
    ...common,
    type: z.literal("elasticsearch"),
    url: httpUrl,
    index: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, { message: "must be an index name (lower-case letters, digits, ., _ and -)" })
      .default("parsec-audit"),
    apiKeyEnv: envName.optional(),
    ...basicAuth,
    batchSize: batchSize(1_000, 50_000),
  })
  .strict()
  .refine(basicAuthPaired, BASIC_AUTH_UNPAIRED);

const loki = z
  .object({
    ...common,
    type: z.literal("loki"),
    url: httpUrl,
    /** Sent as X-Scope-OrgID, for a multi-tenant Loki. */
    tenant: z.string().min(1).optional(),
    ...basicAuth,
    batchSize: batchSize(1_000, 50_000),
  })
  .strict()
  .refine(basicAuthPaired, BASIC_AUTH_UNPAIRED);

const syslog = z
  .object({
    ...common,
    type: z.literal("syslog"),
    url: z
      .string()
      .regex(/^(tcp|udp):\/\/[^/:]+:\d{1,5}$/, { message: 'must be "tcp://host:port" or "udp://host:port"' })
      .transform((v) => new URL(v)),
    /** TCP only: RFC 5425 (TLS), verified against the system's CAs or `caFile`. */
    tls: z.boolean().default(false),
    caFile: z.string().min(1).optional(),
    /** The APP-NAME and HOSTNAME fields of each message. */
    appName: z
      .string()
      .regex(/^[\x21-\x7e]{1,48}$/)
      .default("parsec-viewer"),
    hostname: z
      .string()
      .regex(/^[\x21-\x7e]{1,255}$/)
      .optional(),
    /** Facility 13 is "log audit". */
    facility: z.number().int().min(0).max(23).default(13),
    batchSize: batchSize(500, 50_000),
  })
  .strict()
  .refine((v) => !(v.tls && v.url.protocol === "udp:"), { message: "TLS needs tcp://, not udp://", path: ["tls"] });

/** Amazon CloudWatch Logs: PutLogEvents into one log group and stream. */
const cloudwatchLogs = z
  .object({
    ...common,
    type: z.literal("cloudwatch-logs"),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as "ap-northeast-1"' }),
    logGroupName: z.string().regex(/^[.\-_/#A-Za-z0-9]{1,512}$/, { message: "must be a log group name (1-512 letters, digits, and . - _ / #)" }),
    logStreamName: z
      .string()
      .regex(/^[^:*]{1,512}$/, { message: "must be a log stream name (1-512 characters, no : or *)" })
      .default("parsec-audit-viewer"),
    /** Create the log group when it does not exist (the stream is always created when missing). */
    createLogGroup: z.boolean().default(false),
    endpoint: httpUrl.optional(),
    ...awsCredentials,
    batchSize: batchSize(1_000, 10_000),
  })
  .strict()
  .refine(awsCredentialsPaired, AWS_CREDENTIALS_UNPAIRED);

/** Google Cloud Logging: entries.write into one log of a project. */
const googleCloudLogging = z
  .object({
    ...common,
    type: z.literal("google-cloud-logging"),
    projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { message: "must be a Google Cloud project id (6-30 lower-case letters, digits and -)" }),
    logName: z
      .string()
      .regex(/^[A-Za-z0-9/_.-]{1,512}$/, { message: "must be a log name (1-512 letters, digits, and / _ . -)" })
      .default("parsec-audit"),
    /** The monitored resource entries are written against; Parsec's events belong to no Google Cloud resource. */
    resource: z
      .object({ type: z.string().min(1), labels: z.record(z.string(), z.string()).default({}) })
      .strict()
      .default({ type: "global", labels: {} }),
    /** A service account key file; without it (and without accessTokenEnv) Application Default Credentials. */
    credentialsFile: z.string().min(1).optional(),
    /** An OAuth 2.0 access token, for a token issued and refreshed outside the viewer. */
    accessTokenEnv: envName.optional(),
    /** Another endpoint than logging.googleapis.com (a Private Service Connect name, a test server). */
    endpoint: httpUrl.optional(),
    batchSize: batchSize(500, 5_000),
  })
  .strict()
  .refine((v) => !(v.credentialsFile && v.accessTokenEnv), { message: "credentialsFile and accessTokenEnv exclude each other", path: ["accessTokenEnv"] });

const DESTINATION_TYPES = ["s3", "http", "splunk-hec", "elasticsearch", "loki", "syslog", "cloudwatch-logs", "google-cloud-logging"];

export const destinationSchema = z.discriminatedUnion("type", [s3, http, splunkHec, elasticsearch, loki, syslog, cloudwatchLogs, googleCloudLogging], {
  error: (issue) => (issue.code === "invalid_union" ? `must be one of ${DESTINATION_TYPES.map((type) => `"${type}"`).join(", ")}` : undefined),
});

export const integrationsFileSchema = z
  .object({ destinations: z.array(destinationSchema, { message: "must be a list of destinations" }) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.destinations.forEach((destination, index) => {
      if (seen.has(destination.name)) ctx.addIssue({ code: "custom", path: ["destinations", index, "name"], message: "is used by another destination" });
      seen.add(destination.name);
    });
  });

export type DestinationEntry = z.infer<typeof destinationSchema>;
export type DestinationType = DestinationEntry["type"];

/** A destination with the values of its `...Env` fields, by field name (tokenEnv: the token). */
export type Destination = DestinationEntry & { secrets: Readonly<Record<string, string>> };

/**
 * The destinations of an integrations file, or one line per problem naming the destination and the
 * field (and, for an `...Env` field, the variable that is not set).
 */
export function parseIntegrationsFile(text: string, env: Record<string, string | undefined>): { destinations: Destination[] } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`is not JSON: ${(error as Error).message}`] };
  }
  const parsed = integrationsFileSchema.safeParse(json);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => describeIssue(json, issue)) };
  const problems: string[] = [];
  const destinations = parsed.data.destinations.map((entry) => {
    const secrets: Record<string, string> = {};
    for (const [field, variable] of Object.entries(entry)) {
      if (!field.endsWith("Env") || typeof variable !== "string") continue;
      const value = env[variable];
      if (value === undefined || value === "") problems.push(`destination "${entry.name}" field ${field}: environment variable ${variable} is not set`);
      else secrets[field] = value;
    }
    return { ...entry, secrets };
  });
  return problems.length > 0 ? { problems } : { destinations };
}

function describeIssue(json: unknown, issue: z.core.$ZodIssue): string {
  const [top, index, ...field] = issue.path;
  if (top !== "destinations" || typeof index !== "number") return `${issue.path.join(".") || "the file"}: ${issue.message}`;
  const entry = (json as { destinations: unknown[] }).destinations[index] as { name?: unknown } | null;
  const who = typeof entry?.name === "string" && entry.name ? `destination "${entry.name}"` : `destination #${index + 1}`;
  if (field.length === 0) return `${who}: ${issue.message}`;
  return `${who} field ${field.join(".")}: ${issue.message}`;
}
