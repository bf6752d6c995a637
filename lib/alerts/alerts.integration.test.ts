import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RuleInput } from "../alertRules/ruleSchema";
import { zonedFields } from "../i18n/zonedTime";
import { startSyncFixture, type SyncFixture } from "../sync/testing";
import { BUILT_IN_RULES } from "../alertRules/builtInRules";
import { saveChannel, saveRule } from "./catalog/alertCatalog";
import { evaluateSyncHealth } from "./evaluation/syncHealth";
import { deliverDueAlerts, type DeliveryContext } from "./delivery/deliverDueAlerts";
import { SIGNATURE_HEADER } from "./delivery/sendToChannel";
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from "./testing";

/**
 * The whole path over real HTTP and real SQLite: the simulated Parsec injects each scenario, a sync
 * stores it, each rule fires once, and the webhook, Slack, Teams and SMTP receivers get the message.
 */

let f: SyncFixture;
let http: HttpReceiver;
let smtp: SmtpReceiver;
let context: DeliveryContext;
const SECRET = "integration-test-signing-secret";

const alerts = () =>
  f.sqlite.prepare(`SELECT "id", "ruleName", "groupKey", "eventCount", "eventIds", "summary" FROM "Alert" ORDER BY "id"`).all() as {
    id: number;
    ruleName: string;
    groupKey: string;
    eventCount: number;
    eventIds: string;
    summary: string;
  }[];
const postsTo = (path: string) => http.posts.filter((p) => p.path === path);

