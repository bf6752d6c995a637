import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RuleInput } from "../../alertRules/ruleSchema";
import { makeEvent, type TestEvent } from "../../events/testing";
import { seedEvents } from "../../ingest/testing";
import { storeEvents } from "../../ingest/storeEvents";
import { createTempDatabase, type TempDatabase } from "../../store/testing";
import { muteRule, saveChannel, saveRule } from "../catalog/alertCatalog";
import { dryRunRule } from "./dryRunRule";
import { NEW_EVENTS_SQL } from "./evaluateStoredEvents";

let database: TempDatabase;
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  database.sqlite.exec(`DELETE FROM "Event"; DELETE FROM "EventSearch"; DELETE FROM "EventHourCount"; DELETE FROM "Alert"; DELETE FROM "AlertDelivery";
    DELETE FROM "AlertRule"; DELETE FROM "AlertChannel";`);
  await saveChannel(database.db, { name: "hook", type: "webhook", url: "http://127.0.0.1:9/hook" }, null);
});

const ENABLED_AT = "2026-06-01T00:00:00Z";
let sequence = 0;
/** Ids sort like times, as Parsec's KSUIDs do. */
function event(timestamp: string, fields: Partial<TestEvent> = {}): TestEvent {
  sequence += 1;
  return makeEvent({ id: `e${Date.parse(timestamp)}${String(sequence).padStart(6, "0")}`, timestamp, ...fields });
}
const failure = (timestamp: string, host: string) =>
  event(timestamp, { name: "p2p_client_complete", data: { exit_code: -6023, host_computer_name: host, attempt_id: `a-${sequence}` } });
const offer = (timestamp: string, userId: number, ip: string) =>
  event(timestamp, { name: "conn_client_offer", user_id: userId, data: { ip, host_computer_name: "render-01", attempt_id: `o-${sequence}` } });

async function addRule(input: RuleInput, enabledAt = ENABLED_AT) {
  return saveRule(database.db, { channels: ["hook"], enabled: true, ...input } as RuleInput, null, new Date(enabledAt));
}

function alerts() {
  return database.sqlite.prepare(`SELECT * FROM "Alert" ORDER BY "anchorAt", "id"`).all() as {
    id: number;
    groupKey: string;
    eventCount: number;
    eventIds: string;
    summary: string;
    facts: string | null;
    status: string;
    linkPath: string;
  }[];
}
const deliveries = () => database.sqlite.prepare(`SELECT * FROM "AlertDelivery"`).all() as { alertId: number; channelName: string; status: string }[];

