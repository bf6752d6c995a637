import { request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsecEventSchema } from "../schemas";
import { decodeKsuid, encodeKsuid, KSUID_EPOCH_SECONDS } from "./ksuid";
import { keyWithoutAuditPermission, startSimulator, type Simulator, type SimulatorOptions } from "./index";
import { parallelSessions } from "./testing";
import { parseTimestampMicros } from "./timestamps";

/** Real HTTP against running simulators. Histories are small so the whole file stays fast. */

type Event = Record<string, unknown>;
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
  text: string;
  json: () => unknown;
}

const END_AT = new Date("2025-06-01T00:00:00Z");
const BASE: SimulatorOptions = { seed: 42, events: 3000, endAt: END_AT, days: 30, quota: null, malformedEvents: 6 };

/** GET with node:http, so headers and bytes arrive exactly as sent (fetch would gunzip). */
function get(sim: Simulator, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${sim.url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text, json: () => JSON.parse(text) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

function events(sim: Simulator, query: string, key = sim.apiKey, version = "v1"): Promise<Answer> {
  return get(sim, `/${version}/teams/${sim.teamId}/events?${query}`, { authorization: `Bearer ${key}` });
}

async function page(sim: Simulator, query: string): Promise<{ data: Event[]; next_cursor: string }> {
  const answer = await events(sim, query);
  expect(answer.status, answer.text).toBe(200);
  return answer.json() as { data: Event[]; next_cursor: string };
}

/** Follows next_cursor to the end; returns everything served, in served order. */
async function pageAll(sim: Simulator, query: string, limit = 1000): Promise<Event[]> {
  const out: Event[] = [];
  let cursor = "";
  for (let guard = 0; guard < 10_000; guard++) {
    const p = await page(sim, `limit=${limit}${query ? `&${query}` : ""}${cursor ? `&cursor=${cursor}` : ""}`);
    out.push(...p.data);
    if (p.next_cursor === "") return out;
    expect(p.data.length).toBe(limit);
    cursor = p.next_cursor;
  }
  throw new Error("paging did not end");
}

const micros = (e: Event): number => parseTimestampMicros(e.timestamp as string) as number;

let sim: Simulator;
let truth: Event[];
let malformedJson: Set<string>;
const withoutMalformed = (list: Event[]): Event[] => list.filter((e) => !malformedJson.has(JSON.stringify(e)));

beforeAll(async () => {
  sim = await startSimulator(BASE);
  truth = [...sim.groundTruth()];
  malformedJson = new Set(sim.malformed().map((e) => JSON.stringify(e)));
});
afterAll(() => sim.close());

describe("authentication and routing", () => {
  it("refuses a missing or wrong key with 401", async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: "Bearer nope" },
      { authorization: `Basic ${sim.apiKey}` },
      { authorization: `Bearer tapi_${sim.teamId}.wrongsecret` },
    ];
    for (const headers of variants) {
      const answer = await get(sim, `/v1/teams/${sim.teamId}/events?limit=1`, headers);
      expect(answer.status).toBe(401);
      expect(answer.json()).toEqual({ message: "Unauthorized" });
    }
  });

  it("treats keys as opaque (an unknown key is 401 whatever its shape) and answers 404 for another team's path", async () => {
    for (const unknown of [`tapi_1sn61992rNstjlDoJWnFXRRkxPZ.abcdef`, `tapi_${sim.teamId}.abcdef`]) {
      const byKey = await events(sim, "limit=1", unknown);
      expect(byKey.status).toBe(401);
    }
    const byPath = await get(sim, `/v1/teams/1sn61992rNstjlDoJWnFXRRkxPZ/events?limit=1`, { authorization: `Bearer ${sim.apiKey}` });
    expect(byPath.status).toBe(404);
    expect(byPath.json()).toEqual({ message: "Team not found" });
  });

  it("answers 403 for a key without the audit-log permission", async () => {
    expect(keyWithoutAuditPermission(sim)).toBe(sim.apiKeyWithoutPermission);
    expect(sim.apiKeyWithoutPermission).not.toBe(sim.apiKey);
    const answer = await events(sim, "limit=1", sim.apiKeyWithoutPermission);
    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({ message: "Forbidden: this API key lacks the Access Audit Log permission" });
  });

  it("answers 404 for unknown paths and 405 for other methods", async () => {
    for (const path of ["/", "/v1/teams", `/v3/teams/${sim.teamId}/events`, `/v1/teams/${sim.teamId}/events/`]) {
      const answer = await get(sim, path, { authorization: `Bearer ${sim.apiKey}` });
      expect(answer.status, path).toBe(404);
      expect(answer.json()).toEqual({ message: "Not Found" });
    }
    const post = await get(sim, `/v1/teams/${sim.teamId}/events?limit=1`, { authorization: `Bearer ${sim.apiKey}` }, "POST");
    expect(post.status).toBe(405);
  });
});

