import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor, eventCursorSchema } from "../events/eventCursor";
import { seedEvents } from "../ingest/testing";
import { seededRandom, parseCsv, type TestEvent } from "../events/testing";
import { connectionsHref, searchParamsRecord } from "../explorerUrl/explorerHref";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { connectionFiltersToParams, parseConnectionFilters, type ConnectionFilters } from "./connectionFilters";
import type { ConnectionListRow } from "./connectionRow";
import { exportConnections } from "./exportConnections";
import { countConnections, queryConnections } from "./queryConnections";
import { timelineConnections } from "./timelineConnections";
import { flowParsecEvents, type FlowSpec } from "./testing";

const HOSTS = ["render-01 🎬", "レンダリング-01", "OFFICE\\yui", '100% "quoted" host'];
const USERS = [1001, 1002, 1003];
const START = Date.parse("2026-03-02T00:00:00.000Z");
const NOW = START + 20 * 86_400_000;
const emailOf = (userId: number) => (userId === 1001 ? "田中@example.jp" : null);

/** Attempts of every kind, several starting in the same millisecond (the keyset's tie-break). */
function specs(): Required<Pick<FlowSpec, "attemptId" | "startMs" | "clientUserId" | "hostComputerName" | "failure" | "duration">>[] {
  const random = seededRandom(7);
  return Array.from({ length: 90 }, (_, i) => ({
    attemptId: `attempt-${String(1000 - i).padStart(4, "0")}-${Math.floor(random() * 1e6)}`,
    // Every fifth attempt shares its start with the one before.
    startMs: START + (i % 5 === 1 ? i - 1 : i) * 3_600_000,
    clientUserId: USERS[i % USERS.length]!,
    hostComputerName: HOSTS[Math.floor(random() * HOSTS.length)]!,
    failure: i % 7 === 0 ? -6023 : i % 11 === 0 ? 8 : 0,
    duration: 30 + Math.floor(random() * 7200),
  }));
}

const decodeCursor = (text: string) => eventCursorSchema.parse(text);

let database: TempDatabase;
let all: ReturnType<typeof specs>;

beforeAll(async () => {
  database = await createTempDatabase();
  all = specs();
  const events = all.flatMap((spec) => flowParsecEvents(spec)) as unknown as TestEvent[];
  seedEvents(database, events);
});
afterAll(() => database.close());

async function allPages(filters: ConnectionFilters, order: "newest" | "oldest", limit = 25): Promise<ConnectionListRow[][]> {
  const pages: ConnectionListRow[][] = [];
  let cursor = null;
  for (;;) {
    const page = await queryConnections(database.db, { filters, limit, order, cursor, nowMs: NOW }, emailOf);
    pages.push(page.rows);
    if (!page.nextCursor) return pages;
    cursor = decodeCursor(page.nextCursor);
  }
}

/** The reference: the same filter written plainly over the attempts as built. */
function reference(predicate: (spec: (typeof all)[number]) => boolean): string[] {
  return all
    .filter(predicate)
    .map((spec) => spec.attemptId)
    .sort();
}

