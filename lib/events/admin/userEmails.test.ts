import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedEvents } from "../../ingest/testing";
import { createTempDatabase, type TempDatabase } from "../../store/testing";
import { findEventDetail } from "../eventDetail";
import { parseEventFilters } from "../eventFilters";
import { queryEvents } from "../queryEvents";
import { makeEvent } from "../testing";
import { userEmails } from "./userEmails";

let database: TempDatabase;

beforeAll(async () => {
  database = await createTempDatabase();
  seedEvents(database, [
    // yuki's email is known from their own (older, then newer) events, never from the admin event.
    makeEvent({ id: "e1", timestamp: "2026-03-01T00:00:00.000Z", user_id: 502, user_email: "old.yuki@example.jp" }),
    makeEvent({ id: "e2", timestamp: "2026-03-02T00:00:00.000Z", user_id: 502, user_email: "yuki.inoue@example.jp" }),
    makeEvent({ id: "e3", timestamp: "2026-03-03T00:00:00.000Z", user_id: 503 }),
    makeEvent({
      id: "e4",
      timestamp: "2026-03-04T00:00:00.000Z",
      name: "team_member_role_update",
      user_id: 501,
      user_email: "naoki.tanaka@example.jp",
      data: { member_email: "", member_user_id: 502, old_role: "member", new_role: "admin" },
    }),
    makeEvent({ id: "e5", timestamp: "2026-03-05T00:00:00.000Z", name: "team_member_remove", user_id: 501, data: { member_user_id: 503 } }),
  ]);
});
afterAll(() => database.close());

describe("the emails a page of summaries names", () => {
  it("finds each user's latest email in one query, and leaves out users with none", () => {
    expect(userEmails(database.sqlite, [502, 503, 502, 999, 501])).toEqual(
      new Map([
        [502, "yuki.inoue@example.jp"],
        [501, "naoki.tanaka@example.jp"],
      ]),
    );
    expect(userEmails(database.sqlite, [])).toEqual(new Map());
  });

  it("summarises the explorer's rows and an opened event with them", async () => {
    const page = await queryEvents(database.sqlite, { filters: parseEventFilters({}), limit: 10, order: "newest", cursor: null });
    const byId = new Map(page.rows.map((row) => [row.id, row.summary]));
    expect(byId.get("e4")).toMatchObject({
      actor: { userId: 501, email: "naoki.tanaka@example.jp" },
      action: "update",
      subject: "role",
      target: { user: { userId: 502, email: "yuki.inoue@example.jp" } },
      change: { from: "member", to: "admin" },
    });
    // The actor's email comes from their other events when this one carried none.
    expect(byId.get("e5")).toMatchObject({ actor: { email: "naoki.tanaka@example.jp" }, target: { user: { userId: 503, email: null } } });
    expect(byId.get("e1")).toBeNull();
    expect(findEventDetail(database.sqlite, "e4")!.row.summary).toEqual(byId.get("e4"));
  });
});
