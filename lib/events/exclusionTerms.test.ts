/**
 * Exclusions over a time range, counted and bucketed by inclusion–exclusion over indexed sets,
 * against a brute-force pass over the fixture: the same rows as the exclusions' own SQL, events
 * with no host or exit code kept, time bounds exact to the microsecond.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedEvents } from "../ingest/testing";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { countEvents } from "./countEvents";
import { compareInstants, parseEventFilters } from "./eventFilters";
import { eventHistogram } from "./eventHistogram";
import { exclusionTerms } from "./exclusionTerms";
import { makeEvent, seededRandom, type TestEvent } from "./testing";

const NAMES = ["conn_client_offer", "p2p_client_complete", "client_disconnect", "team_member_add"];
const HOSTS = ["会議室PC", "render-01", "dev-03"];
const EXITS = [0, 0, -6023, 112, 11];
const START = Date.parse("2026-11-01T00:00:00Z");

let database: TempDatabase;
let events: TestEvent[];

beforeAll(async () => {
  const random = seededRandom(7);
  events = Array.from({ length: 3_000 }, (_, i) => {
    const admin = random() < 0.15;
    const exit = admin || random() < 0.2 ? null : EXITS[Math.floor(random() * EXITS.length)]!;
    // Some events share a millisecond and differ in their microseconds, as Parsec's may.
    const ms = START + i * 97_000 - (i % 5 === 0 ? 96_999 : 0);
    const micro = String(Math.floor(random() * 1000)).padStart(3, "0");
    return makeEvent({
      id: `evt${String(i).padStart(24, "0")}`,
      timestamp: `${new Date(ms).toISOString().slice(0, -1)}${micro}Z`,
      name: admin ? "team_member_add" : NAMES[Math.floor(random() * NAMES.length)]!,
      user_id: 1 + Math.floor(random() * 6),
      data: { ...(admin ? {} : { host_computer_name: HOSTS[Math.floor(random() * HOSTS.length)] }), ...(exit === null ? {} : { exit_code: exit }) },
    });
  });
  database = await createTempDatabase();
  seedEvents(database, events);
});
afterAll(() => database.close());

type Raw = Record<string, string | string[]>;

/** What the filters keep, event by event. */
function kept(raw: Raw): TestEvent[] {
  const list = (key: string) => (raw[key] === undefined ? [] : ([] as string[]).concat(raw[key]!));
  const exitMatches = (code: unknown, values: string[]) =>
    typeof code === "number" && values.some((value) => (value === "success" ? code === 0 : value === "failure" ? code !== 0 : code === Number(value)));
  return events.filter((event) => {
    const host = event.data.host_computer_name as string | undefined;
    if (list("not_user").includes(String(event.user_id))) return false;
    if (list("not_name").includes(event.name)) return false;
    if (host !== undefined && list("not_host").includes(host)) return false;
    if (exitMatches(event.data.exit_code, list("not_exit"))) return false;
    if (typeof raw.from === "string" && compareInstants(event.timestamp, raw.from) < 0) return false;
    if (typeof raw.to === "string" && compareInstants(event.timestamp, raw.to) > 0) return false;
    return true;
  });
}

// Bounds inside a millisecond that several events share, so that only the digits after it decide.
const SHARED_MS = new Date(START + 5 * 97_000 - 96_999).toISOString().slice(0, -1);
const CASES: Raw[] = [
  { not_user: "2" },
  { not_user: ["2", "3"], not_name: "client_disconnect" },
  { not_host: "会議室PC" },
  { not_exit: ["success", "-6023"] },
  { not_user: "1", not_name: ["conn_client_offer", "team_member_add"], not_host: ["render-01", "dev-03"], not_exit: "112" },
  { not_name: "client_disconnect", from: `${SHARED_MS}500Z`, to: "2026-11-02T12:00:00.000250Z" },
  { not_host: "dev-03", not_exit: "success", from: "2026-11-01T06:00:00Z" },
];

describe("exclusions by inclusion–exclusion", () => {
  it.each(CASES)("count and histogram of %j are exactly what the exclusions keep", async (raw) => {
    const filters = parseEventFilters(raw);
    expect(exclusionTerms(filters)).not.toBeNull();
    const truth = kept(raw);
    expect((await countEvents(database.sqlite, filters)).count).toBe(truth.length);
    const histogram = (await eventHistogram(database.sqlite, filters))!;
    expect(histogram.exact).toBe(true);
    const expected = histogram.buckets.map(() => 0);
    for (const event of truth) expected[Math.floor((Date.parse(event.timestamp) - histogram.start) / histogram.stepMs)]! += 1;
    expect(histogram.buckets.map((bucket) => bucket.count)).toEqual(expected);
  });

  it("leaves to the exclusions' own SQL a search, another filter, or failures left out", () => {
    expect(exclusionTerms(parseEventFilters({ not_user: "2", q: "render" }))).toBeNull();
    expect(exclusionTerms(parseEventFilters({ not_user: "2", host: "dev-03" }))).toBeNull();
    expect(exclusionTerms(parseEventFilters({ not_exit: "failure" }))).toBeNull();
    expect(exclusionTerms(parseEventFilters({ from: "2026-11-01T00:00:00Z" }))).toBeNull();
    // Two exclusions: every event, less each left-out set, plus the events both leave out.
    expect(exclusionTerms(parseEventFilters({ not_user: "2", not_name: "x" }))!.map((term) => term.sign)).toEqual([1, -1, -1, 1]);
  });

  it("agrees with the exclusions' own SQL where it does not apply", async () => {
    const raw = { not_user: "2", name: "client_disconnect" };
    expect((await countEvents(database.sqlite, parseEventFilters(raw))).count).toBe(kept(raw).filter((event) => event.name === "client_disconnect").length);
  });
});
