/**
 * The explorer's facets against a brute-force count over the fixture: each facet counts the events
 * of every filter but its own, exactly where the set is small, and close to the truth (said to be
 * about) where it is estimated, from the even sample or from the set's first rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { seedEvents } from "../ingest/testing";
import { FACET_TOP, type Facet } from "../facets/facetCounts";
import { countEvents } from "./countEvents";
import { parseEventFilters } from "./eventFilters";
import { EVENT_FACETS, eventFacets, type EventFacet } from "./eventFacets";
import { planSearch } from "./eventSearch";
import { makeEvent, seededRandom, type TestEvent } from "./testing";

const NAMES = ["conn_client_offer", "p2p_client_complete", "client_disconnect", "team_member_add", "user_login"];
const HOSTS = ["会議室PC", "レンダリング-01", "EDIT-BAY-02", "dev-03", "studio-04", "lab-05", "render-06", "render-07", "render-08", "render-09"];
const EXITS = [0, 0, 0, -6023, -6023, 112, 11, -3, 6101, 400, 800, 1234];

/** More events than the even sample holds, so that it is a sample and not the whole store. */
const EVENT_COUNT = 6_000;

let database: TempDatabase;
let events: TestEvent[];

function makeHistory(): TestEvent[] {
  const random = seededRandom(18);
  // Skewed picks, so that the facets' orders are not ties.
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() ** 1.6 * items.length)]!;
  return Array.from({ length: EVENT_COUNT }, (_, i) => {
    const user = 1 + Math.floor(random() ** 1.4 * 12);
    const admin = random() < 0.1;
    const exit = admin || random() < 0.2 ? null : pick(EXITS);
    return makeEvent({
      id: `evt${String(i).padStart(24, "0")}`,
      timestamp: new Date(Date.parse("2026-11-01T00:00:00Z") + i * 60_000).toISOString(),
      name: admin ? "team_member_add" : pick(NAMES),
      user_id: user,
      user_email: `user${user}@example.jp`,
      data: {
        ...(admin ? {} : { host_computer_name: pick(HOSTS) }),
        ...(exit === null ? {} : { exit_code: exit }),
        note: i % 3 === 0 ? "via relay" : "direct",
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

const hostOf = (e: TestEvent) => (e.data.host_computer_name as string | undefined) ?? null;
const exitOf = (e: TestEvent) => (e.data.exit_code as number | undefined) ?? null;
const VALUE_OF: Record<EventFacet, (e: TestEvent) => string | number | null> = { exit: exitOf, host: hostOf, user: (e) => e.user_id, name: (e) => e.name };

/** What a facet must say: every value's count among the events `matches`, top FACET_TOP by count then value. */
function bruteForce(facet: EventFacet, matches: (e: TestEvent) => boolean, named: readonly string[] = []) {
  const tally = new Map<string, number>();
  let none = 0;
  let total = 0;
  for (const e of events.filter(matches)) {
    total++;
    const value = VALUE_OF[facet](e);
    if (value === null) none++;
    else tally.set(String(value), (tally.get(String(value)) ?? 0) + 1);
  }
  const top = [...tally].sort(([va, a], [vb, b]) => b - a || (va < vb ? -1 : 1)).slice(0, FACET_TOP);
  const values = [...top, ...named.filter((v) => !top.some(([t]) => t === v)).map((v) => [v, tally.get(v) ?? 0] as const)];
  const listed = values.reduce((sum, [, n]) => sum + n, 0);
  return { values: values.map(([value, count]) => ({ value, count })), none, other: total - listed - none, total };
}

async function facetsOf(raw: Record<string, string | string[]>, limits?: { exactRows: number; minSample: number }) {
  const filters = parseEventFilters(raw);
  const search = planSearch(database.sqlite, filters.q);
  const count = await countEvents(database.sqlite, filters, search);
  return eventFacets(database.sqlite, filters, search, count, limits);
}

const exact = (facet: Facet<EventFacet>) => ({ values: facet.values, none: facet.none, other: facet.other, total: facet.total });
const inSet = (values: readonly (string | number)[], value: string | number | null) => value !== null && values.map(String).includes(String(value));
const EXACT = { exactRows: EVENT_COUNT, minSample: 1 };

describe("eventFacets", () => {
  it("counts every value of every facet exactly when the set is small enough to read", async () => {
    const facets = await facetsOf({}, EXACT);
    expect(facets.map((f) => f.dimension)).toEqual([...EVENT_FACETS]);
    for (const facet of facets) {
      expect(facet.estimated).toBe(false);
      expect(exact(facet)).toEqual(bruteForce(facet.dimension, () => true));
    }
    // Events without a host or a code are counted apart, not as a value.
    expect(facets.find((f) => f.dimension === "host")!.none).toBeGreaterThan(0);
  });

  it("counts each facet without its own filter, with every other filter, inclusions and exclusions alike", async () => {
    const raw = { host: ["会議室PC", "dev-03"], not_user: ["1"], exit: "failure", from: "2026-11-02T00:00:00Z", q: "relay" };
    const facets = await facetsOf(raw, EXACT);
    const others = {
      host: (e: TestEvent) => inSet(["会議室PC", "dev-03"], hostOf(e)),
      user: (e: TestEvent) => e.user_id !== 1,
      exit: (e: TestEvent) => exitOf(e) !== null && exitOf(e) !== 0,
      name: () => true,
    };
    const common = (e: TestEvent) => e.timestamp >= "2026-11-02T00:00:00" && JSON.stringify(e.data).includes("relay");
    for (const facet of facets) {
      const matches = (e: TestEvent) => common(e) && Object.entries(others).every(([dim, test]) => dim === facet.dimension || test(e));
      const named = facet.dimension === "host" ? ["会議室PC", "dev-03"] : facet.dimension === "user" ? ["1"] : [];
      expect(exact(facet), facet.dimension).toEqual(bruteForce(facet.dimension, matches, named));
    }
    // The host facet shows the hosts the filter leaves out too, each ready to be added.
    expect(facets.find((f) => f.dimension === "host")!.values.length).toBeGreaterThan(2);
  });

  it("counts exclusions of names, hosts and codes as the list applies them", async () => {
    const facets = await facetsOf({ not_name: "client_disconnect", not_host: "会議室PC", not_exit: ["-6023", "112"] }, EXACT);
    const others = {
      name: (e: TestEvent) => e.name !== "client_disconnect",
      host: (e: TestEvent) => hostOf(e) !== "会議室PC",
      exit: (e: TestEvent) => !inSet([-6023, 112], exitOf(e)),
      user: () => true,
    };
    for (const facet of facets) {
      const matches = (e: TestEvent) => Object.entries(others).every(([dim, test]) => dim === facet.dimension || test(e));
      const named = { name: ["client_disconnect"], host: ["会議室PC"], exit: ["-6023", "112"], user: [] }[facet.dimension];
      expect(exact(facet), facet.dimension).toEqual(bruteForce(facet.dimension, matches, named));
    }
    // The host facet's set has 会議室PC (its own exclusion does not apply to it); the user facet's has none.
    const truth = bruteForce("user", (e) => others.name(e) && others.host(e) && others.exit(e));
    expect(facets.find((f) => f.dimension === "user")!.total).toBe(truth.total);
  });

  it("estimates from the even sample past the exact limit: about, close to the truth, adding up to the count", async () => {
    const facets = await facetsOf({ name: ["client_disconnect", "conn_client_offer", "p2p_client_complete"] }, { exactRows: 500, minSample: 200 });
    for (const facet of facets) {
      const matches = (e: TestEvent) => facet.dimension === "name" || ["client_disconnect", "conn_client_offer", "p2p_client_complete"].includes(e.name);
      const truth = bruteForce(facet.dimension, matches);
      expect(facet.estimated, facet.dimension).toBe(true);
      expect(facet.total).toBe(truth.total);
      for (const { value, count } of facet.values.slice(0, 3)) {
        const real = truth.values.find((v) => v.value === value)?.count ?? 0;
        expect(Math.abs(count - real), `${facet.dimension} ${value}`).toBeLessThanOrEqual(truth.total * 0.05);
      }
    }
  });

  it("estimates a search from the sample, trying the search itself on each sampled row", async () => {
    const facets = await facetsOf({ q: "relay" }, { exactRows: 500, minSample: 200 });
    for (const facet of facets) {
      const truth = bruteForce(facet.dimension, (e) => JSON.stringify(e.data).includes("relay"));
      expect(facet.estimated).toBe(true);
      expect(facet.total).toBe(truth.total);
      for (const { value, count } of facet.values.slice(0, 3)) {
        const real = truth.values.find((v) => v.value === value)?.count ?? 0;
        expect(Math.abs(count - real), `${facet.dimension} ${value}`).toBeLessThanOrEqual(truth.total * 0.05);
      }
    }
  });

  it("estimates from the set's first rows where the sample holds too few of it", async () => {
    const [exitFacet] = await facetsOf({ user: "3" }, { exactRows: 100, minSample: 10_000 });
    const truth = bruteForce("exit", (e) => e.user_id === 3);
    expect(exitFacet!.estimated).toBe(true);
    expect(exitFacet!.total).toBe(truth.total);
    expect(exitFacet!.values[0]!.value).toBe(truth.values[0]!.value);
  });
});
