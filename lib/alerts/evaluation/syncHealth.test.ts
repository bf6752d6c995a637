import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sentenceText } from "../../i18n/sentenceParts";
import { storedAlertSentence } from "../summary/alertSentence";
import { BUILT_IN_RULES } from "../../alertRules/builtInRules";
import type { RuleInput } from "../../alertRules/ruleSchema";
import { createTempDatabase, type TempDatabase } from "../../store/testing";
import { provisionAlerts, ProvisionedEntryError, saveChannel, saveRule, setRuleEnabled } from "../catalog/alertCatalog";
import { evaluateSyncHealth } from "./syncHealth";

let database: TempDatabase;
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  database.sqlite.exec(`DELETE FROM "SyncRun"; DELETE FROM "Alert"; DELETE FROM "AlertDelivery"; DELETE FROM "AlertRule"; DELETE FROM "AlertChannel";
    DELETE FROM "QuarantinedEvent"; DELETE FROM "SyncCheckpoint";`);
  await saveChannel(database.db, { name: "hook", type: "webhook", url: "http://127.0.0.1:9/hook" }, null);
});

const MINUTE = 60_000;
const T0 = Date.parse("2026-06-02T10:00:00Z");
const builtIn = (name: string) => ({ ...BUILT_IN_RULES.find((r) => r.name === name)!, enabled: true, channels: ["hook"] }) as RuleInput;
async function run(status: "succeeded" | "failed", startedAt: number, error: string | null = null) {
  await database.db.syncRun.create({
    data: { kind: "sync", trigger: "schedule", status, startedAt: new Date(startedAt), finishedAt: new Date(startedAt + 1000), error },
  });
}
const fired = () => database.sqlite.prepare(`SELECT "ruleName", "summary" FROM "Alert" ORDER BY "id"`).all() as { ruleName: string; summary: string }[];