describe("queryConnections", () => {
  it("pages by keyset through every connection exactly once, newest first, ties broken by attempt id", async () => {
    const filters = parseConnectionFilters({});
    const pages = await allPages(filters, "newest");
    const rows = pages.flat();
    expect(rows.map((row) => row.attemptId).sort()).toEqual(reference(() => true));
    const keys = rows.map((row) => [Date.parse(row.startedAt), row.attemptId] as const);
    for (let i = 1; i < keys.length; i++) {
      const [[at0, id0], [at1, id1]] = [keys[i - 1]!, keys[i]!];
      expect(at0 > at1 || (at0 === at1 && id0 > id1)).toBe(true);
    }
    expect(await countConnections(database.db, filters, NOW)).toBe(all.length);
  });

  it("walks back with the previous-page cursors to exactly the pages it came through", async () => {
    const filters = parseConnectionFilters({});
    const forward = await allPages(filters, "oldest", 20);
    const last = forward.at(-1)!;
    let page = await queryConnections(database.db, { filters, limit: 20, order: "oldest", cursor: decodeCursor(lastCursorOf(forward)), nowMs: NOW }, emailOf);
    expect(page.rows.map((r) => r.attemptId)).toEqual(last.map((r) => r.attemptId));
    for (let index = forward.length - 2; index >= 0; index--) {
      page = await queryConnections(database.db, { filters, limit: 20, order: "oldest", cursor: decodeCursor(page.previousCursor!), nowMs: NOW }, emailOf);
      expect(page.rows.map((r) => r.attemptId)).toEqual(forward[index]!.map((r) => r.attemptId));
    }
    expect(page.previousCursor).toBeNull();
  });

  it.each([
    ["user", { user: ["1001", "1003"] }, (s: (typeof all)[number]) => s.clientUserId === 1001 || s.clientUserId === 1003],
    ["not_user", { not_user: "1001" }, (s: (typeof all)[number]) => s.clientUserId !== 1001],
    ["a Japanese host", { host: "レンダリング-01" }, (s: (typeof all)[number]) => s.hostComputerName === "レンダリング-01"],
    [
      "hosts with emoji, quotes and %",
      { host: ["render-01 🎬", '100% "quoted" host'] },
      (s: (typeof all)[number]) => s.hostComputerName.startsWith("render") || s.hostComputerName.startsWith("100%"),
    ],
    ["status failed", { status: "failed" }, (s: (typeof all)[number]) => s.failure !== 0],
    ["status ended", { status: "ended" }, (s: (typeof all)[number]) => s.failure === 0],
    ["exit success", { exit: "success" }, (s: (typeof all)[number]) => s.failure === 0],
    ["exit failure", { exit: "failure" }, (s: (typeof all)[number]) => s.failure !== 0],
    ["a specific exit code", { exit: "-6023" }, (s: (typeof all)[number]) => s.failure === -6023],
    ["not_host", { not_host: "レンダリング-01" }, (s: (typeof all)[number]) => s.hostComputerName !== "レンダリング-01"],
    ["not_status failed", { not_status: "failed" }, (s: (typeof all)[number]) => s.failure === 0],
    ["not_exit a code", { not_exit: "-6023" }, (s: (typeof all)[number]) => s.failure !== -6023],
    ["status and not_exit", { status: ["failed", "ended"], not_exit: "success" }, (s: (typeof all)[number]) => s.failure !== 0],
    ["a duration range", { min_duration: "10m", max_duration: "1h" }, (s: (typeof all)[number]) => s.failure === 0 && s.duration >= 600 && s.duration <= 3600],
    [
      "a time range with a user",
      { from: "2026-03-03T00:00:00Z", to: "2026-03-04T00:00:00.000+09:00", user: "1002" },
      (s: (typeof all)[number]) =>
        s.startMs >= Date.parse("2026-03-03T00:00:00Z") && s.startMs <= Date.parse("2026-03-03T15:00:00Z") && s.clientUserId === 1002,
    ],
  ])("filters by %s exactly as a plain reference filter, and counts the same", async (_name, raw, predicate) => {
    const filters = parseConnectionFilters(raw);
    const rows = (await allPages(filters, "newest")).flat();
    const expected = reference(predicate);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.attemptId).sort()).toEqual(expected);
    expect(await countConnections(database.db, filters, NOW)).toBe(expected.length);
  });

  it("exports exactly the filtered set, oldest first", async () => {
    const filters = parseConnectionFilters({ host: "レンダリング-01" });
    let csv = "";
    const count = await exportConnections(database.db, filters, "csv", { nowMs: NOW, emailOf }, (chunk) => {
      csv += chunk;
    });
    const [header, ...rows] = parseCsv(csv);
    expect(header![0]).toBe("attempt_id");
    expect(rows).toHaveLength(count);
    expect(rows.map((row) => row[0]).sort()).toEqual(reference((s) => s.hostComputerName === "レンダリング-01"));
    expect(new Set(rows.map((row) => row[header!.indexOf("host_computer_name")]))).toEqual(new Set(["レンダリング-01"]));
    const started = rows.map((row) => Date.parse(row[2]!));
    expect(started).toEqual([...started].sort((a, b) => a - b));
  });
});

