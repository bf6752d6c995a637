import { z } from "zod";

/**
 * The rules, as the rules file (ALERT_RULES_FILE) and the /alerts page write them: one schema for
 * both, so that what the page accepts is exactly what a provisioned file may say.
 */

export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

const name = z
  .string({ message: "must be a name (text)" })
  .trim()
  .min(1, { message: "must not be empty" })
  .max(100, { message: "must be at most 100 characters" });
const eventName = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, { message: "must be an event name such as team_api_key_create" });
const minutes = (max: number) => z.number({ message: "must be a number of minutes" }).int({ message: "must be a whole number of minutes" }).min(1).max(max);

/** A condition on one field of the event's `data` object (dotted paths reach nested objects). */
export const dataConditionSchema = z.strictObject({
  field: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){0,4}$/, { message: "must be a field of data such as role or host_computer_name" }),
  op: z.enum(["equals", "not-equals", "in", "not-in", "exists", "missing"], {
    message: 'must be "equals", "not-equals", "in", "not-in", "exists" or "missing"',
  }),
  value: z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.union([z.string().max(500), z.number()])).max(200)]).optional(),
});
export type DataCondition = z.infer<typeof dataConditionSchema>;

/** Which events a rule looks at; every part given must hold. */
export const eventMatchSchema = z.strictObject({
  names: z.array(eventName).min(1, { message: "must name at least one event" }).max(100),
  /** Only these users (Parsec user ids). */
  users: z.array(z.number().int().positive()).max(500).optional(),
  /** Never these users: an allow-list of whose events are expected. */
  notUsers: z.array(z.number().int().positive()).max(500).optional(),
  /** Only these computers (host computer names). */
  hosts: z.array(z.string().min(1).max(200)).max(500).optional(),
  /** Connection outcome by exit code: "failure" is a non-zero exit code. */
  exit: z.enum(["success", "failure"], { message: 'must be "success" or "failure"' }).optional(),
  data: z.array(dataConditionSchema).max(20).optional(),
});
export type EventMatch = z.infer<typeof eventMatchSchema>;

const base = {
  name,
  description: z.string().max(500).optional(),
  severity: z.enum(SEVERITIES, { message: 'must be "info", "warning" or "critical"' }).default("warning"),
  channels: z.array(name).max(20).default([]),
  enabled: z.boolean().default(false),
  /** After a notification, the rule's further matches for this long join it instead of sending another. */
  cooldownMinutes: z.number().int().min(0).max(10_080).default(0),
};

export const GROUP_FIELDS = ["user", "host", "ip"] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be a time of day such as "09:00"' });
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A zone Intl knows (IANA names such as Asia/Tokyo or Europe/Berlin). */
export const timeZoneSchema = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      return zone.length > 0;
    } catch {
      return false;
    }
  },
  { message: "must be an IANA time zone such as Asia/Tokyo" },
);

export const SYNC_HEALTH_CONDITIONS = ["sync-failing", "parsec-auth", "quarantine-growing", "clock-skew", "destination-lagging"] as const;

export const ruleSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ ...base, kind: z.literal("event"), match: eventMatchSchema }),
    z.strictObject({
      ...base,
      kind: z.literal("threshold"),
      match: eventMatchSchema,
      count: z.number().int().min(2, { message: "must be at least 2" }).max(100_000),
      windowMinutes: minutes(10_080),
      groupBy: z.enum(GROUP_FIELDS, { message: 'must be "user", "host" or "ip"' }).optional(),
    }),
    z.strictObject({
      ...base,
      kind: z.literal("new-value"),
      match: eventMatchSchema,
      /** The value that must be new: the address, its /24 (IPv4; /48 for IPv6), or the computer. */
      value: z.enum(["ip", "ip-prefix", "host"], { message: 'must be "ip", "ip-prefix" or "host"' }),
      groupBy: z.enum(["user", "host"], { message: 'must be "user" or "host"' }).default("user"),
      lookbackDays: z.number().int().min(1).max(3650).default(90),
    }),
    z.strictObject({
      ...base,
      kind: z.literal("schedule"),
      match: eventMatchSchema,
      zone: timeZoneSchema,
      /** The working days; events on other days, or outside from-to on these, match. */
      days: z.array(z.enum(WEEKDAYS, { message: 'must be days such as "mon"' })).max(7),
      from: hhmm,
      to: hhmm,
    }),
    z.strictObject({
      ...base,
      kind: z.literal("sync-health"),
      condition: z.enum(SYNC_HEALTH_CONDITIONS, {
        message: `must be one of ${SYNC_HEALTH_CONDITIONS.map((c) => `"${c}"`).join(", ")}`,
      }),
      /** sync-failing: minutes failing; quarantine-growing: new quarantined events; clock-skew: seconds apart; destination-lagging: minutes behind or failing. */
      threshold: z.number().int().min(1).max(1_000_000).default(1),
    }),
  ],
  { message: 'must have a kind: "event", "threshold", "new-value", "schedule" or "sync-health"' },
);

export type RuleInput = z.input<typeof ruleSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type EventRule = Exclude<Rule, { kind: "sync-health" }>;
export type SyncHealthRule = Extract<Rule, { kind: "sync-health" }>;
export type RuleKind = Rule["kind"];

export const isEventRule = (rule: Rule): rule is EventRule => rule.kind !== "sync-health";

/** The window by which a rule groups what it fires: one alert per rule and group per window. */
export function dedupWindowMs(rule: EventRule): number {
  if (rule.kind === "threshold") return rule.windowMinutes * 60_000;
  if (rule.kind === "new-value") return rule.lookbackDays * 86_400_000;
  return 0;
}