describe("query validation", () => {
  it("requires limit between 1 and 1000", async () => {
    for (const query of ["", "limit=", "limit=0", "limit=1001", "limit=abc", "limit=10.5", "limit=-1"]) {
      const answer = await events(sim, query);
      expect(answer.status, query).toBe(400);
      expect((answer.json() as { message: string }).message).toMatch(/limit/);
    }
    expect((await page(sim, "limit=1")).data).toHaveLength(1);
    expect((await page(sim, "limit=1000")).data).toHaveLength(1000);
  });

  it("rejects bad dates, user ids and cursors", async () => {
    const cases: [string, RegExp][] = [
      ["limit=5&start_at=yesterday", /start_at/],
      ["limit=5&start_at=2025-13-01T00:00:00Z", /start_at/],
      ["limit=5&end_at=2025-05-01", /end_at/],
      ["limit=5&user_id=abc", /user_id/],
      ["limit=5&cursor=nope", /invalid cursor/],
      [`limit=5&cursor=${encodeKsuid([1, 2, 3, 4, 5])}`, /invalid cursor/],
      [`limit=5&after=${encodeKsuid([1, 2, 3, 4, 5])}`, /invalid cursor/],
      [`limit=5&cursor=${truth[0]?.id}&after=${truth[0]?.id}`, /cursor/],
    ];
    for (const [query, message] of cases) {
      const answer = await events(sim, query);
      expect(answer.status, query).toBe(400);
      expect((answer.json() as { message: string }).message).toMatch(message);
    }
    const unknown = await events(sim, `limit=5&cursor=${encodeKsuid([1, 2, 3, 4, 5])}`);
    expect(unknown.json()).toEqual({ message: "invalid cursor" });
  });
});

describe("paging", () => {
  it("serves every event exactly once, newest first, equal to the ground truth", async () => {
    const served = await pageAll(sim, "");
    expect(served).toHaveLength(sim.count());
    expect(new Set(served.map((e) => JSON.stringify(e))).size).toBe(served.length);
    expect(withoutMalformed(served)).toEqual([...truth].reverse());
    expect(served.filter((e) => malformedJson.has(JSON.stringify(e)))).toHaveLength(6);
  });

  it("serves oldest first when asked, equal to the ground truth", async () => {
    const oldest = await startSimulator({ ...BASE, order: "oldest-first" });
    try {
      const served = await pageAll(oldest, "", 700);
      expect(withoutMalformed(served)).toEqual(truth);
      expect(served).toHaveLength(oldest.count());
    } finally {
      await oldest.close();
    }
  });

  it("treats cursor as inclusive and after as exclusive", async () => {
    const first = await page(sim, "limit=10");
    const second = await page(sim, `limit=10&cursor=${first.next_cursor}`);
    expect(second.data[0]?.id).toBe(first.next_cursor);
    const pivot = first.data[4] as Event;
    const fromCursor = await page(sim, `limit=3&cursor=${pivot.id}`);
    expect(fromCursor.data.map((e) => e.id)).toEqual(first.data.slice(4, 7).map((e) => e.id));
    const afterPivot = await page(sim, `limit=3&after=${pivot.id}`);
    expect(afterPivot.data.map((e) => e.id)).toEqual(first.data.slice(5, 8).map((e) => e.id));
    const last = truth[0] as Event;
    expect(await page(sim, `limit=5&after=${last.id}`)).toEqual({ data: [], next_cursor: "" });
  });

  it("keeps ids 27-character base62, time-ordered KSUIDs", () => {
    const id = new Uint32Array(5);
    let previous = "";
    for (const e of truth) {
      expect(e.id).toMatch(/^[0-9A-Za-z]{27}$/);
      expect(decodeKsuid(e.id as string, id)).toBe(true);
      expect((id[0] as number) + KSUID_EPOCH_SECONDS).toBe(Math.floor(micros(e) / 1_000_000));
      expect((e.id as string) > previous).toBe(true);
      previous = e.id as string;
    }
  });
});