describe("event rules", () => {
  it("fire once per newly stored event after the enabling, whatever the overlap re-reads or re-delivers", async () => {
    await addRule({ name: "API key created", kind: "event", match: { names: ["team_api_key_create"] } });
    const old = event("2026-05-31T23:59:59Z", { name: "team_api_key_create" });
    const fresh = event("2026-06-02T10:00:00Z", { name: "team_api_key_create", user_email: "mori@example.jp" });
    seedEvents(database, [old, fresh, event("2026-06-02T10:00:01Z", { name: "team_settings_update" })]);
    expect(alerts()).toHaveLength(1);
    // The overlap window reads both again; then Parsec re-delivers one with the user's new email.
    seedEvents(database, [old, fresh]);
    seedEvents(database, [{ ...fresh, user_email: "mori.new@example.jp" }]);
    const [alert] = alerts();
    expect(alerts()).toHaveLength(1);
    expect(JSON.parse(alert!.eventIds)).toEqual([fresh.id]);
    expect(alert!.summary).toBe("API key created: team_api_key_create by mori@example.jp (user 1) at 2026-06-02 10:00:00 UTC.");
    // The facts the log words for each reader: the first delivery's, not the re-delivered email.
    expect(JSON.parse(alert!.facts!)).toEqual({
      kind: "event",
      name: "team_api_key_create",
      actor: { id: 1, email: "mori@example.jp" },
      at: "2026-06-02T10:00:00.000Z",
      host: null,
    });
    expect(alert!.linkPath).toContain("/events?");
    expect(deliveries()).toEqual([expect.objectContaining({ alertId: alert!.id, channelName: "hook", status: "pending" })]);
  });

  it("a backfill or import of history from before the enabling fires nothing", async () => {
    await addRule({ name: "Role changed", kind: "event", match: { names: ["team_member_role_update"] } });
    const history = Array.from({ length: 50 }, (_, i) =>
      event(new Date(Date.parse(ENABLED_AT) - (i + 1) * 3_600_000).toISOString(), { name: "team_member_role_update" }),
    );
    seedEvents(database, history);
    expect(alerts()).toEqual([]);
  });

  it("an evaluation rolled back with its page is done again, once, when the page is stored again", async () => {
    await addRule({ name: "API key created", kind: "event", match: { names: ["team_api_key_create"] } });
    const page = [event("2026-06-02T10:00:00Z", { name: "team_api_key_create" })];
    expect(() =>
      database.sqlite.transaction(() => {
        storeEvents(database.sqlite, page, "test");
        throw new Error("killed before the checkpoint");
      })(),
    ).toThrow("killed");
    expect(alerts()).toEqual([]);
    seedEvents(database, page);
    seedEvents(database, page);
    expect(alerts()).toHaveLength(1);
  });

  it("narrow by users, an allow-list of users, and data fields", async () => {
    await addRule({
      name: "Admin action by an unexpected user",
      kind: "event",
      match: { names: ["team_member_remove"], notUsers: [1], data: [{ field: "role", op: "in", value: ["admin", "owner"] }] },
    });
    seedEvents(database, [
      event("2026-06-02T10:00:00Z", { name: "team_member_remove", user_id: 1, data: { role: "admin" } }),
      event("2026-06-02T10:00:01Z", { name: "team_member_remove", user_id: 2, data: { role: "member" } }),
      event("2026-06-02T10:00:02Z", { name: "team_member_remove", user_id: 2, data: { role: "admin" } }),
    ]);
    expect(alerts().map((a) => a.summary)).toEqual([expect.stringContaining("user 2")]);
  });

  it("a cooldown folds the rule's further matches into its last alert", async () => {
    await addRule({ name: "Guest added", kind: "event", cooldownMinutes: 30, match: { names: ["guest_access_create"] } });
    seedEvents(database, [event("2026-06-02T10:00:00Z", { name: "guest_access_create" }), event("2026-06-02T10:10:00Z", { name: "guest_access_create" })]);
    seedEvents(database, [event("2026-06-02T10:45:00Z", { name: "guest_access_create" })]);
    expect(alerts().map((a) => a.eventCount)).toEqual([2, 1]);
    expect(deliveries()).toHaveLength(2);
  });

  it("a muted rule's alerts are logged as muted and sent nowhere", async () => {
    const stored = await addRule({ name: "API key created", kind: "event", match: { names: ["team_api_key_create"] } });
    await muteRule(database.db, stored.id, new Date(Date.now() + 3_600_000));
    seedEvents(database, [event("2026-06-02T10:00:00Z", { name: "team_api_key_create" })]);
    expect(alerts().map((a) => a.status)).toEqual(["muted"]);
    expect(deliveries()).toEqual([]);
  });
});

describe("the cost per page", () => {
  it("reads only the page's new rows, by rowid, however long ago the earliest rule was enabled", () => {
    const plan = database.sqlite.prepare(`EXPLAIN QUERY PLAN ${NEW_EVENTS_SQL}`).all(0, 0) as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual(["SEARCH Event USING INTEGER PRIMARY KEY (rowid>?)"]);
  });
});

describe("threshold rules", () => {
  const burst = (start: string, host: string, count: number, stepSeconds = 30) =>
    Array.from({ length: count }, (_, i) => failure(new Date(Date.parse(start) + i * stepSeconds * 1000).toISOString(), host));

  it("fire once per group and window when the count is reached, in whatever order and pages the events come", async () => {
    await addRule({
      name: "Burst",
      kind: "threshold",
      match: { names: ["p2p_client_complete"], exit: "failure" },
      count: 10,
      windowMinutes: 15,
      groupBy: "host",
    });
    const events = burst("2026-06-02T10:00:00Z", "render-01", 14);
    // Newest first, in overlapping pages, as the sync may see them.
    const reversed = [...events].reverse();
    seedEvents(database, reversed.slice(0, 6));
    expect(alerts()).toEqual([]);
    seedEvents(database, reversed.slice(3, 11));
    seedEvents(database, reversed.slice(8));
    // Nine failures on another computer, and a success on the first one, are not a burst.
    seedEvents(database, burst("2026-06-02T10:00:00Z", "render-02", 9));
    seedEvents(database, [event("2026-06-02T10:05:00Z", { name: "p2p_client_complete", data: { exit_code: 0, host_computer_name: "render-01" } })]);
    const [alert] = alerts();
    expect(alerts()).toHaveLength(1);
    expect(alert!.groupKey).toBe("render-01");
    expect(alert!.eventCount).toBe(14);
    expect(alert!.summary).toContain("for host render-01 within 15 minutes");
    expect(alert!.linkPath).toContain("host=render-01");
  });

  it("a burst after the window has passed fires again", async () => {
    await addRule({
      name: "Burst",
      kind: "threshold",
      match: { names: ["p2p_client_complete"], exit: "failure" },
      count: 3,
      windowMinutes: 15,
      groupBy: "host",
    });
    seedEvents(database, burst("2026-06-02T10:00:00Z", "render-01", 3));
    seedEvents(database, burst("2026-06-02T11:00:00Z", "render-01", 3));
    seedEvents(database, burst("2026-06-02T11:00:00Z", "render-02", 3));
    expect(alerts().map((a) => [a.groupKey, a.eventCount])).toEqual([
      ["render-01", 3],
      ["render-01", 3],
      ["render-02", 3],
    ]);
  });

  it("counts events of the window stored before the enabling, but fires only for one after it", async () => {
    await addRule(
      { name: "Burst", kind: "threshold", match: { names: ["p2p_client_complete"], exit: "failure" }, count: 3, windowMinutes: 15 },
      "2026-06-02T10:01:30Z",
    );
    seedEvents(database, burst("2026-06-02T10:00:00Z", "render-01", 3));
    expect(alerts()).toEqual([]);
    seedEvents(database, burst("2026-06-02T10:02:00Z", "render-01", 1));
    expect(alerts().map((a) => a.eventCount)).toEqual([4]);
  });
});

