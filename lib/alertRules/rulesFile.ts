import { z } from "zod";
import { channelSchema, type Channel } from "./channelSchema";
import { ruleSchema, type Rule } from "./ruleSchema";

/**
 * The rules file (ALERT_RULES_FILE): `{"channels": [...], "rules": [...]}`. Every problem is one
 * line that names the rule or channel and the field, so that a wrong file stops the start with a
 * list of what to fix rather than the first mistake only.
 */

export interface AlertProvisioning {
  channels: Channel[];
  rules: Rule[];
}

const fileShape = z.strictObject({
  channels: z.array(z.unknown()).max(200).default([]),
  rules: z.array(z.unknown()).max(1000).default([]),
});

export function parseRulesFile(text: string, where: string, secretVariables: ReadonlySet<string>): { value: AlertProvisioning } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`${where} is not JSON: ${(error as Error).message}`] };
  }
  const shape = fileShape.safeParse(json);
  if (!shape.success) return { problems: shape.error.issues.map((issue) => `${where}: ${describeIssue("the file", issue)}`) };

  const problems: string[] = [];
  const channels = parseEach(shape.data.channels, channelSchema, "channel", where, problems);
  const rules = parseEach(shape.data.rules, ruleSchema, "rule", where, problems);
  duplicates(channels.map((c) => c.name)).forEach((n) => problems.push(`${where}: channel "${n}" is defined more than once`));
  duplicates(rules.map((r) => r.name)).forEach((n) => problems.push(`${where}: rule "${n}" is defined more than once`));
  const channelNames = new Set(channels.map((c) => c.name));
  for (const rule of rules) {
    for (const channel of rule.channels) {
      if (!channelNames.has(channel)) problems.push(`${where}: rule "${rule.name}" channels names "${channel}", which the file does not define`);
    }
  }
  for (const channel of channels) {
    if (channel.type === "webhook" && channel.secretEnv && !secretVariables.has(channel.secretEnv)) {
      problems.push(`${where}: channel "${channel.name}" secretEnv names ${channel.secretEnv}, which is not set in the environment`);
    }
  }
  return problems.length > 0 ? { problems } : { value: { channels, rules } };
}

function parseEach<T>(items: unknown[], schema: z.ZodType<T>, what: string, where: string, problems: string[]): T[] {
  const out: T[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return out.push(parsed.data);
    const label = labelOf(item, what, index);
    for (const issue of parsed.error.issues) problems.push(`${where}: ${describeIssue(label, issue)}`);
  });
  return out;
}

function labelOf(item: unknown, what: string, index: number): string {
  const name = typeof item === "object" && item !== null ? (item as { name?: unknown }).name : undefined;
  return typeof name === "string" && name.trim() ? `${what} "${name.slice(0, 100)}"` : `${what} #${index + 1}`;
}

/** 'rule "x" match.names[0] must name...': who, which field (none when it is the whole entry), what is wrong. */
export function describeIssue(label: string, issue: z.core.$ZodIssue): string {
  const field = fieldPath(issue.path);
  return `${label}${field ? ` ${field}` : ""} ${issue.message}`;
}

/** "match.names[0]". */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "";
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}

function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(names.filter((n) => seen.has(n) || !seen.add(n)))];
}
