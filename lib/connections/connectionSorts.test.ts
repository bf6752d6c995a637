import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventCursorSchema } from "../events/eventCursor";
import { seedEvents } from "../ingest/testing";
import { seededRandom, type TestEvent } from "../events/testing";
import { CONNECTION_SORTS, CONNECTION_STATUSES, type ConnectionSort } from "../explorerUrl/explorerParams";
import type { Connection } from "../store/sqlFragments";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { connectionFiltersSql, parseConnectionFilters, type ConnectionFilters } from "./connectionFilters";
import { sortQueries } from "./connectionSorts";
import { displayStatus } from "./connectionStatus";
import { queryConnections } from "./queryConnections";
import { flowParsecEvents, type FlowSpec } from "./testing";

const START = Date.parse("2026-03-02T00:00:00.000Z");
const NOW = START + 3 * 86_400_000;
const HOSTS = ["render-01 🎬", "レンダリング-01", "会議室PC"];

/**
 * Attempts of every status (ended, failed, active, stale open, connecting, stale connecting,
 * lost completions), many sharing a start, a duration, a user or a host: each sort's ties.
 */
function specs(): FlowSpec[] {
  const random = seededRandom(11);
  return Array.from({ length: 120 }, (_, i): FlowSpec => {
    const kind = i % 8;
    const startMs = kind === 2 || kind === 4 ? NOW - (i % 3) * 60_000 - 120_000 : START + Math.floor(i / 3) * 1_800_000;
    const omit: FlowSpec["omit"] =
      kind === 2 || kind === 3
        ? ["clientDisconnect", "hostDisconnect"]
        : kind === 4 || kind === 5
          ? ["relayed", "clientComplete", "hostComplete", "clientDisconnect", "hostDisconnect"]
          : kind === 6
            ? ["clientComplete", "hostComplete"]
            : [];
    return {
      attemptId: `a-${String(Math.floor(random() * 1e6)).padStart(6, "0")}-${i}`,
      startMs,
      clientUserId: 1001 + (i % 4),
      hostComputerName: HOSTS[i % HOSTS.length],
      failure: kind === 1 ? [-6023, 8, -6023][i % 3] : 0,
      duration: [60, 60, 3600, 45_000][i % 4],
      omit,
    };
  });
}

let database: TempDatabase;
let stored: Connection[];

beforeAll(async () => {
  database = await createTempDatabase();
  seedEvents(database, specs().flatMap((spec) => flowParsecEvents(spec)) as unknown as TestEvent[]);
  stored = await database.db.connection.findMany();
});
afterAll(() => database.close());

