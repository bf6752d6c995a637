/**
 * The connections table's facets against a brute-force count over the attempts as built: status as
 * shown (against the clock), exit code, host and user, each without its own filter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedEvents } from "../ingest/testing";
import { seededRandom, type TestEvent } from "../events/testing";
import { FACET_TOP } from "../facets/facetCounts";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { parseConnectionFilters } from "./connectionFilters";
import { CONNECTION_FACETS, connectionFacets, type ConnectionFacet } from "./connectionFacets";
import { countConnections } from "./queryConnections";
import { flowParsecEvents } from "./testing";

const HOSTS = ["会議室PC", "render-01", "EDIT-02", "dev-03"];
const START = Date.parse("2026-03-02T00:00:00.000Z");
const NOW = START + 250 * 3_600_000;

interface Attempt {
  attemptId: string;
  startMs: number;
  clientUserId: number;
  hostComputerName: string;
  failure: number;
  duration: number;
  open: boolean;
}

function attempts(): Attempt[] {
  const random = seededRandom(18);
  return Array.from({ length: 240 }, (_, i) => ({
    attemptId: `attempt-${String(i).padStart(4, "0")}`,
    startMs: START + i * 3_600_000 + Math.floor(random() * 60_000),
    clientUserId: 1001 + Math.floor(random() ** 1.5 * 5),
    hostComputerName: HOSTS[Math.floor(random() ** 1.3 * HOSTS.length)]!,
    // Sessions nobody closed: long ago (stale by now) and in the last hours (active).
    failure: i % 13 === 0 || i >= 236 ? 0 : random() < 0.25 ? [-6023, 8, 11][Math.floor(random() * 3)]! : 0,
    duration: 30 + Math.floor(random() * 3600),
    open: i % 13 === 0 || i >= 236,
  }));
}

let database: TempDatabase;
let all: Attempt[];

beforeAll(async () => {
  database = await createTempDatabase();
  all = attempts();
  const events = all.flatMap(({ open, ...spec }) =>
    flowParsecEvents({ ...spec, omit: open ? ["clientDisconnect", "hostDisconnect"] : [] }),
  ) as unknown as TestEvent[];
  seedEvents(database, events);
});
afterAll(() => database.close());

/** The status the table shows: an open session is active within a day of its last event, stale after (its disconnect was lost). */
function statusOf(a: Attempt): string {
  if (a.failure !== 0) return "failed";
  if (!a.open) return "ended";
  return NOW - a.startMs <= 24 * 3_600_000 ? "active" : "stale";
}
const VALUE_OF: Record<ConnectionFacet, (a: Attempt) => string> = {
  status: statusOf,
  exit: (a) => String(a.failure),
  host: (a) => a.hostComputerName,
  user: (a) => String(a.clientUserId),
};

function bruteForce(facet: ConnectionFacet, matches: (a: Attempt) => boolean, named: readonly string[] = []) {
  const tally = new Map<string, number>();
  const set = all.filter(matches);
  for (const a of set) tally.set(VALUE_OF[facet](a), (tally.get(VALUE_OF[facet](a)) ?? 0) + 1);
  const top = [...tally].sort(([va, a], [vb, b]) => b - a || (va < vb ? -1 : 1)).slice(0, FACET_TOP);
  const values = [...top, ...named.filter((v) => !top.some(([t]) => t === v)).map((v) => [v, tally.get(v) ?? 0] as const)];
  const listed = values.reduce((sum, [, n]) => sum + n, 0);
  return { values: values.map(([value, count]) => ({ value, count })), none: 0, other: set.length - listed, total: set.length };
}

async function facetsOf(raw: Record<string, string | string[]>, limits?: { exactRows: number; minSample: number }) {
  const filters = parseConnectionFilters(raw);
  return connectionFacets(database.db, database.sqlite, filters, await countConnections(database.db, filters, NOW), NOW, limits);
}

describe("connectionFacets", () => {
  it("counts status, exit code, host and user of every connection exactly", async () => {
    const facets = await facetsOf({});
    expect(facets.map((f) => f.dimension)).toEqual([...CONNECTION_FACETS]);
    for (const { dimension, values, none, other, total, estimated } of facets) {
      expect(estimated).toBe(false);
      expect({ values, none, other, total }, dimension).toEqual(bruteForce(dimension, () => true));
    }
    expect(facets[0]!.values.map((v) => v.value).sort()).toEqual(["active", "ended", "failed", "stale"]);
  });

  it("counts each facet without its own filter: a host included, a user and a status left out", async () => {
    const facets = await facetsOf({ host: "会議室PC", not_user: "1001", not_status: "ended", from: new Date(START + 24 * 3_600_000).toISOString() });
    const others: Record<ConnectionFacet, (a: Attempt) => boolean> = {
      host: (a) => a.hostComputerName === "会議室PC",
      user: (a) => a.clientUserId !== 1001,
      status: (a) => statusOf(a) !== "ended",
      exit: () => true,
    };
    for (const { dimension, values, none, other, total } of facets) {
      const matches = (a: Attempt) => a.startMs >= START + 24 * 3_600_000 && Object.entries(others).every(([dim, test]) => dim === dimension || test(a));
      const named = { host: ["会議室PC"], user: ["1001"], status: ["ended"], exit: [] }[dimension];
      expect({ values, none, other, total }, dimension).toEqual(bruteForce(dimension, matches, named));
    }
  });

  it("past the exact limit, counts a table no larger than the even sample whole: exact, not estimated", async () => {
    const facets = await facetsOf({ not_exit: "-6023" }, { exactRows: 50, minSample: 10 });
    for (const { dimension, values, none, other, total, estimated } of facets) {
      expect(estimated).toBe(false);
      const matches = (a: Attempt) => dimension === "exit" || a.failure !== -6023;
      expect({ values, none, other, total }, dimension).toEqual(bruteForce(dimension, matches, dimension === "exit" ? ["-6023"] : []));
    }
  });
});
