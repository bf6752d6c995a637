/**
 * Integration on the simulator's data: a history synced over real HTTP into a real SQLite file,
 * then every explorer filter through the very functions the page uses (queryEvents, countEvents,
 * eventHistogram) and the export, against a plain filter over the simulator's ground truth.
 * Free-text searches run under every search plan, so the trigram index is shown to change only
 * how fast, never which rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeExitCode } from "../parsec/exitCodes";
import { exitCodeView } from "../parsec/exitCodeView";
import { parseTimestampMicros } from "../parsec/simulator";
import { compareIds, groundTruth, startSyncFixture, type ParsecEventJson, type SyncFixture } from "../sync/testing";
import { countEvents, countingMethod } from "./countEvents";
import { eventCursorSchema } from "./eventCursor";
import { parseEventFilters, type EventFilters } from "./eventFilters";
import { countAndHistogram, eventHistogram } from "./eventHistogram";
import { asScan, likePattern, planSearch, type SearchPlan } from "./eventSearch";
import { exportEvents } from "./exportEvents";
import { queryEvents } from "./queryEvents";

let f: SyncFixture;
let truth: ParsecEventJson[];

beforeAll(async () => {
  f = await startSyncFixture({ events: 4_000, seed: 41 });
  await f.sync();
  truth = groundTruth(f.sim);
}, 60_000);
afterAll(() => f?.close());

type Data = Record<string, unknown>;
const dataOf = (e: ParsecEventJson) => e.data as Data;
const textOf = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
const micros = (timestamp: unknown) => parseTimestampMicros(timestamp as string)!;
const exitOf = (e: ParsecEventJson) => {
  const code = dataOf(e).exit_code;
  return typeof code === "number" && Number.isInteger(code) ? code : null;
};
const exitCodeTexts = (code: number | null) =>
  code === null ? [] : [exitCodeView(code)!.name, describeExitCode(code, "en")!.meaning, describeExitCode(code, "ja")!.meaning];
/** SQL LIKE's case rule: A-Z only. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The filters applied plainly to Parsec's events, as a person would read them. */
function reference(raw: Record<string, string | string[]>): (e: ParsecEventJson) => boolean {
  const list = (key: string) => [raw[key] ?? []].flat();
  return (e) => {
    const data = dataOf(e);
    if (
      list("user").length &&
      !list("user")
        .map(Number)
        .includes(e.user_id as number)
    )
      return false;
    if (
      list("not_user")
        .map(Number)
        .includes(e.user_id as number)
    )
      return false;
    if (list("name").length && !list("name").includes(e.name as string)) return false;
    if (raw.from && micros(e.timestamp) < micros(raw.from)) return false;
    if (raw.to && micros(e.timestamp) > micros(raw.to)) return false;
    if (list("host").length && !list("host").includes(textOf(data.host_computer_name) as string)) return false;
    if (list("attempt").length && !list("attempt").includes(textOf(data.attempt_id) as string)) return false;
    if (list("ip").length && !list("ip").includes(textOf(data.ip) as string)) return false;
    const exit = exitOf(e);
    const exits = list("exit");
    if (exits.length && !exits.some((x) => (x === "success" ? exit === 0 : x === "failure" ? exit !== null && exit !== 0 : exit === Number(x)))) return false;
    if (typeof raw.q === "string") {
      const texts = [e.user_email, data.host_computer_name, data.client_computer_name, data.ip, data.attempt_id, e.name, JSON.stringify(data)];
      const q = raw.q;
      // What the table shows of the exit code: its name beside it, its meaning on hover (in either language).
      const named = exitCodeTexts(exit).some((t) => t.toLowerCase().includes(q.toLowerCase()));
      if (!named && !texts.some((t) => typeof t === "string" && foldAscii(t).includes(foldAscii(q)))) return false;
    }
    return true;
  };
}

/** The explorer's order, newest first: the millisecond, then the id. */
function expectedIds(raw: Record<string, string | string[]>): string[] {
  return truth
    .filter(reference(raw))
    .sort((a, b) => Math.floor(micros(b.timestamp) / 1000) - Math.floor(micros(a.timestamp) / 1000) || compareIds(b.id as string, a.id as string))
    .map((e) => e.id as string);
}