describe("sync-health rules", () => {
  it("the sync failing for longer than N minutes fires once when it begins, and again only after it recovered and failed again", async () => {
    await saveRule(database.db, builtIn("Sync failing"), null);
    await run("succeeded", T0);
    await run("failed", T0 + 5 * MINUTE, "Parsec answered 503");
    expect((await evaluateSyncHealth(database, T0 + 20 * MINUTE)).fired).toEqual([]);
    await run("failed", T0 + 30 * MINUTE, "Parsec answered 503");
    expect((await evaluateSyncHealth(database, T0 + 36 * MINUTE)).fired).toEqual(["Sync failing"]);
    // Evaluated again, after the next run and on the timer, while it still fails: nothing more.
    await run("failed", T0 + 40 * MINUTE, "Parsec answered 503");
    expect((await evaluateSyncHealth(database, T0 + 41 * MINUTE)).fired).toEqual([]);
    expect((await evaluateSyncHealth(database, T0 + 42 * MINUTE)).fired).toEqual([]);
    await run("succeeded", T0 + 45 * MINUTE);
    expect((await evaluateSyncHealth(database, T0 + 46 * MINUTE)).fired).toEqual([]);
    await run("failed", T0 + 50 * MINUTE, "timeout");
    expect((await evaluateSyncHealth(database, T0 + 81 * MINUTE)).fired).toEqual(["Sync failing"]);
    expect(fired()[0]!.summary).toMatch(/^Sync failing: The sync has failed for 31 minutes \(2 runs\); the last error: Parsec answered 503/);
    expect(database.sqlite.prepare(`SELECT count(*) AS n FROM "AlertDelivery"`).get()).toEqual({ n: 2 });
  });

  it("a 401 or 403 from Parsec fires at once", async () => {
    await saveRule(database.db, builtIn("Parsec refuses the API key"), null);
    await run("failed", T0, "Parsec answered 503");
    expect((await evaluateSyncHealth(database, T0 + MINUTE)).fired).toEqual([]);
    await run("failed", T0 + 5 * MINUTE, "Parsec rejected the API key (401 Unauthorized). Check PARSEC_API_KEY");
    expect((await evaluateSyncHealth(database, T0 + 6 * MINUTE)).fired).toEqual(["Parsec refuses the API key"]);
  });

  it("quarantine growing fires for each growth by the threshold, measured from the enabling", async () => {
    const quarantine = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const hash = `h${Math.random()}`;
        await database.db.quarantinedEvent.create({
          data: { rawHash: hash, raw: "{}", reason: "test", source: "sync", firstSeenAt: new Date(), lastSeenAt: new Date() },
        });
      }
    };
    await quarantine(3);
    await saveRule(database.db, { ...builtIn("Quarantine growing"), threshold: 2 } as RuleInput, null);
    expect((await evaluateSyncHealth(database, T0)).fired).toEqual([]);
    await quarantine(1);
    expect((await evaluateSyncHealth(database, T0 + MINUTE)).fired).toEqual([]);
    await quarantine(1);
    expect((await evaluateSyncHealth(database, T0 + 2 * MINUTE)).fired).toEqual(["Quarantine growing"]);
    expect((await evaluateSyncHealth(database, T0 + 3 * MINUTE)).fired).toEqual([]);
    await quarantine(2);
    expect((await evaluateSyncHealth(database, T0 + 4 * MINUTE)).fired).toEqual(["Quarantine growing"]);
  });

  it("clocks apart fires when Parsec's clock and this machine's differ by more than the threshold", async () => {
    await saveRule(database.db, builtIn("Clocks apart"), null);
    await database.db.syncCheckpoint.create({ data: { teamId: "t", clockOffsetMs: 60_000, clockReadAt: new Date() } });
    expect((await evaluateSyncHealth(database, T0)).fired).toEqual([]);
    await database.db.syncCheckpoint.update({ where: { teamId: "t" }, data: { clockOffsetMs: -9 * 3_600_000 } });
    expect((await evaluateSyncHealth(database, T0 + MINUTE)).fired).toEqual(["Clocks apart"]);
    expect(fired()[0]!.summary).toBe("Clocks apart: This machine's clock is 32,400 s ahead of Parsec's.");
    // The log words the same facts in Japanese.
    const [row] = database.sqlite.prepare(`SELECT "facts", "summary" FROM "Alert"`).all() as { facts: string; summary: string }[];
    expect(sentenceText(storedAlertSentence(row!, "ja").parts, "ja", "Asia/Tokyo")).toBe("このマシンの時計は Parsec より 32,400 秒進んでいます。");
  });

  it("two evaluations at once fire a condition once", async () => {
    await saveRule(database.db, builtIn("Parsec refuses the API key"), null);
    await run("failed", T0, "The API key lacks the Access Audit Log permission (403 Forbidden).");
    const outcomes = await Promise.all([evaluateSyncHealth(database, T0 + MINUTE), evaluateSyncHealth(database, T0 + MINUTE)]);
    expect(outcomes.flatMap((o) => o.fired)).toEqual(["Parsec refuses the API key"]);
    expect(fired()).toHaveLength(1);
  });
});

describe("provisioned rules", () => {
  it("are read-only, follow the file at every start, and keep their enabling time across restarts", async () => {
    const file = {
      channels: [{ name: "ops", type: "slack" as const, url: "https://hooks.slack.com/services/x" }],
      rules: [
        { ...(builtIn("API key created") as object), channels: ["ops"], name: "Key", enabled: true, severity: "critical" as const, cooldownMinutes: 0 },
      ] as never,
    };
    await provisionAlerts(database.db, file, new Date(T0));
    const [rule] = await database.db.alertRule.findMany({ where: { name: "Key" } });
    expect(rule).toMatchObject({ provisioned: true, enabled: true, enabledAt: new Date(T0) });
    await expect(saveRule(database.db, builtIn("API key created"), rule!.id)).rejects.toThrow(ProvisionedEntryError);
    await expect(setRuleEnabled(database.db, rule!.id, false)).rejects.toThrow(/ALERT_RULES_FILE/);
    await provisionAlerts(database.db, file, new Date(T0 + 3_600_000));
    expect((await database.db.alertRule.findUniqueOrThrow({ where: { name: "Key" } })).enabledAt).toEqual(new Date(T0));
    await provisionAlerts(database.db, { channels: [], rules: [] });
    expect(await database.db.alertRule.count({ where: { provisioned: true } })).toBe(0);
    expect(await database.db.alertChannel.count({ where: { name: "ops" } })).toBe(0);
  });
});