/** The reference order, written plainly: the sorted value (NULL lowest), then the start, then the attempt id. */
function reference(sort: ConnectionSort, order: "newest" | "oldest", keep: (row: Connection) => boolean = () => true): string[] {
  const value = (row: Connection): number | string | null => {
    switch (sort) {
      case "start":
        return 0;
      case "duration":
        return row.durationSeconds;
      case "user":
        return row.clientUserId;
      case "host":
        return row.hostComputerName;
      case "exit":
        return row.completionExitCode;
      case "status":
        return CONNECTION_STATUSES.indexOf(displayStatus(row, new Date(NOW)));
    }
  };
  const compare = (a: number | string | null, b: number | string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  const sign = order === "newest" ? -1 : 1;
  return stored
    .filter(keep)
    .sort((a, b) => sign * (compare(value(a), value(b)) || a.startedAt.getTime() - b.startedAt.getTime() || compare(a.attemptId, b.attemptId)))
    .map((row) => row.attemptId);
}

async function pagesOf(filters: ConnectionFilters, sort: ConnectionSort, order: "newest" | "oldest", limit: number) {
  const pages: string[][] = [];
  let cursor = null;
  for (;;) {
    const page = await queryConnections(database.db, { filters, limit, order, sort, cursor, nowMs: NOW }, () => null);
    pages.push(page.rows.map((row) => row.attemptId));
    if (!page.nextCursor) return { pages, last: page };
    cursor = eventCursorSchema.parse(page.nextCursor);
  }
}

describe("sorting connections", () => {
  it("has every status, NULL durations and exit codes in its fixture", () => {
    expect(new Set(stored.map((row) => displayStatus(row, new Date(NOW))))).toEqual(new Set(CONNECTION_STATUSES));
    expect(stored.some((row) => row.durationSeconds === null)).toBe(true);
    expect(stored.some((row) => row.completionExitCode === null)).toBe(true);
  });

  it.each(CONNECTION_SORTS.flatMap((sort) => (["newest", "oldest"] as const).map((order) => [sort, order] as const)))(
    "pages by %s, %s first, through every connection once in the reference order, and back",
    async (sort, order) => {
      const filters = parseConnectionFilters({});
      const { pages, last } = await pagesOf(filters, sort, order, 7);
      expect(pages.flat()).toEqual(reference(sort, order));
      // Walking back with the previous-page cursors gives the same pages.
      let page = last;
      for (let index = pages.length - 2; index >= 0; index--) {
        page = await queryConnections(
          database.db,
          { filters, limit: 7, order, sort, cursor: eventCursorSchema.parse(page.previousCursor!), nowMs: NOW },
          () => null,
        );
        expect(page.rows.map((row) => row.attemptId)).toEqual(pages[index]);
      }
    },
  );

  it("sorts within the filters", async () => {
    const filters = parseConnectionFilters({ host: "会議室PC", exit: "failure" });
    const { pages } = await pagesOf(filters, "duration", "newest", 3);
    const expected = reference(
      "duration",
      "newest",
      (row) => row.hostComputerName === "会議室PC" && row.completionExitCode !== null && row.completionExitCode !== 0,
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(expected);
  });

  /** SQLite's plan of every query a sort runs: from the start, and from a position with a value and with NULL. */
  function plansOf(sort: ConnectionSort, order: "asc" | "desc", filters: ConnectionFilters = parseConnectionFilters({})): string[] {
    const where = connectionFiltersSql(filters, NOW);
    const positions = [
      null,
      { at: START, id: "a-5", key: { sort, value: sort === "host" ? "会議室PC" : sort === "status" ? "ended" : 60 } },
      { at: START, id: "a-5", key: { sort, value: null } },
    ];
    return positions.flatMap((start) =>
      sortQueries(where, sort, order, sort === "start" ? start && { at: start.at, id: start.id } : (start as never), NOW).map((query) =>
        database.sqlite
          .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
          .all(...query.values.map((v) => (v instanceof Date ? v.getTime() : v)))
          .map((row) => (row as { detail: string }).detail)
          .join(" / "),
      ),
    );
  }

  const INDEXES: Record<ConnectionSort, string> = {
    start: "Connection_startedAt_attemptId_idx",
    duration: "Connection_durationSeconds_startedAt_attemptId_idx",
    user: "Connection_clientUserId_startedAt_attemptId_idx",
    host: "Connection_hostComputerName_startedAt_attemptId_idx",
    exit: "Connection_completionExitCode_startedAt_attemptId_idx",
    status: "Connection_status_startedAt_attemptId_idx",
  };

  it.each(CONNECTION_SORTS)("walks its index for %s in both directions, never sorting the rows", (sort) => {
    for (const order of ["asc", "desc"] as const) {
      const plans = plansOf(sort, order);
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) {
        expect(plan).toContain(INDEXES[sort]);
        expect(plan).not.toContain("TEMP B-TREE");
      }
    }
  });

  it("seeks the position in the index (a range, not a walk from the start) past the first page", () => {
    for (const sort of ["duration", "user", "host", "exit"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const [, fromValue] = plansOf(sort, order);
        expect(fromValue, `${sort} ${order}`).toMatch(/SEARCH .* USING (COVERING )?INDEX .*\(\w+[<>]\?/);
      }
    }
  });
});

describe("the sort in the URL", () => {
  it("reads sort and order, names a sort it does not know, and drops a cursor made for another sort", async () => {
    const { parseConnectionsParams } = await import("./parseConnectionsParams");
    expect(parseConnectionsParams({ sort: "duration", order: "oldest" }).paging).toMatchObject({ sort: "duration", order: "oldest" });
    const bad = parseConnectionsParams({ sort: "time" });
    expect(bad.paging.sort).toBe("start");
    expect(bad.problems.map((problem) => problem.param)).toEqual(["sort"]);
    const page = await queryConnections(
      database.db,
      { filters: parseConnectionFilters({}), limit: 5, order: "newest", sort: "host", cursor: null, nowMs: NOW },
      () => null,
    );
    const other = parseConnectionsParams({ sort: "duration", cursor: page.nextCursor! });
    expect(other.paging.cursor).toBeUndefined();
    expect(other.problems.map((problem) => problem.param)).toEqual(["cursor"]);
    expect(parseConnectionsParams({ sort: "host", cursor: page.nextCursor! }).paging.cursor?.key).toEqual({ sort: "host", value: expect.any(String) });
  });
});
