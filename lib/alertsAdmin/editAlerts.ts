import { z } from "zod";
import { channelSchema } from "../alertRules/channelSchema";
import { ruleSchema } from "../alertRules/ruleSchema";
import { describeIssue } from "../alertRules/rulesFile";
import {
  AlertConfigError,
  deleteChannel,
  deleteRule,
  findRule,
  muteRule,
  ProvisionedEntryError,
  saveChannel,
  saveRule,
  setRuleEnabled,
} from "../alerts/catalog/alertCatalog";
import { dryRunRule, type DryRunResult } from "../alerts/evaluation/dryRunRule";
import { recordViewerAudit } from "../auth/viewerAudit";
import { getStore } from "../store/store";

/**
 * What the /alerts page's forms do: each parses what was typed with the rules file's own schemas,
 * changes the stored rules or channels, and records the change in the viewer audit.
 * Every refusal is an EditRefused with the lines to show beside the form.
 */

/** Every reason an edit can be refused for: the page says each in its reader's language. */
export const EDIT_REFUSALS = ["gone", "provisioned", "inUse", "invalid", "conflict", "badMinutes", "badDefinition", "unknownButton"] as const;
// Holds every AlertEditRefusal: EditRefused takes the catalogue's reasons as they are.
export type EditRefusal = (typeof EDIT_REFUSALS)[number];

export class EditRefused extends Error {
  override name = "EditRefused";
  constructor(
    readonly problems: string[],
    readonly reason: EditRefusal = "badDefinition",
  ) {
    super(problems.join("\n"));
  }
}

export interface Actor {
  email: string;
  ip: string | null;
}

const MAX_DEFINITION_CHARS = 100_000;

function parseJson(text: string): unknown {
  if (text.length > MAX_DEFINITION_CHARS) throw new EditRefused([`The definition is longer than ${MAX_DEFINITION_CHARS} characters.`]);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EditRefused([`The definition is not JSON: ${(error as Error).message}`]);
  }
}

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new EditRefused(parsed.error.issues.map((issue) => describeIssue(what, issue)));
  return parsed.data;
}

async function refusingDomainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AlertConfigError || error instanceof ProvisionedEntryError) throw new EditRefused([error.message], error.reason);
    throw error;
  }
}

const audit = async (actor: Actor, action: Parameters<typeof recordViewerAudit>[1]["action"], detail: string) =>
  recordViewerAudit((await getStore()).db, { action, actor: actor.email, ip: actor.ip, detail });

export async function saveRuleDefinition(actor: Actor, id: number | null, text: string): Promise<number> {
  const rule = checked(ruleSchema, parseJson(text), "rule");
  const { db } = await getStore();
  const stored = await refusingDomainErrors(() => saveRule(db, rule, id));
  await audit(
    actor,
    "alert_rule_saved",
    `${id === null ? "created" : "changed"} rule "${rule.name}" (${rule.kind}, ${rule.enabled ? "enabled" : "off"}): ${JSON.stringify(rule)}`,
  );
  return stored.id;
}

export async function switchRule(actor: Actor, id: number, enabled: boolean): Promise<void> {
  const { db } = await getStore();
  const stored = await refusingDomainErrors(() => setRuleEnabled(db, id, enabled));
  await audit(actor, "alert_rule_saved", `${enabled ? "enabled" : "switched off"} rule "${stored.name}"`);
}

export async function removeRule(actor: Actor, id: number): Promise<void> {
  const { db } = await getStore();
  const name = await refusingDomainErrors(() => deleteRule(db, id));
  await audit(actor, "alert_rule_deleted", `deleted rule "${name}"`);
}

/** Mutes for `minutes` (0: unmutes). */
export async function muteRuleFor(actor: Actor, id: number, minutes: number): Promise<void> {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 525_600)
    throw new EditRefused(["Mute for a whole number of minutes, up to a year."], "badMinutes");
  const { db } = await getStore();
  const until = minutes === 0 ? null : new Date(Date.now() + minutes * 60_000);
  const name = await refusingDomainErrors(async () => {
    if (!(await findRule(db, id))) throw new AlertConfigError("there is no such rule", "gone");
    return muteRule(db, id, until);
  });
  await audit(actor, "alert_rule_muted", until ? `muted rule "${name}" until ${until.toISOString()}` : `unmuted rule "${name}"`);
}

export async function saveChannelDefinition(actor: Actor, id: number | null, text: string): Promise<void> {
  const channel = checked(channelSchema, parseJson(text), "channel");
  const { db } = await getStore();
  await refusingDomainErrors(() => saveChannel(db, channel, id));
  // The definition holds no secret (a webhook names its secret's variable), so the audit may show it.
  await audit(actor, "alert_channel_saved", `${id === null ? "created" : "changed"} channel "${channel.name}" (${channel.type}): ${JSON.stringify(channel)}`);
}

export async function removeChannel(actor: Actor, id: number): Promise<void> {
  const { db } = await getStore();
  const name = await refusingDomainErrors(() => deleteChannel(db, id));
  await audit(actor, "alert_channel_deleted", `deleted channel "${name}"`);
}

/** "Test against the last 30 days": the definition as typed (saved or not); nothing is written or sent. */
export async function testRuleDefinition(text: string): Promise<DryRunResult> {
  const rule = checked(ruleSchema, parseJson(text), "rule");
  return dryRunRule((await getStore()).sqlite, rule);
}
