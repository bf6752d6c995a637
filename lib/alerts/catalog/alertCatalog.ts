import { jsonOrNull } from "../jsonOrNull";
import { BUILT_IN_RULES } from "../../alertRules/builtInRules";
import { channelSchema, type Channel, type ChannelInput } from "../../alertRules/channelSchema";
import { ruleSchema, type Rule, type RuleInput } from "../../alertRules/ruleSchema";
import type { AlertProvisioning } from "../../alertRules/rulesFile";
import type { Db } from "../../store/client";
import { isRowGone, isUniqueViolation } from "../../store/writeConflicts";

/**
 * The stored rules and channels: validated with the schemas the rules file uses, kept as their
 * JSON. Provisioned ones (ALERT_RULES_FILE) are replaced at every start and refused here for edits.
 */

/** Why an edit was refused, for a page to say in its reader's language (the message stays English for logs and the API). */
export type AlertEditRefusal = "gone" | "provisioned" | "inUse" | "invalid" | "conflict";

/** Which field of the definition a conflict is about, and the names it refused, for the page to say beside that field. */
export interface ConflictField {
  field: "channels" | "name";
  code: "unknown_channel" | "name_taken";
  names: string[];
}

export class AlertConfigError extends Error {
  override name = "AlertConfigError";
  constructor(
    message: string,
    readonly reason: AlertEditRefusal = "conflict",
    readonly conflict?: ConflictField,
  ) {
    super(message);
  }
}

export class ProvisionedEntryError extends Error {
  override name = "ProvisionedEntryError";
  readonly reason: AlertEditRefusal = "provisioned";
  constructor(what: string) {
    super(`${what} comes from ALERT_RULES_FILE and can only be changed there`);
  }
}

export interface StoredRule {
  id: number;
  rule: Rule | null;
  /** Set when the stored definition no longer parses; the rule is then skipped by the evaluation. */
  invalid: string | null;
  name: string;
  kind: string;
  enabled: boolean;
  enabledAt: Date | null;
  mutedUntil: Date | null;
  provisioned: boolean;
  builtIn: boolean;
}

export interface StoredChannel {
  id: number;
  name: string;
  type: string;
  channel: Channel | null;
  provisioned: boolean;
}

function parseDefinition<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, text: string) {
  const parsed = schema.safeParse(jsonOrNull(text));
  return parsed.success ? { value: parsed.data, invalid: null } : { value: null, invalid: parsed.error.message };
}

type RuleRow = Awaited<ReturnType<Db["alertRule"]["findMany"]>>[number];

function toStoredRule(row: RuleRow): StoredRule {
  const { value, invalid } = parseDefinition<Rule>(ruleSchema, row.definition);
  return { ...row, rule: value, invalid };
}

export async function listRules(db: Db): Promise<StoredRule[]> {
  return (await db.alertRule.findMany({ orderBy: [{ builtIn: "desc" }, { name: "asc" }] })).map(toStoredRule);
}

export async function findRule(db: Db, id: number): Promise<StoredRule | null> {
  const row = await db.alertRule.findUnique({ where: { id } });
  return row ? toStoredRule(row) : null;
}

export async function listChannels(db: Db): Promise<StoredChannel[]> {
  const rows = await db.alertChannel.findMany({ orderBy: { name: "asc" } });
  return rows.map((row) => ({ ...row, channel: parseDefinition<Channel>(channelSchema, row.definition).value }));
}

/** The built-in rules an installation lacks, added switched off (an admin's edits to them stay). */
export async function ensureBuiltInRules(db: Db): Promise<void> {
  for (const input of BUILT_IN_RULES) {
    const rule = ruleSchema.parse(input);
    const existing = await db.alertRule.findUnique({ where: { name: rule.name } });
    if (!existing) await db.alertRule.create({ data: { name: rule.name, kind: rule.kind, definition: JSON.stringify(rule), builtIn: true } });
  }
}

/**
 * Makes the stored provisioned entries what the file says: new ones created, changed ones
 * replaced, ones no longer in the file removed (their fired alerts stay in the log). A rule the
 * file enables keeps its enabling time across restarts, so a restart fires nothing again.
 */
export async function provisionAlerts(db: Db, provisioning: AlertProvisioning, now = new Date()): Promise<void> {
  const channelNames = provisioning.channels.map((c) => c.name);
  const ruleNames = provisioning.rules.map((r) => r.name);
  await db.$transaction(async (tx) => {
    await tx.alertChannel.deleteMany({ where: { provisioned: true, name: { notIn: channelNames } } });
    await tx.alertRule.deleteMany({ where: { provisioned: true, name: { notIn: ruleNames } } });
    for (const channel of provisioning.channels) {
      const data = { type: channel.type, definition: JSON.stringify(channel), provisioned: true };
      await tx.alertChannel.upsert({ where: { name: channel.name }, create: { name: channel.name, ...data }, update: data });
    }
    for (const rule of provisioning.rules) {
      const existing = await tx.alertRule.findUnique({ where: { name: rule.name } });
      const enabledAt = rule.enabled ? (existing?.enabled && existing.enabledAt ? existing.enabledAt : now) : null;
      const data = { kind: rule.kind, definition: JSON.stringify(rule), provisioned: true, enabled: rule.enabled, enabledAt };
      await tx.alertRule.upsert({ where: { name: rule.name }, create: { name: rule.name, ...data }, update: data });
    }
  });
}

