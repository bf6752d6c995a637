/**
 * Keyset paging of the explorer on a real SQLite file: every page walk, forward and back, in both
 * orders, returns each matching event exactly once, including runs of identical timestamps and
 * timestamps that differ only below the millisecond.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import type { EventOrder, EventSort } from "../explorerUrl/explorerParams";
import { compareInstants, parseEventFilters, type EventFilters } from "./eventFilters";
import { countEvents } from "./countEvents";
import { encodeCursor, eventCursorSchema } from "./eventCursor";
import { findEventDetail } from "./eventDetail";
import { exitCodeViewsOf } from "../parsec/exitCodeView";
import { queryEvents } from "./queryEvents";
import { makeEvent, seededRandom, type TestEvent } from "./testing";
import { seedEvents } from "../ingest/testing";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const NAMES = ["conn_client_offer", "p2p_client_complete", "client_disconnect", "team_member_add", "no_such_event"];
const HOSTS = ["レンダリング-01", "EDIT-BAY-02", 'Dev "Beast" 03', "OFFICE\\koji 🖥️"];

let database: TempDatabase;
let events: TestEvent[];

function makeHistory(): TestEvent[] {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const ids = new Set<string>();
  const newId = () => {
    let id: string;
    do id = Array.from({ length: 27 }, () => pick([...BASE62])).join("");
    while (ids.has(id));
    ids.add(id);
    return id;
  };
  const timestamps = [
    // A burst recorded in one and the same instant...
    ...Array.from({ length: 60 }, () => "2026-03-01T00:00:00.000Z"),
    // ...one millisecond told apart only by the digits after it...
    ...Array.from({ length: 40 }, (_, i) => `2026-03-01T01:00:00.000${String(i * 20).padStart(3, "0")}Z`),
    // ...and a spread with collisions.
    ...Array.from({ length: 140 }, () => new Date(Date.parse("2026-03-01T02:00:00Z") + Math.floor(random() * 100) * 60_000).toISOString()),
  ];
  return timestamps.map((timestamp, i) => {
    const user = 1 + Math.floor(random() * 5);
    const exit = pick([0, 0, -6023, 112, null]);
    return makeEvent({
      id: newId(),
      timestamp,
      name: pick(NAMES),
      user_id: user,
      ...(user === 5 ? {} : { user_email: `user${user}@example.jp` }),
      data: {
        // Some events have no host computer (as administrative ones): sorting puts them first going up.
        ...(i % 9 === 4 ? {} : { host_computer_name: pick(HOSTS) }),
        attempt_id: `attempt-${i % 30}`,
        ip: `150.249.0.${i % 7}`,
        ...(exit === null ? {} : { exit_code: exit }),
        note: i % 50 === 0 ? "100% done_ok" : "fine",
      },
    });
  });
}

beforeAll(async () => {
  database = await createTempDatabase();
  events = makeHistory();
  seedEvents(database, events);
});
afterAll(() => database?.close());

/** The explorer's order: occurredAt (milliseconds), then id in byte order. */
function expectedIds(matching: (e: TestEvent) => boolean, order: EventOrder): string[] {
  const sorted = events
    .filter(matching)
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => e.id);
  return order === "newest" ? sorted.reverse() : sorted;
}

async function pagesForward(filters: EventFilters, order: EventOrder, limit: number, sort: EventSort = "time") {
  const pages: string[][] = [];
  const previousCursors: (string | null)[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await queryEvents(database.sqlite, { filters, limit, order, sort, cursor: cursor ? eventCursorSchema.parse(cursor) : null });
    pages.push(page.rows.map((row) => row.id));
    previousCursors.push(page.previousCursor);
    if (!page.nextCursor) return { pages, previousCursors };
    if (pages.length > events.length) throw new Error("paging does not end");
    expect(page.rows).toHaveLength(limit);
    cursor = page.nextCursor;
  }
}