describe("timelineConnections", () => {
  it("holds every connection of the user that overlaps the window, those begun before it included", async () => {
    // The window opens in the middle of one of the user's longer sessions.
    const long = all.find((s) => s.clientUserId === 1002 && s.failure === 0 && s.duration > 1800 && s.startMs > START + 24 * 3_600_000)!;
    const window = { startMs: long.startMs + 900_000, endMs: long.startMs + 900_000 + 86_400_000 };
    const rows = timelineConnections(database.sqlite, { userId: 1002 }, window, NOW, emailOf);
    // Built flows: offer at start, completion 3 s later, disconnect 5 s + duration after the start.
    const endOf = (s: (typeof all)[number]) => (s.failure !== 0 ? s.startMs + 3_100 : s.startMs + 5_400 + s.duration * 1000);
    const expected = reference((s) => s.clientUserId === 1002 && s.startMs < window.endMs && endOf(s) >= window.startMs);
    expect(expected.some((id) => all.find((s) => s.attemptId === id)!.startMs < window.startMs)).toBe(true);
    expect(rows.map((row) => row.attemptId).sort()).toEqual(expected);
    const byHost = timelineConnections(database.sqlite, { hostComputerName: "render-01 🎬" }, window, NOW, emailOf);
    expect(byHost.map((row) => row.attemptId).sort()).toEqual(
      reference((s) => s.hostComputerName === "render-01 🎬" && s.startMs < window.endMs && endOf(s) >= window.startMs),
    );
  });
});

describe("connection filters", () => {
  it("round-trip through the URL", () => {
    const cases = [
      {},
      { user: ["1", "2"], not_user: "3", status: ["failed", "active"], exit: ["failure", "-6023"] },
      {
        host: ["レンダリング-01", 'Dev "Beast" 🎬', "100%"],
        min_duration: "90",
        max_duration: "1.5h",
        from: "2026-01-01T00:00:00.123456+09:00",
        to: "2026-01-02T00:00:00Z",
      },
    ];
    for (const raw of cases) {
      const filters = parseConnectionFilters(raw);
      const url = connectionsHref(connectionFiltersToParams(filters));
      expect(parseConnectionFilters(searchParamsRecord(new URL(url, "http://x").searchParams))).toEqual(filters);
    }
  });

  it("name what is wrong", () => {
    expect(() => parseConnectionFilters({ status: "sleeping" })).toThrow(/^status must be one of connecting, failed, active, stale, ended, incomplete/);
    expect(() => parseConnectionFilters({ min_duration: "5 minutes" })).toThrow(/^min_duration must be a duration such as 90/);
    expect(() => parseConnectionFilters({ min_duration: "2h", max_duration: "1h" })).toThrow(/min_duration must not be more than max_duration/);
    expect(() => parseConnectionFilters({ user: "bob" })).toThrow(/^user must be a Parsec user id/);
    expect(parseConnectionFilters({ min_duration: "90s", max_duration: "1.5h" })).toMatchObject({ minDurationSeconds: 90, maxDurationSeconds: 5400 });
  });
});

function lastCursorOf(pages: ConnectionListRow[][]): string {
  // The last page starts just after the second-last page's last row.
  const beforeLast = pages.at(-2)!.at(-1)!;
  return encodeCursor({ direction: "after", at: Date.parse(beforeLast.startedAt), id: beforeLast.attemptId });
}