/**
 * A write of a rule or channel, after the checks above it: another request may have taken the name
 * or deleted the entry in between (two admins, two tabs), and is refused as those checks refuse.
 */
async function raced<T>(table: "rule" | "channel", name: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error) && name !== null)
      throw new AlertConfigError(`name: a ${table} named "${name}" exists already`, "conflict", { field: "name", code: "name_taken", names: [name] });
    if (isRowGone(error)) throw new AlertConfigError(`there is no such ${table} (it may have been deleted meanwhile)`, "gone");
    throw error;
  }
}

async function refuseProvisioned(db: Db, table: "rule" | "channel", id: number): Promise<void> {
  const row = table === "rule" ? await db.alertRule.findUnique({ where: { id } }) : await db.alertChannel.findUnique({ where: { id } });
  if (!row) throw new AlertConfigError(`there is no such ${table} (it may have been deleted meanwhile)`, "gone");
  if (row.provisioned) throw new ProvisionedEntryError(`The ${table} "${row.name}"`);
}

/**
 * Creates (no id) or replaces a rule. Its channels must exist. Switching it on sets the time
 * after which its events count; an edit of an enabled rule keeps that time.
 */
export async function saveRule(db: Db, input: RuleInput, id: number | null, now = new Date()): Promise<StoredRule> {
  const rule = ruleSchema.parse(input);
  const known = new Set((await db.alertChannel.findMany({ select: { name: true } })).map((c) => c.name));
  const missing = rule.channels.filter((c) => !known.has(c));
  if (missing.length > 0)
    throw new AlertConfigError(`channels: there is no channel named ${missing.map((m) => `"${m}"`).join(", ")}`, "conflict", {
      field: "channels",
      code: "unknown_channel",
      names: missing,
    });
  const clash = await db.alertRule.findUnique({ where: { name: rule.name } });
  if (clash && clash.id !== id)
    throw new AlertConfigError(`name: a rule named "${rule.name}" exists already`, "conflict", { field: "name", code: "name_taken", names: [rule.name] });
  if (id !== null) await refuseProvisioned(db, "rule", id);
  const existing = id !== null ? await db.alertRule.findUnique({ where: { id } }) : null;
  const enabledAt = rule.enabled ? (existing?.enabled && existing.enabledAt ? existing.enabledAt : now) : null;
  const data = {
    name: rule.name,
    kind: rule.kind,
    definition: JSON.stringify(rule),
    enabled: rule.enabled,
    enabledAt,
    state: existing?.kind === rule.kind ? existing.state : null,
  };
  const row = await raced("rule", rule.name, () => (id === null ? db.alertRule.create({ data }) : db.alertRule.update({ where: { id }, data })));
  return toStoredRule(row);
}

export async function deleteRule(db: Db, id: number): Promise<string> {
  await refuseProvisioned(db, "rule", id);
  return (await raced("rule", null, () => db.alertRule.delete({ where: { id } }))).name;
}

export async function setRuleEnabled(db: Db, id: number, enabled: boolean, now = new Date()): Promise<StoredRule> {
  const stored = await findRule(db, id);
  if (!stored?.rule)
    throw new AlertConfigError(stored ? `the rule "${stored.name}" is not valid: ${stored.invalid}` : "there is no such rule", stored ? "invalid" : "gone");
  return saveRule(db, { ...stored.rule, enabled }, id, now);
}

/** Mutes a rule until a time (null: unmutes). What it fires meanwhile is logged as muted, not sent. Allowed for provisioned rules. */
export async function muteRule(db: Db, id: number, until: Date | null): Promise<string> {
  return (await raced("rule", null, () => db.alertRule.update({ where: { id }, data: { mutedUntil: until } }))).name;
}

export async function saveChannel(db: Db, input: ChannelInput, id: number | null): Promise<StoredChannel> {
  const channel = channelSchema.parse(input);
  const clash = await db.alertChannel.findUnique({ where: { name: channel.name } });
  if (clash && clash.id !== id)
    throw new AlertConfigError(`name: a channel named "${channel.name}" exists already`, "conflict", {
      field: "name",
      code: "name_taken",
      names: [channel.name],
    });
  if (id !== null) await refuseProvisioned(db, "channel", id);
  const data = { name: channel.name, type: channel.type, definition: JSON.stringify(channel) };
  const row = await raced("channel", channel.name, () => (id === null ? db.alertChannel.create({ data }) : db.alertChannel.update({ where: { id }, data })));
  return { ...row, channel };
}

export async function deleteChannel(db: Db, id: number): Promise<string> {
  await refuseProvisioned(db, "channel", id);
  const row = await raced("channel", null, () => db.alertChannel.findUniqueOrThrow({ where: { id } }));
  const users = (await listRules(db)).filter((r) => r.rule?.channels.includes(row.name));
  if (users.length > 0)
    throw new AlertConfigError(`the channel "${row.name}" is used by ${users.map((u) => `"${u.name}"`).join(", ")}: take it out of those rules first`, "inUse");
  await raced("channel", null, () => db.alertChannel.delete({ where: { id } }));
  return row.name;
}