async function pagesBackward(from: string | null, filters: EventFilters, order: EventOrder, limit: number, sort: EventSort = "time") {
  const pages: string[][] = [];
  let cursor = from;
  while (cursor) {
    const page = await queryEvents(database.sqlite, { filters, limit, order, sort, cursor: eventCursorSchema.parse(cursor) });
    pages.unshift(page.rows.map((row) => row.id));
    if (pages.length > events.length) throw new Error("paging back does not end");
    cursor = page.previousCursor;
  }
  return pages;
}

const all = parseEventFilters({});

describe("queryEvents", () => {
  it.each([
    ["newest", 1],
    ["newest", 7],
    ["newest", 50],
    ["oldest", 25],
    ["oldest", 200],
  ] as const)("pages %s first, %i a page: forward and back, nothing missed or repeated", async (order, limit) => {
    const { pages, previousCursors } = await pagesForward(all, order, limit);
    expect(pages.flat()).toEqual(expectedIds(() => true, order));
    expect(previousCursors[0]).toBeNull();
    // Back from the last page, page by page, to the first: the same pages.
    const back = await pagesBackward(previousCursors.at(-1) ?? null, all, order, limit);
    expect([...back, pages.at(-1)]).toEqual(pages);
  });

  /** A sort column's value of a test event, as stored (null where the event has none). */
  const sortValue: Record<Exclude<EventSort, "time">, (e: TestEvent) => string | number | null> = {
    name: (e) => e.name,
    user: (e) => e.user_id,
    host: (e) => (e.data.host_computer_name as string | undefined) ?? null,
    exit: (e) => (e.data.exit_code as number | undefined) ?? null,
  };
  /** SQLite's order: NULL lowest, numbers by value, text by bytes; then time and id. */
  const compareKeys = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

  it.each([
    ["name", "oldest", 9],
    ["name", "newest", 9],
    ["user", "newest", 13],
    ["user", "oldest", 13],
    ["host", "oldest", 11],
    ["host", "newest", 11],
    ["exit", "oldest", 6],
    ["exit", "newest", 6],
  ] as const)("sorts by %s (%s first), %i a page: forward and back, ties broken by time and id", async (sort, order, limit) => {
    const value = sortValue[sort];
    const sorted = [...events]
      .sort((a, b) => compareKeys(value(a), value(b)) || Date.parse(a.timestamp) - Date.parse(b.timestamp) || compareKeys(a.id, b.id))
      .map((e) => e.id);
    const expected = order === "newest" ? sorted.reverse() : sorted;
    const { pages, previousCursors } = await pagesForward(all, order, limit, sort);
    expect(pages.flat()).toEqual(expected);
    const back = await pagesBackward(previousCursors.at(-1) ?? null, all, order, limit, sort);
    expect([...back, pages.at(-1)]).toEqual(pages);
    // With a filter too (a sub-millisecond bound makes the exact check run as well).
    const filters = parseEventFilters({ from: "2026-03-01T01:00:00.000200Z", exit: ["success", "-6023"] });
    const filtered = (await pagesForward(filters, order, limit, sort)).pages.flat();
    const matching = new Set(
      events
        .filter((e) => compareInstants(e.timestamp, "2026-03-01T01:00:00.000200Z") >= 0 && [0, -6023].includes(e.data.exit_code as number))
        .map((e) => e.id),
    );
    expect(filtered).toEqual(expected.filter((id) => matching.has(id)));
  });

  it("counts every stored event when nothing is filtered", async () => {
    expect(await countEvents(database.sqlite, all)).toEqual({ count: events.length, exact: true });
  });

  it("pages through one instant shared by 60 events", async () => {
    const instant = parseEventFilters({ from: "2026-03-01T00:00:00Z", to: "2026-03-01T00:00:00Z" });
    const { pages } = await pagesForward(instant, "newest", 7);
    expect(pages).toHaveLength(9);
    expect(pages.flat()).toEqual(expectedIds((e) => e.timestamp === "2026-03-01T00:00:00.000Z", "newest"));
  });

  it("applies sub-millisecond bounds exactly and still fills every page", async () => {
    const from = "2026-03-01T01:00:00.000200Z";
    const to = "2026-03-01T01:00:00.000500Z";
    const filters = parseEventFilters({ from, to });
    const inRange = (e: TestEvent) => compareInstants(e.timestamp, from) >= 0 && compareInstants(e.timestamp, to) <= 0;
    const { pages } = await pagesForward(filters, "oldest", 4);
    expect(pages.flat()).toEqual(expectedIds(inRange, "oldest"));
    expect(pages.flat()).toHaveLength(16);
    // The database alone would count all 40 events of that millisecond.
    expect(await countEvents(database.sqlite, filters)).toEqual({ count: 16, exact: true });
  });

  it("takes % and _ in the search literally", async () => {
    const filters = parseEventFilters({ q: "100% done_" });
    const { pages } = await pagesForward(filters, "newest", 2);
    const expected = expectedIds((e) => JSON.stringify(e.data).includes("100% done_"), "newest");
    expect(expected.length).toBeGreaterThan(2);
    expect(pages.flat()).toEqual(expected);
    expect(await countEvents(database.sqlite, filters)).toEqual({ count: expected.length, exact: true });
  });

  const dataOf = (e: TestEvent) => e.data as { host_computer_name: string; attempt_id: string; ip: string; exit_code?: number };
  it.each([
    ["user", { user: ["1", "3"] }, (e: TestEvent) => e.user_id === 1 || e.user_id === 3],
    ["not_user", { not_user: ["1", "5"] }, (e: TestEvent) => e.user_id !== 1 && e.user_id !== 5],
    ["user and not_user", { user: ["1", "2"], not_user: "2" }, (e: TestEvent) => e.user_id === 1],
    ["name", { name: ["no_such_event", "team_member_add"] }, (e: TestEvent) => ["no_such_event", "team_member_add"].includes(e.name)],
    ["host", { host: "レンダリング-01" }, (e: TestEvent) => dataOf(e).host_computer_name === "レンダリング-01"],
    ["exit failure", { exit: "failure" }, (e: TestEvent) => dataOf(e).exit_code !== undefined && dataOf(e).exit_code !== 0],
    ["exit code or success", { exit: ["-6023", "success"] }, (e: TestEvent) => dataOf(e).exit_code === -6023 || dataOf(e).exit_code === 0],
    // Leaving a value out keeps the events that have no host, or no exit code, at all.
    ["not_name", { not_name: ["client_disconnect", "no_such_event"] }, (e: TestEvent) => !["client_disconnect", "no_such_event"].includes(e.name)],
    ["not_host", { not_host: "レンダリング-01" }, (e: TestEvent) => dataOf(e).host_computer_name !== "レンダリング-01"],
    ["not_exit failure", { not_exit: "failure" }, (e: TestEvent) => dataOf(e).exit_code === undefined || dataOf(e).exit_code === 0],
    ["not_exit a code", { not_exit: ["-6023", "112"] }, (e: TestEvent) => dataOf(e).exit_code !== -6023 && dataOf(e).exit_code !== 112],
    [
      "host and not_host",
      { host: ["レンダリング-01", "EDIT-BAY-02"], not_host: "EDIT-BAY-02" },
      (e: TestEvent) => dataOf(e).host_computer_name === "レンダリング-01",
    ],
    ["attempt", { attempt: ["attempt-3", "attempt-4"] }, (e: TestEvent) => ["attempt-3", "attempt-4"].includes(dataOf(e).attempt_id)],
    ["ip", { ip: "150.249.0.2" }, (e: TestEvent) => dataOf(e).ip === "150.249.0.2"],
    ["q on email", { q: "USER2@example" }, (e: TestEvent) => e.user_email === "user2@example.jp"],
    // JSON escapes these in `data`, which the search index holds: the raw columns must still match.
    ["q with a quote", { q: 'dev "beast" 0' }, (e: TestEvent) => dataOf(e).host_computer_name === 'Dev "Beast" 03'],
    ["q with a backslash and an emoji", { q: "OFFICE\\koji 🖥️" }, (e: TestEvent) => dataOf(e).host_computer_name === "OFFICE\\koji 🖥️"],
    [
      "everything at once",
      { user: ["1", "2", "3"], name: ["client_disconnect", "conn_client_offer"], exit: "success", from: "2026-03-01T02:30:00Z" },
      (e: TestEvent) =>
        e.user_id <= 3 && ["client_disconnect", "conn_client_offer"].includes(e.name) && dataOf(e).exit_code === 0 && e.timestamp >= "2026-03-01T02:30:00",
    ],
  ] as const)("filters by %s: exactly the rows a reference filter selects, and counts them", async (_what, raw, matching) => {
    const filters = parseEventFilters(raw);
    const expected = expectedIds(matching, "newest");
    expect(expected.length).toBeGreaterThan(0);
    expect((await pagesForward(filters, "newest", 25)).pages.flat()).toEqual(expected);
    expect(await countEvents(database.sqlite, filters)).toEqual({ count: expected.length, exact: true });
  });

  it("turns a short page before a cursor into a full first page", async () => {
    const order = "newest";
    const second = expectedIds(() => true, order)[3]!;
    const row = events.find((e) => e.id === second)!;
    // Only three events precede this one: asking for ten before it shows the first ten.
    const page = await queryEvents(database.sqlite, {
      filters: all,
      limit: 10,
      order,
      cursor: { direction: "before", at: Date.parse(row.timestamp), id: row.id },
    });
    expect(page.rows.map((r) => r.id)).toEqual(expectedIds(() => true, order).slice(0, 10));
    expect(page.previousCursor).toBeNull();
  });

  it("hands the browser plain rows of the table's columns, and the whole event in Parsec's shape when a row opens", async () => {
    const page = await queryEvents(database.sqlite, { filters: parseEventFilters({ user: "5" }), limit: 1, order: "oldest", cursor: null });
    const [row] = page.rows;
    const source = events.find((e) => e.id === row!.id)!;
    expect(row).toMatchObject({ userId: 5, userEmail: null, timestamp: source.timestamp, occurredAt: new Date(source.timestamp).toISOString() });
    expect(Object.keys(row!)).not.toContain("data");
    const detail = findEventDetail(database.sqlite, row!.id);
    expect(detail?.event).toEqual(source);
    expect(detail?.row).toEqual(row);
    expect(findEventDetail(database.sqlite, "no-such-event")).toBeNull();
  });

  it("names each exit code from the catalogue, for the table to show without it", async () => {
    const page = await queryEvents(database.sqlite, { filters: parseEventFilters({ exit: "-6023" }), limit: 1, order: "newest", cursor: null });
    const views = exitCodeViewsOf(page.rows.map((row) => row.exitCode));
    expect(views[-6023]).toMatchObject({ code: -6023, severity: "error", name: "NAT_ERR_PEER_PHASE" });
    expect(views[-6023]?.title).toMatch(/^NAT_ERR_PEER_PHASE: /);
  });
});

describe("event cursors", () => {
  it("round-trip through their opaque text", () => {
    const cursor = { direction: "before", at: 1_772_323_200_000, id: "1sn61hB1dYM1IWxTuJynYdzbwNs" } as const;
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(eventCursorSchema.parse(text)).toEqual(cursor);
  });

  it.each([
    ["not base64url", "abc$"],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["the wrong shape", Buffer.from(JSON.stringify({ d: "sideways", t: 1, id: "x" })).toString("base64url")],
    ["a negative time", Buffer.from(JSON.stringify({ d: "after", t: -1, id: "x" })).toString("base64url")],
  ])("are refused when %s", (_what, text) => {
    expect(eventCursorSchema.safeParse(text).success).toBe(false);
  });
});