describe("new-value rules", () => {
  it("fire for a user's first connection from an address within the look-back, once per user and address", async () => {
    seedEvents(database, [offer("2026-05-20T10:00:00Z", 7, "150.249.1.10")]);
    await addRule({ name: "New address", kind: "new-value", match: { names: ["conn_client_offer"] }, value: "ip", groupBy: "user", lookbackDays: 90 });
    seedEvents(database, [offer("2026-06-02T10:00:00Z", 7, "150.249.1.10"), offer("2026-06-02T11:00:00Z", 7, "203.0.113.5")]);
    seedEvents(database, [offer("2026-06-02T12:00:00Z", 7, "203.0.113.5"), offer("2026-06-02T12:00:00Z", 8, "150.249.1.10")]);
    expect(alerts().map((a) => a.summary)).toEqual([
      expect.stringContaining("user 7 used address 203.0.113.5"),
      expect.stringContaining("user 8 used address 150.249.1.10"),
    ]);
  });

  it("watch an address's /24, and forget what is older than the look-back", async () => {
    seedEvents(database, [offer("2026-05-30T10:00:00Z", 7, "150.249.1.10"), offer("2026-01-01T10:00:00Z", 7, "126.77.3.3")]);
    await addRule({ name: "New network", kind: "new-value", match: { names: ["conn_client_offer"] }, value: "ip-prefix", groupBy: "user", lookbackDays: 30 });
    seedEvents(database, [offer("2026-06-02T10:00:00Z", 7, "150.249.1.99"), offer("2026-06-02T11:00:00Z", 7, "126.77.3.3")]);
    expect(alerts().map((a) => a.summary)).toEqual([expect.stringContaining("network of 126.77.3.3")]);
  });
});

describe("schedule rules", () => {
  it("fire for matching events outside the working hours of the rule's zone", async () => {
    await addRule({
      name: "Off hours",
      kind: "schedule",
      match: { names: ["conn_client_offer"] },
      zone: "Asia/Tokyo",
      days: ["mon", "tue", "wed", "thu", "fri"],
      from: "09:00",
      to: "19:00",
    });
    seedEvents(database, [
      offer("2026-06-01T18:12:00Z", 7, "150.249.1.10"), // Tue 03:12 in Tokyo
      offer("2026-06-02T01:00:00Z", 7, "150.249.1.10"), // Tue 10:00
      offer("2026-06-06T01:00:00Z", 7, "150.249.1.10"), // Sat 10:00
    ]);
    expect(alerts().map((a) => a.summary)).toEqual([
      "Off hours: conn_client_offer by user 7 at Tue 2 Jun 03:12 (Asia/Tokyo), outside the working hours (Mon–Fri 09:00-19:00).",
      "Off hours: conn_client_offer by user 7 at Sat 6 Jun 10:00 (Asia/Tokyo), outside the working hours (Mon–Fri 09:00-19:00).",
    ]);
  });
});

describe("test against the last 30 days", () => {
  it("shows what a rule would have fired, grouped as it would be, and writes and sends nothing", async () => {
    const now = Date.parse("2026-06-10T00:00:00Z");
    seedEvents(database, [
      ...Array.from({ length: 4 }, (_, i) => failure(new Date(Date.parse("2026-06-05T10:00:00Z") + i * 60_000).toISOString(), "render-01")),
      ...Array.from({ length: 4 }, (_, i) => failure(new Date(Date.parse("2026-04-05T10:00:00Z") + i * 60_000).toISOString(), "render-01")),
    ]);
    const result = dryRunRule(
      database.sqlite,
      {
        name: "Burst",
        kind: "threshold",
        match: { names: ["p2p_client_complete"], exit: "failure" },
        count: 3,
        windowMinutes: 15,
        groupBy: "host",
        severity: "warning",
        channels: ["hook"],
        enabled: false,
        cooldownMinutes: 0,
      },
      now,
    );
    expect(result.alerts.map((a) => [a.groupKey, a.eventCount])).toEqual([["render-01", 4]]);
    expect(alerts()).toEqual([]);
  });
});
