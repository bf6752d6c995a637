import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RuleInput } from "../../alertRules/ruleSchema";
import { createTempDatabase, type TempDatabase } from "../../store/testing";
import { AlertConfigError, deleteChannel, deleteRule, muteRule, saveChannel, saveRule } from "./alertCatalog";

let database: TempDatabase;
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(() => database.close());
beforeEach(() => {
  database.sqlite.exec(`DELETE FROM "AlertRule"; DELETE FROM "AlertChannel";`);
});

const RULE: RuleInput = { name: "Raced", kind: "event", severity: "warning", match: { names: ["team_api_key_create"] }, enabled: true, channels: [] };

/** What each of several calls made at once came to: the value, or the refusal's reason and field problem. */
async function settle(calls: Promise<unknown>[]) {
  return (await Promise.allSettled(calls)).map((outcome) => {
    if (outcome.status === "fulfilled") return "saved";
    const error = outcome.reason as unknown;
    if (!(error instanceof AlertConfigError)) throw error;
    return `${error.reason}${error.conflict ? `:${error.conflict.code}` : ""}`;
  });
}

// Two admins (or two tabs) saving at once: the name checks and the write are apart, so the second
// write meets the first's row. It is refused as the check would have refused it, not a crash.
describe("the catalogue under writes made at once", () => {
  it("creates one rule of a name; the others are told the name is taken", async () => {
    const outcomes = await settle(Array.from({ length: 6 }, () => saveRule(database.db, RULE, null)));
    expect(outcomes.filter((o) => o === "saved")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "saved")).toEqual(Array(5).fill("conflict:name_taken"));
    expect(await database.db.alertRule.count()).toBe(1);
  });

  it("renames two rules to one name at once: one of them gets it", async () => {
    const a = await saveRule(database.db, { ...RULE, name: "A" }, null);
    const b = await saveRule(database.db, { ...RULE, name: "B" }, null);
    const outcomes = await settle([saveRule(database.db, { ...RULE, name: "C" }, a.id), saveRule(database.db, { ...RULE, name: "C" }, b.id)]);
    expect(outcomes.sort()).toEqual(["conflict:name_taken", "saved"]);
  });

  it("deletes a rule once; the other delete, a mute and an edit of it are told it is gone", async () => {
    const stored = await saveRule(database.db, RULE, null);
    expect((await settle([deleteRule(database.db, stored.id), deleteRule(database.db, stored.id)])).sort()).toEqual(["gone", "saved"]);
    expect(await settle([muteRule(database.db, stored.id, new Date()), saveRule(database.db, RULE, stored.id)])).toEqual(["gone", "gone"]);
  });

  it("creates one channel of a name, and deletes it once", async () => {
    const channel = { name: "hook", type: "webhook", url: "http://127.0.0.1:9/hook" } as const;
    const outcomes = await settle(Array.from({ length: 4 }, () => saveChannel(database.db, channel, null)));
    expect(outcomes.sort()).toEqual(["conflict:name_taken", "conflict:name_taken", "conflict:name_taken", "saved"]);
    const { id } = await database.db.alertChannel.findFirstOrThrow();
    expect((await settle([deleteChannel(database.db, id), deleteChannel(database.db, id)])).sort()).toEqual(["gone", "saved"]);
  });
});
