import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { groupEventNames, listEventNames } from "./listEventNames";
import { listUsers } from "./listUsers";
import { pickerOptions } from "./pickerOptions";
import { makeEvent } from "./testing";
import { seedEvents } from "../ingest/testing";

let database: TempDatabase;

beforeAll(async () => {
  database = await createTempDatabase();
  seedEvents(database, [
    // Parsec reports a user's current email; an older event may still carry the old one.
    makeEvent({ id: "a1", timestamp: "2026-01-01T00:00:00Z", user_id: 10, user_email: "old@example.jp", name: "team_create" }),
    makeEvent({ id: "a2", timestamp: "2026-02-01T00:00:00Z", user_id: 10, user_email: "new@example.jp", name: "conn_client_offer" }),
    makeEvent({ id: "a3", timestamp: "2026-03-01T00:00:00Z", user_id: 10, name: "conn_client_offer" }),
    makeEvent({ id: "b1", timestamp: "2026-01-05T00:00:00Z", user_id: 20, user_email: "anna.mueller@example.de", name: "guest_access_create" }),
    makeEvent({ id: "c1", timestamp: "2026-01-06T00:00:00Z", user_id: 30, name: "brand_new_thing" }),
    makeEvent({ id: "c2", timestamp: "2026-01-07T00:00:00Z", user_id: 3, name: "client_disconnect" }),
  ]);
});
afterAll(() => database?.close());

describe("listUsers", () => {
  it("gives each user once with the email of their latest event that had one, emails first", async () => {
    expect(await listUsers(database.db)).toEqual([
      { userId: 20, email: "anna.mueller@example.de", events: 1 },
      { userId: 10, email: "new@example.jp", events: 3 },
      { userId: 3, email: null, events: 1 },
      { userId: 30, email: null, events: 1 },
    ]);
  });
});

describe("listEventNames", () => {
  it("groups the stored names, unknown ones under other, with counts", async () => {
    expect(groupEventNames(await listEventNames(database.db))).toEqual([
      {
        group: "connection",
        label: "Connections",
        names: [
          { name: "client_disconnect", events: 1 },
          { name: "conn_client_offer", events: 2 },
        ],
      },
      {
        group: "admin",
        label: "Administration",
        names: [
          { name: "guest_access_create", events: 1 },
          { name: "team_create", events: 1 },
        ],
      },
      { group: "other", label: "Other", names: [{ name: "brand_new_thing", events: 1 }] },
    ]);
  });

  it("includes names a filter asks for that no stored event has", async () => {
    const groups = groupEventNames(await listEventNames(database.db), ["team_member_remove", "conn_client_offer"]);
    expect(groups.find((g) => g.group === "admin")?.names).toContainEqual({ name: "team_member_remove", events: 0 });
    expect(groups.find((g) => g.group === "connection")?.names.filter((n) => n.name === "conn_client_offer")).toEqual([
      { name: "conn_client_offer", events: 2 },
    ]);
  });
});

describe("pickerOptions", () => {
  it("keeps the lists until the number of events changes or ten minutes pass", async () => {
    const first = await pickerOptions(database.db, 1_000);
    expect(await pickerOptions(database.db, 2_000)).toBe(first);
    seedEvents(database, [makeEvent({ id: "d1", timestamp: "2026-04-01T00:00:00Z", user_id: 40, user_email: "new.member@example.jp" })]);
    const afterNewEvent = await pickerOptions(database.db, 3_000);
    expect(afterNewEvent).not.toBe(first);
    expect(afterNewEvent.users.map((u) => u.userId)).toContain(40);
    expect(await pickerOptions(database.db, 3_000 + 9 * 60_000)).toBe(afterNewEvent);
    expect(await pickerOptions(database.db, 3_000 + 10 * 60_000)).not.toBe(afterNewEvent);
  });

  it("answers with the previous lists while new ones are made, when asked to", async () => {
    const before = await pickerOptions(database.db, 100_000_000);
    seedEvents(database, [makeEvent({ id: "d2", timestamp: "2026-04-02T00:00:00Z", user_id: 41, user_email: "newer.member@example.jp" })]);
    expect(await pickerOptions(database.db, 100_000_001, { staleWhileRefreshing: true })).toBe(before);
    const after = await pickerOptions(database.db, 100_000_002);
    expect(after.users.map((u) => u.userId)).toContain(41);
    expect(await pickerOptions(database.db, 100_000_003, { staleWhileRefreshing: true })).toBe(after);
  });
});