describe("filters", () => {
  it("matches a reference filter of the ground truth, across pages", async () => {
    const someUser = truth[truth.length >> 1]?.user_id as number;
    const from = truth[Math.floor(truth.length * 0.2)] as Event;
    const to = truth[Math.floor(truth.length * 0.8)] as Event;
    const names = ["client_disconnect", "team_member_add", "no_such_event"];
    const cases: [string, (e: Event) => boolean][] = [
      [`user_id=${someUser}`, (e) => e.user_id === someUser],
      [`event_names=${names.join(",")}`, (e) => names.includes(e.name as string)],
      // Bounds equal to real event times: both are inclusive.
      [`start_at=${from.timestamp}`, (e) => micros(e) >= micros(from)],
      [`end_at=${to.timestamp}`, (e) => micros(e) <= micros(to)],
      [
        `user_id=${someUser}&event_names=conn_client_offer,client_disconnect&start_at=${from.timestamp}&end_at=${to.timestamp}`,
        (e) =>
          e.user_id === someUser &&
          ["conn_client_offer", "client_disconnect"].includes(e.name as string) &&
          micros(e) >= micros(from) &&
          micros(e) <= micros(to),
      ],
      ["event_names=no_such_event", () => false],
      ["user_id=1", () => false],
    ];
    for (const [query, keep] of cases) {
      const expected = truth.filter(keep).reverse();
      const served = withoutMalformed(await pageAll(sim, query, 97));
      expect(
        served.map((e) => e.id),
        query,
      ).toEqual(expected.map((e) => e.id));
    }
  });

  it("points next_cursor at the next matching event", async () => {
    const user = truth[10]?.user_id as number;
    const mine = truth.filter((e) => e.user_id === user).reverse();
    const first = await page(sim, `limit=2&user_id=${user}`);
    expect(first.data.map((e) => e.id)).toEqual(mine.slice(0, 2).map((e) => e.id));
    expect(first.next_cursor).toBe(mine[2]?.id ?? "");
  });

  it("reads offsets and fractional digits in date filters", async () => {
    const e = truth[truth.length >> 1] as Event;
    const utc = new Date(micros(e) / 1000);
    const tokyo = new Date(utc.getTime() + 9 * 3_600_000).toISOString().replace("Z", "").slice(0, 23) + "999+09:00";
    const exact = await page(sim, `limit=1000&start_at=${encodeURIComponent(e.timestamp as string)}&end_at=${encodeURIComponent(tokyo)}`);
    expect(exact.data.map((x) => x.id)).toContain(e.id);
  });
});