/** A one-hour span of working hours that now is outside of, in Tokyo. */
function hoursExcludingNow(): { from: string; to: string } {
  const hour = (zonedFields(Date.now(), "Asia/Tokyo").hour + 6) % 24;
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${pad(hour)}:00`, to: `${pad((hour + 1) % 24)}:00` };
}

beforeAll(async () => {
  f = await startSyncFixture({ events: 2_000 });
  http = await startHttpReceiver();
  smtp = await startSmtpReceiver();
  context = {
    viewerUrl: "https://audit.example.com",
    secrets: new Map([["ALERT_SECRET_HOOK", SECRET]]),
    smtp: { host: "127.0.0.1", port: smtp.port, tls: "none", user: null, password: null, from: "viewer@example.com" },
    timeoutMs: 5_000,
  };
  await saveChannel(f.db, { name: "hook", type: "webhook", url: `${http.url}/hook`, secretEnv: "ALERT_SECRET_HOOK" }, null);
  await saveChannel(f.db, { name: "slack", type: "slack", url: `${http.url}/slack` }, null);
  await saveChannel(f.db, { name: "teams", type: "teams", url: `${http.url}/teams` }, null);
  await saveChannel(f.db, { name: "mail", type: "email", to: ["admin@example.com"] }, null);
}, 60_000);
afterAll(async () => {
  await http?.close();
  await smtp?.close();
  await f?.close();
});

describe("alerts end to end", () => {
  it("a backfill of the history fires nothing; each injected scenario fires its rule once, delivered to every channel", async () => {
    // Two members of the simulated team: one connects from a new address, the other fails and works at night.
    const users = [...new Set([...f.sim.groundTruth()].filter((e) => e.name === "conn_client_offer").map((e) => e.user_id as number))];
    const [traveller, nightOwl] = users as [number, number];
    // Enabled a little before now, so that the injected events (a few minutes back) are after it,
    // while the generated history (months back) is before it.
    const enabledAt = new Date(Date.now() - 30 * 60_000);
    const rules: RuleInput[] = [
      { name: "API key created", kind: "event", match: { names: ["team_api_key_create"] }, channels: ["hook", "slack", "teams", "mail"], severity: "critical" },
      { name: "Role changed", kind: "event", match: { names: ["team_member_role_update"] }, channels: ["hook"] },
      { name: "Member added", kind: "event", match: { names: ["team_member_add"] }, channels: ["hook"] },
      {
        name: "New address",
        kind: "new-value",
        match: { names: ["conn_client_offer"], users: [traveller] },
        value: "ip",
        groupBy: "user",
        lookbackDays: 3650,
        channels: ["hook"],
      },
      {
        name: "Failure burst",
        kind: "threshold",
        match: { names: ["p2p_client_complete"], exit: "failure" },
        count: 10,
        windowMinutes: 15,
        groupBy: "host",
        channels: ["hook"],
      },
      {
        name: "Night use",
        kind: "schedule",
        match: { names: ["conn_client_offer"], users: [nightOwl] },
        zone: "Asia/Tokyo",
        days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        ...hoursExcludingNow(),
        cooldownMinutes: 60,
        channels: ["hook"],
      },
    ];
    for (const rule of rules) await saveRule(f.db, { ...rule, enabled: true }, null, enabledAt);

    await f.sync();
    expect(alerts()).toEqual([]);

    f.sim.injectScenario({ scenario: "api-key-created" });
    f.sim.injectScenario({ scenario: "role-change" });
    f.sim.injectScenario({ scenario: "member-added" });
    f.sim.injectScenario({ scenario: "new-ip", userId: traveller });
    f.sim.injectScenario({ scenario: "failure-burst", userId: nightOwl, count: 12 });
    f.sim.injectScenario({ scenario: "off-hours", userId: nightOwl });
    await f.sync();
    // The overlap window reads every injected event again: nothing more fires.
    await f.sync();

    const fired = alerts();
    expect(fired.map((a) => a.ruleName).sort()).toEqual(["API key created", "Failure burst", "Member added", "New address", "Night use", "Role changed"]);
    expect(fired.find((a) => a.ruleName === "Failure burst")!.eventCount).toBe(12);
    expect(fired.find((a) => a.ruleName === "New address")!.summary).toMatch(/used address 203\.0\.113\.\d+ for the first time/);
    // 13 connections of the night owl (the burst's and the night's), folded into one alert by the cooldown.
    expect(fired.find((a) => a.ruleName === "Night use")!.eventCount).toBe(13);

    expect(await deliverDueAlerts(f.db, context)).toEqual({ sent: 9, failed: 0, retrying: 0 });
    const hooks = postsTo("/hook");
    expect(hooks).toHaveLength(6);
    for (const post of hooks) {
      expect(post.headers[SIGNATURE_HEADER]).toBe(`sha256=${createHmac("sha256", SECRET).update(post.body).digest("hex")}`);
      const body = JSON.parse(post.body);
      expect(Object.keys(body)).toEqual(["rule", "severity", "summary", "eventIds", "url", "firedAt"]);
      expect(body.url).toMatch(/^https:\/\/audit\.example\.com\/events\?/);
      expect(new Date(body.firedAt).toISOString()).toBe(body.firedAt);
    }
    const key = JSON.parse(hooks.find((p) => JSON.parse(p.body).rule === "API key created")!.body);
    expect(key.eventIds).toHaveLength(1);
    expect(key.summary).toContain("team_api_key_create by");

    const [slack] = postsTo("/slack");
    expect(JSON.parse(slack!.body)).toMatchObject({ text: expect.stringContaining("API key created"), blocks: [{ type: "section" }] });
    const [teams] = postsTo("/teams");
    expect(JSON.parse(teams!.body)).toMatchObject({
      type: "message",
      attachments: [
        { contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard", actions: [{ type: "Action.OpenUrl", url: key.url }] } },
      ],
    });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(["admin@example.com"]);
    expect(smtp.messages[0]!.raw).toContain("API key created");
    expect(smtp.messages[0]!.raw).toContain(key.eventIds[0]);

    // Everything is recorded as sent; another pass sends nothing again.
    expect(await deliverDueAlerts(f.db, context)).toEqual({ sent: 0, failed: 0, retrying: 0 });
  }, 120_000);

  it("a channel that is down gets the notification when it is back, and a storm goes as one digest", async () => {
    http.posts.length = 0;
    http.failWith = 503;
    for (let i = 0; i < 6; i++) f.sim.injectScenario({ scenario: "api-key-created" });
    await f.sync();
    const outcome = await deliverDueAlerts(f.db, context);
    expect(outcome.retrying).toBe(6 * 3); // webhook, Slack and Teams refused each; the mail went
    const pending = f.sqlite.prepare(`SELECT "lastError", "nextAttemptAt" FROM "AlertDelivery" WHERE "status" = 'pending'`).all() as {
      lastError: string;
      nextAttemptAt: number;
    }[];
    expect(pending[0]!.lastError).toMatch(/answered 503/);
    expect(pending.every((p) => p.nextAttemptAt > Date.now())).toBe(true);

    http.failWith = null;
    // Not yet due: nothing is sent before the backoff has passed.
    expect((await deliverDueAlerts(f.db, context)).sent).toBe(0);
    const later = { ...context, now: () => Date.now() + 60 * 60_000 };
    expect(await deliverDueAlerts(f.db, later)).toEqual({ sent: 18, failed: 0, retrying: 0 });
    expect(postsTo("/hook")).toHaveLength(6);
    expect(postsTo("/slack")).toHaveLength(1);
    expect(JSON.parse(postsTo("/slack")[0]!.body).text).toBe("6 alerts from the Parsec audit-log viewer");
    expect(postsTo("/teams")).toHaveLength(1);
  }, 120_000);

  it("a sync refused by Parsec with 401 fires the sync-health rule, once, to its channel", async () => {
    http.posts.length = 0;
    const rule = BUILT_IN_RULES.find((r) => r.name === "Parsec refuses the API key")!;
    await saveRule(f.db, { ...rule, enabled: true, channels: ["hook"] } as RuleInput, null);
    await expect(f.sync({ api: { apiKey: "tapi_revoked.key" } })).rejects.toThrow(/401/);
    expect((await evaluateSyncHealth(f)).fired).toEqual(["Parsec refuses the API key"]);
    expect((await evaluateSyncHealth(f)).fired).toEqual([]);
    await deliverDueAlerts(f.db, context);
    expect(postsTo("/hook").map((p) => JSON.parse(p.body).summary)).toEqual([expect.stringContaining("Parsec rejected the API key (401 Unauthorized)")]);
  }, 60_000);
});
