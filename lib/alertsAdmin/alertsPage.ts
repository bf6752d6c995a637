import { z } from "zod";
import { BUILT_IN_RULES } from "../alertRules/builtInRules";
import { SCENARIOS } from "../parsec/simulator/scenarios";
import { listChannels, listRules } from "../alerts/catalog/alertCatalog";
import { getConfig } from "../config";
import { getStore } from "../store/store";
import { EDIT_REFUSALS } from "./editAlerts";

export interface RuleView {
  id: number;
  name: string;
  kind: string;
  severity: string | null;
  channels: string[];
  enabled: boolean;
  enabledAt: string | null;
  mutedUntil: string | null;
  provisioned: boolean;
  builtIn: boolean;
  invalid: string | null;
  /** The definition as the form edits it (pretty JSON). */
  definition: string;
}

export interface ChannelView {
  id: number;
  name: string;
  type: string;
  provisioned: boolean;
  definition: string;
  /** Deliveries waiting for a retry or given up, and the newest error: a failing channel is shown. */
  pending: number;
  failed: number;
  lastError: string | null;
}

/** A starting definition per kind for the "new rule" form. */
export const RULE_TEMPLATES: Record<string, unknown> = Object.fromEntries(
  ["event", "threshold", "new-value", "schedule", "sync-health"].map((kind) => {
    const example = BUILT_IN_RULES.find((r) => r.kind === kind)!;
    // The example's description is about the built-in rule, not the one being made.
    const { description: _description, ...rest } = example;
    return [kind, { ...rest, name: `My ${kind} rule`, enabled: false, channels: [] }];
  }),
);

export const CHANNEL_TEMPLATES: Record<string, unknown> = {
  webhook: { name: "My webhook", type: "webhook", url: "https://example.com/parsec-alerts", secretEnv: "ALERT_SECRET_WEBHOOK" },
  slack: { name: "My Slack channel", type: "slack", url: "https://hooks.slack.com/services/T000/B000/XXXX" },
  teams: { name: "My Teams channel", type: "teams", url: "https://example.webhook.office.com/workflows/...", format: "adaptive-card" },
  email: { name: "My email", type: "email", to: ["admin@example.com"] },
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const refusal = z.enum(EDIT_REFUSALS);
const injection = z.object({ injected: z.enum(SCENARIOS), count: z.coerce.number().int().min(0).max(1_000_000) });

/**
 * What the page says after a button: why it was refused, or which scenario was injected. Only
 * known reasons and scenarios are read from the URL, so that a link cannot put words on the page.
 */
export function alertsPageNotice(params: Record<string, string | string[] | undefined>) {
  const problem = refusal.safeParse(one(params.problem));
  const injected = injection.safeParse({ injected: one(params.injected), count: one(params.count) });
  return {
    problem: problem.success ? problem.data : null,
    injected: injected.success ? { scenario: injected.data.injected, count: injected.data.count } : null,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function alertsPageData() {
  const { db } = await getStore();
  const now = new Date();
  const rules: RuleView[] = (await listRules(db)).map((stored) => ({
    id: stored.id,
    name: stored.name,
    kind: stored.kind,
    severity: stored.rule?.severity ?? null,
    channels: stored.rule && "channels" in stored.rule ? stored.rule.channels : [],
    enabled: stored.enabled,
    enabledAt: iso(stored.enabledAt),
    mutedUntil: stored.mutedUntil && stored.mutedUntil > now ? stored.mutedUntil.toISOString() : null,
    provisioned: stored.provisioned,
    builtIn: stored.builtIn,
    invalid: stored.invalid,
    definition: stored.rule ? JSON.stringify(stored.rule, null, 2) : "",
  }));
  const health = await db.alertDelivery.groupBy({ by: ["channelName", "status"], where: { status: { in: ["pending", "failed"] } }, _count: { _all: true } });
  const channels: ChannelView[] = [];
  for (const stored of await listChannels(db)) {
    const lastFailure = await db.alertDelivery.findFirst({
      where: { channelName: stored.name, lastError: { not: null }, status: { not: "sent" } },
      orderBy: { id: "desc" },
    });
    const count = (status: string) => health.find((h) => h.channelName === stored.name && h.status === status)?._count._all ?? 0;
    channels.push({
      id: stored.id,
      name: stored.name,
      type: stored.type,
      provisioned: stored.provisioned,
      definition: stored.channel ? JSON.stringify(stored.channel, null, 2) : "",
      pending: count("pending"),
      failed: count("failed"),
      lastError: lastFailure?.lastError ?? null,
    });
  }
  return { rules, channels, demo: getConfig().demo, scenarios: SCENARIOS, ruleTemplates: RULE_TEMPLATES, channelTemplates: CHANNEL_TEMPLATES };
}