async function pageThrough(filters: EventFilters, search: SearchPlan): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await queryEvents(f.sqlite, { filters, limit: 200, order: "newest", cursor: cursor ? eventCursorSchema.parse(cursor) : null }, search);
    ids.push(...page.rows.map((row) => row.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
}

async function exportedIds(filters: EventFilters): Promise<string[]> {
  let text = "";
  await exportEvents(f.sqlite, filters, "ndjson", (chunk) => {
    text += chunk;
  });
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

/** Checks one set of filters through the page's functions and the export against the reference. */
async function expectExact(raw: Record<string, string | string[]>, plans?: SearchPlan[]) {
  const filters = parseEventFilters(raw);
  const expected = expectedIds(raw);
  const search = planSearch(f.sqlite, filters.q);
  for (const plan of plans ?? [search]) {
    expect(await pageThrough(filters, plan), `rows under the ${plan.kind} plan`).toEqual(expected);
  }
  expect(await countEvents(f.sqlite, filters, search)).toEqual({ count: expected.length, exact: true });
  const histogram = await eventHistogram(f.sqlite, filters, search);
  expect(histogram?.buckets.reduce((sum, bucket) => sum + bucket.count, 0) ?? 0).toBe(expected.length);
  expect((await countAndHistogram(f.sqlite, filters, search)).count).toEqual({ count: expected.length, exact: true });
  expect(await exportedIds(filters)).toEqual([...expected].reverse());
  return expected;
}

/** A value of the ground truth that the filter can select, with enough events to be a real test. */
function common(values: unknown[]): string {
  const counts = new Map<string, number>();
  for (const value of values) if (typeof value === "string" && value !== "") counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[Math.min(2, counts.size - 1)]![0];
}

describe("explorer filters on the simulator's history", () => {
  it("stores the whole history", () => {
    expect(truth.length).toBeGreaterThan(3_500);
  });

  it.each([
    ["nothing", () => ({})],
    ["user", () => ({ user: [String(truth[10]!.user_id), String(truth[500]!.user_id)] })],
    ["not_user", () => ({ not_user: String(truth[10]!.user_id) })],
    ["name", () => ({ name: ["client_disconnect", "team_invite_create"] })],
    ["host (Japanese names included)", () => ({ host: [common(truth.map((e) => dataOf(e).host_computer_name)), "会議室PC"] })],
    ["exit success", () => ({ exit: "success" })],
    ["exit failure", () => ({ exit: "failure" })],
    ["exit code", () => ({ exit: String(truth.map(exitOf).find((code) => code !== null && code !== 0)) })],
    ["attempt", () => ({ attempt: common(truth.map((e) => dataOf(e).attempt_id)) })],
    ["ip", () => ({ ip: common(truth.map((e) => dataOf(e).ip)) })],
    ["from/to to the microsecond", () => ({ from: truth[1_000]!.timestamp as string, to: truth[2_000]!.timestamp as string })],
    ["several at once", () => ({ name: ["client_disconnect", "p2p_client_complete"], exit: "success", from: truth[800]!.timestamp as string })],
  ])("%s: exactly the reference's rows, count, histogram and export", async (_what, make) => {
    const expected = await expectExact(make());
    expect(expected.length).toBeGreaterThan(0);
  });

  it.each([
    ["the whole history (hourly counts)", () => ({})],
    [
      "from/to cutting through hours, weeks apart (hourly counts and the cut hours)",
      () => ({ from: truth[300]!.timestamp as string, to: truth[3_300]!.timestamp as string }),
    ],
    [
      "from/to within a day (minute buckets)",
      () => ({ from: truth[2_000]!.timestamp as string, to: new Date(micros(truth[2_000]!.timestamp) / 1000 + 20 * 3_600_000).toISOString() }),
    ],
    ["a name (a count per bucket)", () => ({ name: "client_disconnect" })],
    ["a search (one GROUP BY)", () => ({ q: "ThinkPad" })],
    ["exit failure, no index to range over (one GROUP BY)", () => ({ exit: "failure" })],
    ["a user and exit success (a count per bucket)", () => ({ user: String(truth[10]!.user_id), exit: "success" })],
  ])("histogram of %s: every bar holds exactly the reference's events", async (_what, make) => {
    const raw: Record<string, string | string[]> = make();
    const histogram = (await eventHistogram(f.sqlite, parseEventFilters(raw)))!;
    const bars = new Array<number>(histogram.buckets.length).fill(0);
    for (const e of truth.filter(reference(raw))) bars[Math.floor((Math.floor(micros(e.timestamp) / 1000) - histogram.start) / histogram.stepMs)]! += 1;
    expect(histogram.buckets.map((bucket) => bucket.count)).toEqual(bars);
    expect(histogram.buckets.length).toBeLessThanOrEqual(120);
  });

  const allPlans = (q: string): SearchPlan[] => {
    const plan = planSearch(f.sqlite, q);
    if (plan.kind !== "index-driven") return [plan];
    return [plan, { ...plan, kind: "index-filtered" }, asScan(plan)];
  };

  it.each([
    ["a Japanese substring", "ンダリン"],
    ["a Japanese substring with Latin letters", "のmacbook"],
    ["a Japanese substring of two characters (scanned)", "東京"],
    ["an email, in other case", "EXAMPLE.CO.JP"],
    ["part of an ip", "150.249."],
    ["part of an attempt id", () => (dataOf(truth.find((e) => dataOf(e).attempt_id)!).attempt_id as string).slice(9, 26)],
    ["a key of the raw data", "host_is_shared"],
    ["JSON punctuation", '"exit_code":0,'],
    ["LIKE's wildcards, literally", "t_c"],
    ["nothing that exists", "zzz-no-such-text"],
  ])("q as %s: the same rows under every search plan", async (_what, q) => {
    const text = typeof q === "function" ? q() : q;
    const expected = await expectExact({ q: text }, allPlans(text));
    if (!text.startsWith("zzz")) expect(expected.length).toBeGreaterThan(0);
  });

  it.each([
    ["an exit code's name", "NAT_ERR"],
    ["part of a name, in other case", "nat_err_peer"],
    ["an OS socket error's name", "ECONNREFUSED"],
    ["words of an English meaning", "OpenSSL error"],
    ["a word of Japanese meanings", "タイムアウト"],
    ["a Japanese word of two characters (scanned)", "拒否"],
  ])("q as %s: the events of the codes it names too, under every search plan", async (_what, q) => {
    const expected = await expectExact({ q }, allPlans(q));
    // Found only through the codes: no stored text holds these terms.
    expect(expected.length).toBeGreaterThan(0);
    expect(truth.filter((e) => JSON.stringify(e).toLowerCase().includes(q.toLowerCase()))).toEqual([]);
  });

  it("q naming exit codes counts and charts the events of the codes exactly, and estimates them as a broad search", async () => {
    const raw = { q: "NAT_ERR" };
    const filters = parseEventFilters(raw);
    const expected = expectedIds(raw).length;
    // Recorded with and without the sign.
    const codes = new Set(truth.filter(reference(raw)).map(exitOf));
    expect([...codes].every((code) => code !== null && [6023, 6024, 6025, 6033, 6200].includes(Math.abs(code)))).toBe(true);
    expect([...codes].some((code) => code! > 0) && [...codes].some((code) => code! < 0)).toBe(true);
    expect(await countEvents(f.sqlite, filters)).toEqual({ count: expected, exact: true });
    const search = planSearch(f.sqlite, filters.q);
    if (search.kind === "none") throw new Error("expected a search");
    // As a search too broad to check (forced): the candidates, the text's and the codes', and the sample.
    const broad = (): SearchPlan => ({ ...search, kind: "candidates", match: search.kind === "scan" ? '"NAT"' : search.match, candidates: 0 });
    // Decided once per plan: countEvents follows the candidates chosen here (no text holds NAT_ERR, so they are the codes' events).
    const candidates = broad();
    expect(await countingMethod(f.sqlite, filters, candidates, { exactCount: 0, minSample: 1_000_000 })).toEqual({ kind: "plan", plan: candidates });
    expect(await countEvents(f.sqlite, filters, candidates)).toEqual({ count: expected, exact: false });
    const method = await countingMethod(f.sqlite, filters, broad(), { exactCount: 0, minSample: 1 });
    if (method.kind !== "estimate") throw new Error("expected an estimate");
    expect(method.share.matched).toHaveLength(expected);
  });

  it("q with other filters", async () => {
    expect((await expectExact({ q: "ThinkPad", exit: "failure" }, allPlans("ThinkPad"))).length).toBeGreaterThan(0);
  });

  /** A search the index answers with too many candidates to check each for the count (forced: the fixture is small). */
  const broadSearch = (q: string): SearchPlan => {
    const plan = planSearch(f.sqlite, q);
    if (plan.kind !== "index-driven") throw new Error("expected an index-driven plan");
    return { ...plan, kind: "candidates" };
  };

  it("counts a broad search exactly by checking each event of its other filters when they are few", async () => {
    const raw = { q: "ThinkPad", exit: "failure" };
    const filters = parseEventFilters(raw);
    const search = broadSearch("ThinkPad");
    expect(await countingMethod(f.sqlite, filters, search)).toEqual({ kind: "plan", plan: { kind: "scan", pattern: likePattern("ThinkPad"), codes: [] } });
    expect(await countEvents(f.sqlite, filters, search)).toEqual({ count: expectedIds(raw).length, exact: true });
  });

  it("estimates a broad search from a sample when its other filters select too many events to check: about, in count and bars", async () => {
    const raw = { q: "ThinkPad", name: ["client_disconnect", "conn_client_offer"] };
    const filters = parseEventFilters(raw);
    const search = broadSearch("ThinkPad");
    // Decided once per plan: the page's count and histogram below follow this decision.
    const method = await countingMethod(f.sqlite, filters, search, { exactCount: 0, minSample: 100 });
    expect(method.kind).toBe("estimate");
    const expected = expectedIds(raw).length;
    const others = expectedIds({ name: raw.name }).length;
    // Below 4,020 events the sample is the whole store, so the estimate is the exact count (to three digits).
    if (method.kind === "estimate") expect(method.share.sampled).toHaveLength(others);
    const { count, histogram } = await countAndHistogram(f.sqlite, filters, search);
    expect(count).toEqual({ count: Number(expected.toPrecision(3)), exact: false, estimated: true });
    expect(histogram!.exact).toBe(false);
    expect(histogram!.estimated).toBe(true);
    expect(Math.abs(histogram!.buckets.reduce((sum, bucket) => sum + bucket.count, 0) - expected)).toBeLessThan(expected * 0.05);
    // The rows stay exact.
    expect(await pageThrough(filters, planSearch(f.sqlite, filters.q))).toEqual(expectedIds(raw));
  });

  it("falls back to the index's candidates, said to be an upper bound, when the sample is too thin", async () => {
    const raw = { q: "ThinkPad", exit: "failure" };
    const filters = parseEventFilters(raw);
    const search = broadSearch("ThinkPad");
    expect((await countingMethod(f.sqlite, filters, search, { exactCount: 0, minSample: 1_000_000 })).kind).toBe("plan");
    const count = await countEvents(f.sqlite, filters, search);
    expect(count.exact).toBe(false);
    expect(count.estimated).toBeUndefined();
    expect(count.count).toBeGreaterThanOrEqual(expectedIds(raw).length);
    expect((await eventHistogram(f.sqlite, filters, search))!.exact).toBe(false);
  });

  it("pages a search through its first rows without the index, and on through it where matches thin out", async () => {
    // Rare in the newest events: the walk gives up after SEARCH_WALK_LIMIT rows and the index takes over.
    const raw = { q: "team_invite" };
    const filters = parseEventFilters(raw);
    const plan = planSearch(f.sqlite, filters.q);
    if (plan.kind === "none" || plan.kind === "scan") throw new Error("expected an indexed plan");
    const expected = expectedIds(raw);
    expect(expected.length).toBeGreaterThan(0);
    for (const order of ["newest", "oldest"] as const) {
      const page = await queryEvents(f.sqlite, { filters, limit: 50, order, cursor: null }, { ...plan, kind: "index-filtered" });
      expect(page.rows.map((row) => row.id)).toEqual((order === "newest" ? expected : [...expected].reverse()).slice(0, 50));
    }
  });
});
