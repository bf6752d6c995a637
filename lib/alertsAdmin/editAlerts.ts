import { z } from "zod";
import type { ViewerAuditFacts } from "../auth/viewerAuditFacts";
import { channelSchema } from "../alertRules/channelSchema";
import { ruleSchema } from "../alertRules/ruleSchema";
import { definitionProblems, fieldProblem, type DefinitionProblem, type DefinitionSubject } from "../alertRules/definitionProblems";
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
import { dryRunRule } from "../alerts/evaluation/dryRunRule";
import { alertSentence } from "../alerts/summary/alertSentence";
import type { Locale } from "../i18n/locales";
import type { DryRunView } from "./definitionFormState";
import { recordViewerAudit } from "../auth/viewerAudit";
import { getStore } from "../store/store";

/**
 * What the /alerts page's forms do: each parses what was typed with the rules file's own schemas,
 * changes the stored rules or channels, and records the change in the viewer audit.
 * Every refusal is an EditRefused: English lines for the log, and for the page its reason and,
 * when a definition was refused, each field's problem to word in the reader's language.
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
    readonly details: DefinitionProblem[] = [],
  ) {
    super(problems.join("\n"));
  }
}

export interface Actor {
  email: string;
  ip: string | null;
}

const MAX_DEFINITION_CHARS = 100_000;

function parseJson(subject: DefinitionSubject, text: string): unknown {
  if (text.length > MAX_DEFINITION_CHARS)
    throw new EditRefused([`The definition is longer than ${MAX_DEFINITION_CHARS} characters.`], "badDefinition", [
      fieldProblem(subject, "", "too_long", { limit: MAX_DEFINITION_CHARS }),
    ]);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EditRefused([`The definition is not JSON: ${(error as Error).message}`], "badDefinition", [fieldProblem(subject, "", "not_json")]);
  }
}

function checked<T>(schema: z.ZodType<T>, value: unknown, what: DefinitionSubject): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new EditRefused(
      parsed.error.issues.map((issue) => describeIssue(what, issue)),
      "badDefinition",
      definitionProblems(what, parsed.error.issues, value),
    );
  return parsed.data;
}

async function refusingDomainErrors<T>(subject: DefinitionSubject, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AlertConfigError && error.conflict) {
      const { field, code, names } = error.conflict;
      throw new EditRefused([error.message], error.reason, [fieldProblem(subject, field, code, { value: names.join(", ") })]);
    }
    if (error instanceof AlertConfigError || error instanceof ProvisionedEntryError) throw new EditRefused([error.message], error.reason);
    throw error;
  }
}

const audit = async (actor: Actor, action: Parameters<typeof recordViewerAudit>[1]["action"], facts: ViewerAuditFacts) =>
  recordViewerAudit((await getStore()).db, { action, actor: actor.email, ip: actor.ip, facts });

export async function saveRuleDefinition(actor: Actor, id: number | null, text: string): Promise<number> {
  const rule = checked(ruleSchema, parseJson("rule", text), "rule");
  const { db } = await getStore();
  const stored = await refusingDomainErrors("rule", () => saveRule(db, rule, id));
  await audit(actor, "alert_rule_saved", {
    kind: "rule-saved",
    created: id === null,
    name: rule.name,
    ruleKind: rule.kind,
    enabled: rule.enabled,
    definition: JSON.stringify(rule),
  });
  return stored.id;
}

export async function switchRule(actor: Actor, id: number, enabled: boolean): Promise<void> {
  const { db } = await getStore();
  const stored = await refusingDomainErrors("rule", () => setRuleEnabled(db, id, enabled));
  await audit(actor, "alert_rule_saved", { kind: "rule-switched", name: stored.name, enabled });
}

export async function removeRule(actor: Actor, id: number): Promise<void> {
  const { db } = await getStore();
  const name = await refusingDomainErrors("rule", () => deleteRule(db, id));
  await audit(actor, "alert_rule_deleted", { kind: "rule-deleted", name });
}

/** Mutes for `minutes` (0: unmutes). */
export async function muteRuleFor(actor: Actor, id: number, minutes: number): Promise<void> {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 525_600)
    throw new EditRefused(["Mute for a whole number of minutes, up to a year."], "badMinutes");
  const { db } = await getStore();
  const until = minutes === 0 ? null : new Date(Date.now() + minutes * 60_000);
  const name = await refusingDomainErrors("rule", async () => {
    if (!(await findRule(db, id))) throw new AlertConfigError("there is no such rule", "gone");
    return muteRule(db, id, until);
  });
  await audit(actor, "alert_rule_muted", { kind: "rule-muted", name, until: until?.toISOString() ?? null });
}

export async function saveChannelDefinition(actor: Actor, id: number | null, text: string): Promise<void> {
  const channel = checked(channelSchema, parseJson("channel", text), "channel");
  const { db } = await getStore();
  await refusingDomainErrors("channel", () => saveChannel(db, channel, id));
  // The definition holds no secret (a webhook names its secret's variable), so the audit may show it.
  await audit(actor, "alert_channel_saved", {
    kind: "channel-saved",
    created: id === null,
    name: channel.name,
    type: channel.type,
    definition: JSON.stringify(channel),
  });
}

export async function removeChannel(actor: Actor, id: number): Promise<void> {
  const { db } = await getStore();
  const name = await refusingDomainErrors("channel", () => deleteChannel(db, id));
  await audit(actor, "alert_channel_deleted", { kind: "channel-deleted", name });
}

/** "Test against the last 30 days": the definition as typed (saved or not); nothing is written or sent. */
export async function testRuleDefinition(text: string, locale: Locale): Promise<DryRunView> {
  const rule = checked(ruleSchema, parseJson("rule", text), "rule");
  const { alerts, eventsRead, truncated, eventLimit, more } = dryRunRule((await getStore()).sqlite, rule);
  return {
    alerts: alerts.map(({ facts, anchorAt, eventCount, linkPath }) => ({ sentence: alertSentence(facts, locale), anchorAt, eventCount, linkPath })),
    eventsRead,
    truncated,
    eventLimit,
    more,
  };
}