describe("rate limit", () => {
  it("blocks the key for blockMs once the window's quota is exceeded", async () => {
    const limited = await startSimulator({ ...BASE, events: 200, quota: { requests: 5, windowMs: 500, blockMs: 300 } });
    try {
      for (let i = 0; i < 5; i++) expect((await events(limited, "limit=1")).status).toBe(200);
      const refused = await events(limited, "limit=1");
      expect(refused.status).toBe(429);
      expect(refused.json()).toEqual({ message: "Too Many Requests" });
      expect(refused.headers["retry-after"]).toBeUndefined();
      expect((await events(limited, "limit=1")).status).toBe(429);
      // Another endpoint has its own quota.
      expect((await events(limited, "limit=1", limited.apiKey, "v2")).status).toBe(200);
      await new Promise((r) => setTimeout(r, 330));
      expect((await events(limited, "limit=1")).status).toBe(200);
      expect(limited.stats.quotaBlocks).toBe(1);
      expect(limited.stats.rejectedWhileBlocked).toBe(1);
      expect(limited.stats.byStatus[429]).toBe(2);
      limited.resetQuota();
      for (let i = 0; i < 5; i++) expect((await events(limited, "limit=1")).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("counts a sliding window and can send Retry-After", async () => {
    const limited = await startSimulator({ ...BASE, events: 200, retryAfterHeader: true, quota: { requests: 3, windowMs: 400, blockMs: 2000 } });
    try {
      for (let i = 0; i < 3; i++) expect((await events(limited, "limit=1")).status).toBe(200);
      await new Promise((r) => setTimeout(r, 420));
      for (let i = 0; i < 3; i++) expect((await events(limited, "limit=1")).status).toBe(200);
      const refused = await events(limited, "limit=1");
      expect(refused.status).toBe(429);
      expect(refused.headers["retry-after"]).toBe("2");
    } finally {
      await limited.close();
    }
  });
});

describe("faults", () => {
  it("consumes queued faults one request at a time", async () => {
    sim.injectFaults([
      { kind: "503" },
      { kind: "500" },
      { kind: "502" },
      { kind: "429", retryAfterSeconds: 7 },
      { kind: "slow", ms: 150 },
      { kind: "malformed-body" },
      { kind: "reset" },
    ]);
    expect((await events(sim, "limit=1")).status).toBe(503);
    expect((await events(sim, "limit=1")).status).toBe(500);
    const badGateway = await events(sim, "limit=1");
    expect(badGateway.status).toBe(502);
    expect(badGateway.headers["content-type"]).toMatch(/html/);
    const tooMany = await events(sim, "limit=1");
    expect([tooMany.status, tooMany.headers["retry-after"]]).toEqual([429, "7"]);
    const started = performance.now();
    expect((await events(sim, "limit=1")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const broken = await events(sim, "limit=3");
    expect(broken.status).toBe(200);
    expect(() => broken.json()).toThrow();
    await expect(events(sim, "limit=1")).rejects.toThrow();
    expect((await events(sim, "limit=1")).status).toBe(200);
  });

  it("queues faults through the admin endpoint", async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${sim.url}/__simulator/faults`, { method: "POST", agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(JSON.stringify([{ kind: "500" }]));
    });
    expect(answer).toBe(200);
    expect((await events(sim, "limit=1")).status).toBe(500);
    expect((await events(sim, "limit=1")).status).toBe(200);
  });

  it("draws random faults reproducibly from the seed", async () => {
    const statuses = async (): Promise<number[]> => {
      const s = await startSimulator({ ...BASE, events: 100 });
      try {
        s.setFaultRates({ rate429: 0.2, rate5xx: 0.3 });
        const out: number[] = [];
        for (let i = 0; i < 30; i++) out.push((await events(s, "limit=1")).status);
        s.setFaultRates(null);
        expect((await events(s, "limit=1")).status).toBe(200);
        return out;
      } finally {
        await s.close();
      }
    };
    const a = await statuses();
    expect(a).toEqual(await statuses());
    expect(new Set(a).size).toBeGreaterThan(2);
  });
});

describe("encoding and content", () => {
  it("answers gzip on v2 when asked, plain on v1", async () => {
    const auth = { authorization: `Bearer ${sim.apiKey}`, "accept-encoding": "gzip, deflate" };
    const v2 = await get(sim, `/v2/teams/${sim.teamId}/events?limit=50`, auth);
    expect(v2.headers["content-encoding"]).toBe("gzip");
    const v1 = await get(sim, `/v1/teams/${sim.teamId}/events?limit=50`, auth);
    expect(v1.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(gunzipSync(v2.raw).toString("utf8"))).toEqual(v1.json());
    const identity = await get(sim, `/v2/teams/${sim.teamId}/events?limit=5`, { authorization: `Bearer ${sim.apiKey}` });
    expect(identity.headers["content-encoding"]).toBeUndefined();
  });

  it("keeps Unicode computer names intact on the wire", async () => {
    const all = await events(sim, "limit=1000");
    const body = all.text;
    expect(Buffer.byteLength(body)).toBe(Number(all.headers["content-length"]));
    const names = new Set(truth.flatMap((e) => [(e.data as Event).host_computer_name, (e.data as Event).client_computer_name]));
    const nonAscii = [...names].filter((n): n is string => typeof n === "string" && /[^\x00-\x7f]/.test(n));
    expect(nonAscii.length).toBeGreaterThan(3);
    expect(nonAscii.some((n) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(n))).toBe(true);
    const served = (JSON.parse(body) as { data: Event[] }).data;
    for (const e of served) {
      if (malformedJson.has(JSON.stringify(e))) continue;
      expect(JSON.stringify(e)).toBe(JSON.stringify(truth.find((t) => t.id === e.id)));
    }
  });

  it("produces realistic, schema-valid events and invalid malformed ones", () => {
    for (const e of truth) expect(parsecEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
    for (const e of sim.malformed()) expect(parsecEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(false);
    const first = truth[0] as Event;
    expect(first.name).toBe("team_create");
    expect(Object.keys(first)).toEqual(["id", "name", "timestamp", "user_id", "team_id", "data", "user_email"]);
    expect(Object.keys(first.data as Event)).toEqual([
      "app_version",
      "client_peer_id",
      "client_type",
      "host_peer_id",
      "ip",
      "os",
      "team_id",
      "team_name",
      "team_seats",
    ]);
    for (const e of truth.slice(0, 500)) {
      const keys = Object.keys(e.data as Event);
      expect(keys).toEqual([...keys].sort());
    }
    const names = new Set(truth.map((e) => e.name));
    for (const n of [
      "conn_client_offer",
      "conn_signal_offer_relayed",
      "p2p_client_complete",
      "p2p_host_complete",
      "client_disconnect",
      "team_member_add",
      "team_invite_create",
    ]) {
      expect(names.has(n), n).toBe(true);
    }
    const admin = truth.filter((e) => !/^(conn_|p2p_|client_disconnect)/.test(e.name as string)).length / truth.length;
    expect(admin).toBeGreaterThan(0.03);
    expect(admin).toBeLessThan(0.12);
    expect(truth.some((e) => e.user_email === undefined)).toBe(true);
    expect(truth.some((e) => /\.\d{6}Z$/.test(e.timestamp as string))).toBe(true);
    const codes = new Set(truth.map((e) => (e.data as Event).exit_code).filter((c) => typeof c === "number" && c !== 0));
    expect(codes.size).toBeGreaterThan(5);
    const shared = truth.find((e) => (e.data as Event).host_is_shared_team_computer === true);
    expect((shared?.data as Event | undefined)?.host_user_id).toBe(0);
    // One attempt: a client offer, then the host's and the client's view of the same attempt_id.
    const attempt = (truth.find((e) => e.name === "client_disconnect")?.data as Event | undefined)?.attempt_id;
    const flow = truth.filter((e) => (e.data as Event).attempt_id === attempt).map((e) => e.name);
    expect(flow).toContain("conn_client_offer");
    expect(flow.filter((n) => n === "client_disconnect").length).toBeGreaterThanOrEqual(1);
  });

  it("reads the documented example id as a KSUID of the example's second", () => {
    const id = new Uint32Array(5);
    expect(decodeKsuid("1sn61hB1dYM1IWxTuJynYdzbwNs", id)).toBe(true);
    expect(new Date(((id[0] as number) + KSUID_EPOCH_SECONDS) * 1000).toISOString()).toBe("2021-05-20T07:29:52.000Z");
    expect(encodeKsuid(id)).toBe("1sn61hB1dYM1IWxTuJynYdzbwNs");
  });
});

describe("timestamps", () => {
  it("parses offsets and keeps filters inclusive beyond microseconds", () => {
    expect(parseTimestampMicros("2021-05-20T07:29:52.049Z")).toBe(1_621_495_792_049_000);
    expect(parseTimestampMicros("2021-05-20T16:29:52.049123+09:00")).toBe(1_621_495_792_049_123);
    expect(parseTimestampMicros("2021-05-20T07:29:52.0491231Z", "floor")).toBe(1_621_495_792_049_123);
    expect(parseTimestampMicros("2021-05-20T07:29:52.0491231Z", "ceil")).toBe(1_621_495_792_049_124);
    expect(parseTimestampMicros("2021-02-30T00:00:00Z")).toBeNull();
    expect(parseTimestampMicros("yesterday")).toBeNull();
  });
});

describe("determinism", () => {
  it("gives byte-identical histories for the same seed and different ones otherwise", async () => {
    const a = await startSimulator({ ...BASE, events: 800 });
    const b = await startSimulator({ ...BASE, events: 800 });
    const c = await startSimulator({ ...BASE, events: 800, seed: 43 });
    try {
      expect([a.teamId, a.apiKey]).toEqual([b.teamId, b.apiKey]);
      expect(a.teamId).toMatch(/^[0-9A-Za-z]{27}$/);
      expect(a.apiKey).toMatch(/^tapi_[0-9A-Za-z]{27}\.\S+$/);
      expect(a.apiKey.startsWith(`tapi_${a.teamId}.`)).toBe(false);
      expect((await events(a, "limit=1000")).text).toBe((await events(b, "limit=1000")).text);
      expect(JSON.stringify([...a.groundTruth()])).toBe(JSON.stringify([...b.groundTruth()]));
      expect(JSON.stringify([...c.groundTruth()])).not.toBe(JSON.stringify([...a.groundTruth()]));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe("append", () => {
  it("feeds new events live and stops when closed", async () => {
    // The simulated clock runs a working day past the history's end: the first tick has a day's events to serve.
    const live = await startSimulator({ ...BASE, events: 300, endAt: new Date(), days: 2, clockOffsetMs: 86_400_000, liveAppendEveryMs: 20 });
    const before = live.count();
    await new Promise((r) => setTimeout(r, 400));
    await live.close();
    const after = live.count();
    expect(after).toBeGreaterThan(before);
    await new Promise((r) => setTimeout(r, 100));
    expect(live.count()).toBe(after);
  });

  it("adds events now and late-arriving events in the past, in id order", async () => {
    const live = await startSimulator({ ...BASE, events: 500, endAt: undefined, days: 5 });
    try {
      const before = live.count();
      const at = new Date();
      const added = live.append({ count: 5, at });
      expect(added).toHaveLength(5);
      expect(live.count()).toBe(before + 5);
      for (const e of added) {
        expect(parsecEventSchema.safeParse(e).success).toBe(true);
        expect(micros(e)).toBeLessThanOrEqual(at.getTime() * 1000);
        expect(micros(e)).toBeGreaterThan((at.getTime() - 30_000) * 1000);
      }
      const newest = await page(live, "limit=50");
      for (const e of added) expect(newest.data).toContainEqual(e);

      const late = live.append({ count: 3, at, lateBySeconds: 3600 });
      const lateFrom = new Date(at.getTime() - 3600_000 - 30_000).toISOString();
      const lateTo = new Date(at.getTime() - 3600_000).toISOString();
      const window = await page(live, `limit=1000&start_at=${lateFrom}&end_at=${lateTo}`);
      for (const e of late) expect(window.data).toContainEqual(e);

      const all = [...live.groundTruth()];
      expect(all).toHaveLength(live.count() - live.malformed().length);
      const ids = all.map((e) => e.id as string);
      expect(ids).toEqual([...ids].sort());
      for (const e of [...added, ...late]) expect(ids).toContain(e.id);

      const viaAdmin = await new Promise<{ added: number }>((resolve, reject) => {
        const req = httpRequest(`${live.url}/__simulator/append`, { method: "POST", agent: false }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve(JSON.parse(text) as { added: number }));
        });
        req.on("error", reject);
        req.end(JSON.stringify({ count: 4, lateBySeconds: 60 }));
      });
      expect(viaAdmin.added).toBe(4);
      expect(live.count()).toBe(before + 12);
      const stats = (await get(live, "/__simulator/stats")).json() as { count: number; requests: number };
      expect(stats.count).toBe(live.count());
      expect(stats.requests).toBe(live.stats.requests);
    } finally {
      await live.close();
    }
  });
});

describe("live feed", () => {
  const DAY_MS = 86_400_000;
  const WEEK_LATER = new Date(END_AT.getTime() + 7 * DAY_MS);

  it("serves the same events for a seed however its clock was stepped, at the history's pace", async () => {
    const [stepped, jumped] = await Promise.all([startSimulator(BASE), startSimulator(BASE)]);
    try {
      const historyCount = [...stepped.groundTruth()].length;
      // One simulator ticks every seven minutes, as a running demo would; the other starts a week
      // later, as the demo does after a restart, and catches up at once.
      for (let t = END_AT.getTime(); t <= WEEK_LATER.getTime(); t += 7 * 60_000) stepped.advanceLive(new Date(t));
      stepped.advanceLive(WEEK_LATER);
      jumped.advanceLive(WEEK_LATER);
      const served = [...stepped.groundTruth()];
      expect(JSON.stringify(served)).toBe(JSON.stringify([...jumped.groundTruth()]));
      expect(JSON.stringify(stepped.sessions())).toBe(JSON.stringify(jumped.sessions()));
      const perDayLive = (served.length - historyCount) / 7;
      const perDayHistory = historyCount / (BASE.days as number);
      expect(perDayLive).toBeGreaterThan(perDayHistory / 2);
      expect(perDayLive).toBeLessThan(perDayHistory * 2);
      expect(served.every((e) => Date.parse(e.timestamp as string) <= WEEK_LATER.getTime())).toBe(true);
    } finally {
      await Promise.all([stepped.close(), jumped.close()]);
    }
  });

  it("never has one user connected twice to the same host at once, in the history or live", async () => {
    const sim = await startSimulator({ ...BASE, events: 20_000, days: 90 });
    try {
      sim.advanceLive(WEEK_LATER);
      const sessions = sim.sessions();
      expect(sessions.length).toBeGreaterThan(2_000);
      expect(parallelSessions(sessions.map((s) => ({ ...s, fromMs: s.connectedAtMs, toMs: s.endedAtMs })))).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
