import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowParsecEvents, HOST_DEVICE, CLIENT_DEVICE } from "../connections/testing";
import { seedEvents } from "../ingest/testing";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { parseEventFilters } from "./eventFilters";
import { queryEvents } from "./queryEvents";
import type { TestEvent } from "./testing";

let database: TempDatabase;

const START = Date.parse("2026-03-02T09:00:00.000Z");
const flows = {
  // A computer with an owner: the host's events are recorded by the owner.
  owned: flowParsecEvents({ attemptId: "owned", startMs: START, clientUserId: 1001, hostUserId: 2002 }),
  // A shared team computer: its host-side events carry the connecting user's id, so only the devices tell.
  shared: flowParsecEvents({ attemptId: "shared", startMs: START + 3_600_000, clientUserId: 1001, hostUserId: 0 }),
  // Both sides on one device and one user: nothing tells the disconnects apart.
  same: flowParsecEvents({ attemptId: "same", startMs: START + 7_200_000, clientUserId: 1001, hostUserId: 0, hostDevice: CLIENT_DEVICE }),
};

beforeAll(async () => {
  database = await createTempDatabase();
  seedEvents(database, [...flows.owned, ...flows.shared, ...flows.same] as unknown as TestEvent[]);
});
afterAll(() => database.close());

async function perspectives(): Promise<Record<string, string | null>> {
  const page = await queryEvents(database.sqlite, { filters: parseEventFilters({}), limit: 50, order: "oldest", cursor: null });
  return Object.fromEntries(page.rows.map((row) => [row.id, row.perspective]));
}

describe("the side an event was recorded from", () => {
  it("labels each step of a connection by its side, disconnects by who recorded them or by their device", async () => {
    const sides = await perspectives();
    for (const attempt of ["owned", "shared"]) {
      expect(sides[`${attempt}:offer`]).toBe("client");
      expect(sides[`${attempt}:clientComplete`]).toBe("client");
      expect(sides[`${attempt}:relayed`]).toBe("host");
      expect(sides[`${attempt}:hostComplete`]).toBe("host");
      expect(sides[`${attempt}:clientDisconnect`], attempt).toBe("client");
      expect(sides[`${attempt}:hostDisconnect`], attempt).toBe("host");
    }
    // The shared computer's host-side disconnect carries the host's address: that is what it is labelled by.
    expect(flows.shared.find((e) => e.id === "shared:hostDisconnect")).toMatchObject({ data: { ip: HOST_DEVICE.ip } });
  });

  it("says nothing of a disconnect no evidence places", async () => {
    const sides = await perspectives();
    expect([sides["same:clientDisconnect"], sides["same:hostDisconnect"]]).toEqual([null, null]);
    expect(sides["same:relayed"]).toBe("host");
  });
});
