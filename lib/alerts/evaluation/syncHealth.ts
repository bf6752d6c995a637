import { jsonOrNull } from "../jsonOrNull";
import { isEventRule, ruleSchema, type SyncHealthRule } from "../../alertRules/ruleSchema";
import { getConfig } from "../../config";
import type { Destination } from "../../integrationsFile";
import type { Store } from "../../store/store";
import type { AlertFacts } from "../summary/alertFacts";
import { notificationSummary } from "../summary/alertSentence";
import { destinationLags, isLagging } from "./destinationLag";

/**
 * The sync-health rules, evaluated after each sync run and on a timer. Each condition fires when it
 * begins to hold (and again after the rule's cooldown while it still does); the rule's state
 * remembers what the last evaluation saw, and is swapped by compare-and-set, so two processes
 * evaluating at once fire it once.
 */

interface HealthState {
  active: boolean;
  firedAt?: number;
  /** quarantine-growing: the quarantine's size the growth is measured from. */
  baseline?: number;
}

interface Observation {
  active: boolean;
  /** What the alert says when it fires; null when the condition does not hold. */
  facts: AlertFacts | null;
  linkPath: string;
  baseline?: number;
}

const minutes = (ms: number) => Math.floor(ms / 60_000);

async function observe(
  { db, sqlite }: Store,
  destinations: readonly Destination[],
  rule: SyncHealthRule,
  state: HealthState | null,
  now: number,
): Promise<Observation> {
  switch (rule.condition) {
    case "sync-failing": {
      const runs = await db.syncRun.findMany({ where: { kind: "sync", status: { in: ["succeeded", "failed"] } }, orderBy: { startedAt: "desc" }, take: 200 });
      const latest = runs[0];
      if (!latest || latest.status !== "failed") return { active: false, facts: null, linkPath: "/" };
      const lastOk = runs.findIndex((r) => r.status === "succeeded");
      const failing = lastOk === -1 ? runs : runs.slice(0, lastOk);
      const since = failing[failing.length - 1]!.startedAt.getTime();
      const active = now - since >= rule.threshold * 60_000;
      return {
        active,
        linkPath: "/",
        facts: { kind: "sync-failing", minutes: minutes(now - since), runs: failing.length, error: latest.error },
      };
    }
    case "parsec-auth": {
      const latest = await db.syncRun.findFirst({ where: { kind: "sync", status: { in: ["succeeded", "failed"] } }, orderBy: { startedAt: "desc" } });
      const active = latest?.status === "failed" && /\((401|403) /.test(latest.error ?? "");
      return { active, linkPath: "/", facts: active ? { kind: "parsec-auth", error: latest.error ?? "" } : null };
    }
    case "quarantine-growing": {
      const count = await db.quarantinedEvent.count();
      const baseline = state?.baseline ?? count;
      const grown = count - baseline;
      return {
        active: grown >= rule.threshold,
        baseline: grown >= rule.threshold ? count : baseline,
        linkPath: "/",
        facts: { kind: "quarantine-growing", grown, total: count },
      };
    }
    case "clock-skew": {
      const checkpoint = await db.syncCheckpoint.findFirst({ where: { clockOffsetMs: { not: null } }, orderBy: { updatedAt: "desc" } });
      const offset = checkpoint?.clockOffsetMs ?? 0;
      return {
        active: Math.abs(offset) >= rule.threshold * 1000,
        linkPath: "/",
        facts: { kind: "clock-skew", seconds: Math.round(Math.abs(offset) / 1000), direction: offset > 0 ? "behind" : "ahead" },
      };
    }
    case "destination-lagging": {
      const lagging = destinationLags(sqlite, destinations, now).filter((lag) => isLagging(lag, rule.threshold));
      return {
        active: lagging.length > 0,
        linkPath: "/integrations",
        facts: lagging.length > 0 ? { kind: "destination-lagging", lags: lagging } : null,
      };
    }
  }
}

export interface SyncHealthOutcome {
  fired: string[];
}

/** `destinations`: the integrations' (INTEGRATIONS_FILE), which destination-lagging watches. */
export async function evaluateSyncHealth(
  store: Store,
  now = Date.now(),
  destinations: readonly Destination[] = getConfig().integrations.destinations,
): Promise<SyncHealthOutcome> {
  const { db } = store;
  const rows = await db.alertRule.findMany({ where: { enabled: true, kind: "sync-health" } });
  const fired: string[] = [];
  for (const row of rows) {
    const parsed = ruleSchema.safeParse(jsonOrNull(row.definition));
    if (!parsed.success || isEventRule(parsed.data)) continue;
    const rule = parsed.data;
    const state = row.state ? (jsonOrNull(row.state) as HealthState | null) : null;
    const seen = await observe(store, destinations, rule, state, now);
    const cooldown = rule.cooldownMinutes * 60_000;
    const remind = seen.active && state?.active && cooldown > 0 && now - (state.firedAt ?? 0) >= cooldown;
    const fires = seen.facts !== null && ((seen.active && !state?.active) || remind === true);
    const next: HealthState = { active: seen.active, firedAt: fires ? now : state?.firedAt, baseline: seen.baseline };
    // quarantine-growing measures from where it last fired, so it is "active" only at the moment it grows.
    if (rule.condition === "quarantine-growing") next.active = false;
    const nextText = JSON.stringify(next);
    if (nextText === row.state && !fires) continue;
    const swapped = await db.$transaction(async (tx) => {
      const { count } = await tx.alertRule.updateMany({ where: { id: row.id, state: row.state }, data: { state: nextText } });
      if (count !== 1 || !fires) return count === 1;
      const muted = row.mutedUntil !== null && row.mutedUntil.getTime() > now;
      const alert = await tx.alert.create({
        data: {
          ruleId: row.id,
          ruleName: rule.name,
          kind: rule.kind,
          severity: rule.severity,
          groupKey: rule.condition,
          summary: notificationSummary(rule.name, seen.facts!),
          facts: JSON.stringify(seen.facts),
          eventIds: "[]",
          eventCount: 0,
          anchorAt: new Date(now),
          firedAt: new Date(now),
          status: muted ? "muted" : "notified",
          linkPath: seen.linkPath,
        },
      });
      if (!muted) {
        await tx.alertDelivery.createMany({
          data: rule.channels.map((channelName) => ({
            alertId: alert.id,
            channelName,
            status: "pending",
            nextAttemptAt: new Date(now),
            createdAt: new Date(now),
          })),
        });
      }
      return true;
    });
    if (swapped && fires) fired.push(rule.name);
  }
  return { fired };
}
