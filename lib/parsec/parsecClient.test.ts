import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AuthError,
  BadRequestError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  ParsecApiError,
  PermissionError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnexpectedStatusError,
} from "./errors";
import { ParsecClient, type ParsecClientOptions, type WaitNotice } from "./parsecClient";
import { latestParsecTime } from "./parsecClock";
import { MemoryRequestLedger } from "./requestLedger";

const TEAM = "1sn61992rNstjlDoJWnFXRRkxPZ";
const SECRET = "Zk3yS3cr3tValue0123456789abcdef";
const KEY = `tapi_${TEAM}.${SECRET}`;
const START = Date.parse("2025-01-02T03:04:05Z"); // a whole second, as HTTP-dates are

// ---------------------------------------------------------------------------------------------
// A real HTTP server on 127.0.0.1 answering from a script, one handler per request.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

let server: Server;
let baseUrl: string;
let script: Handler[] = [];
let seen: Seen[] = [];

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
const page = (data: unknown[], next_cursor?: string | null) => json(200, { data, next_cursor });
const after =
  (ms: number, handler: Handler): Handler =>
  (req, res) => {
    const timer = setTimeout(() => handler(req, res), ms);
    res.on("close", () => clearTimeout(timer));
  };
const reset: Handler = (req) => req.socket.resetAndDestroy();

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    const handler = script.shift() ?? json(599, { message: "test script exhausted" });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // Nothing in this file may have logged the key (the client logs nothing at all, in fact).
  expectNoSecret(consoleOutput);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// ---------------------------------------------------------------------------------------------
// Fake time: sleeping advances the clock at once, so minutes-long waits take no time.

let clock = START;
let sleeps: number[] = [];
let waits: WaitNotice[] = [];
const consoleOutput: unknown[][] = [];

beforeEach(() => {
  script = [];
  seen = [];
  clock = START;
  sleeps = [];
  waits = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOutput.push(args));
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

function client(overrides: Partial<ParsecClientOptions> = {}): ParsecClient {
  return new ParsecClient({
    baseUrl,
    apiKey: KEY,
    teamId: TEAM,
    quota: null,
    now: () => clock,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    onWait: (w) => waits.push(w),
    ...overrides,
  });
}

/** Every way an error could be printed, logged or serialised must be free of the key. */
function expectNoSecret(value: unknown): void {
  const renderings = [
    String(value),
    inspect(value, { depth: Infinity, showHidden: true }),
    JSON.stringify(value) ?? "",
    value instanceof Error ? `${value.message}\n${value.stack ?? ""}` : "",
  ];
  for (const text of renderings) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SECRET);
  }
}

async function failure(promise: Promise<unknown>): Promise<ParsecApiError> {
  const error = await promise.then(
    () => {
      throw new Error("expected listEvents to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParsecApiError);
  expectNoSecret(error);
  return error as ParsecApiError;
}

const event = { id: "1sn61hB1dYM1IWxTuJynYdzbwNs", name: "team_create" };

// ---------------------------------------------------------------------------------------------

describe("requests", () => {
  it("GETs /v1/teams/{teamID}/events with the Bearer key and returns one page", async () => {
    script = [page([event, { not: "validated here" }], "2abc")];
    const result = await client().listEvents({ limit: 2 });
    expect(result).toEqual({ events: [event, { not: "validated here" }], nextCursor: "2abc", requestMs: 0, attempts: 1, clock: expect.any(Object) });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`/v1/teams/${TEAM}/events?limit=2`);
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen[0]!.headers.accept).toBe("application/json");
  });

  it("reads Parsec's clock from the answer's Date header, beside ours, and ignores a header that is no date", async () => {
    const parsecNow = START + 9 * 3_600_000;
    script = [json(200, { data: [] }, { date: new Date(parsecNow).toUTCString() }), json(200, { data: [] }, { date: "yesterday-ish" })];
    const c = client();
    expect((await c.listEvents({ limit: 10 })).clock).toEqual({ parsecMs: parsecNow, localMs: START, offsetMs: 9 * 3_600_000 });
    expect((await c.listEvents({ limit: 10 })).clock).toBeNull();
  });

  it("measures the clock's difference from when the request was sent: an answer read late still bounds Parsec's now from above", async () => {
    const offsetMs = 9 * 3_600_000;
    // Parsec writes the header 400 ms after the request left; this process reads the answer 3 s after that.
    script = [
      (req, res) => {
        const parsecNow = clock + 400 + offsetMs;
        clock += 3_400;
        json(200, { data: [] }, { date: new Date(parsecNow).toUTCString() })(req, res);
      },
    ];
    const reading = (await client().listEvents({ limit: 10 })).clock!;
    expect(reading.localMs).toBe(START + 3_400);
    const parsecNowAtRead = clock + offsetMs;
    expect(latestParsecTime(clock, reading.offsetMs)).toBeGreaterThanOrEqual(parsecNowAtRead);
    // Off by no more than the header's whole second and the request's way out.
    expect(latestParsecTime(clock, reading.offsetMs) - parsecNowAtRead).toBeLessThanOrEqual(1_400);
  });

  it("turns an empty, null or absent next_cursor into null", async () => {
    script = [page([], ""), page([], null), json(200, { data: [] })];
    const c = client();
    for (let i = 0; i < 3; i++) expect((await c.listEvents({ limit: 10 })).nextCursor).toBeNull();
  });

  it("encodes every query parameter", async () => {
    script = [page([])];
    await client().listEvents({
      limit: 1000,
      startAt: "2021-05-20T16:29:52.049+09:00",
      endAt: "2021-05-21T07:29:52.049123456Z",
      userId: 6181803,
      eventNames: ["conn_client_offer", "client_disconnect"],
      cursor: "1sn61hB1dYM1IWxTuJynYdzbwNs",
      after: "1sn61hB1dYM1IWxTuJynYdzbwNt",
    });
    const url = new URL(seen[0]!.url, baseUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: "1000",
      start_at: "2021-05-20T16:29:52.049+09:00",
      end_at: "2021-05-21T07:29:52.049123456Z",
      user_id: "6181803",
      event_names: "conn_client_offer,client_disconnect",
      cursor: "1sn61hB1dYM1IWxTuJynYdzbwNs",
      after: "1sn61hB1dYM1IWxTuJynYdzbwNt",
    });
    // A literal "+" would reach the server as a space.
    expect(seen[0]!.url).toContain("start_at=2021-05-20T16%3A29%3A52.049%2B09%3A00");
  });

  it("uses v2 when configured and keeps a path prefix of the base URL", async () => {
    script = [page([])];
    await client({ apiVersion: "v2", baseUrl: `${baseUrl}/parsec/` }).listEvents({ limit: 5 });
    expect(seen[0]!.url).toBe(`/parsec/v2/teams/${TEAM}/events?limit=5`);
  });

  it("refuses invalid parameters before spending a request", async () => {
    const c = client();
    await expect(c.listEvents({ limit: 0 })).rejects.toThrow(TypeError);
    await expect(c.listEvents({ limit: 10, startAt: "2021-05-20" })).rejects.toThrow(/start_at/);
    await expect(c.listEvents({ limit: 10, userId: 1.5 })).rejects.toThrow(/user_id/);
    await expect(c.listEvents({ limit: 10, eventNames: ["a,b"] })).rejects.toThrow(/comma/);
    expect(seen).toHaveLength(0);
  });

  it("refuses a bad configuration without quoting the key", () => {
    for (const apiKey of [`${KEY} `, `${KEY}\n`, `tapi_x.${SECRET}é`]) {
      let thrown: unknown;
      try {
        client({ apiKey });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expectNoSecret(thrown);
    }
    expect(() => client({ baseUrl: "api.parsec.app" })).toThrow(/PARSEC_API_BASE_URL/);
    expect(() => client({ teamId: "" })).toThrow(/PARSEC_TEAM_ID/);
    expect(() => client({ maxAttempts: 0 })).toThrow(RangeError);
  });
});

describe("client errors: no retry, actionable messages", () => {
  it("401 → AuthError naming PARSEC_API_KEY and the key format, with Parsec's message", async () => {
    script = [json(401, { message: "Unauthorized" })];
    const error = await failure(client().listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, retryable: false, parsecMessage: "Unauthorized" });
    expect(error.message).toContain("Parsec rejected the API key (401 Unauthorized). Check PARSEC_API_KEY");
    expect(error.message).toContain("may have been disabled");
    expect(error.message).toContain('"Unauthorized"');
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("403 → PermissionError about the Access Audit Log permission", async () => {
    script = [json(403, { message: "Forbidden" })];
    const error = await failure(client().listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.message).toContain("lacks the Access Audit Log permission");
    expect(seen).toHaveLength(1);
  });

  it("404 → NotFoundError naming the team and PARSEC_TEAM_ID", async () => {
    script = [json(404, "404 page not found")];
    const error = await failure(client().listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(`Team ${TEAM} not found (404). Check PARSEC_TEAM_ID`);
    expect(error.parsecMessage).toBeUndefined();
  });

  it("400 → BadRequestError quoting Parsec's message", async () => {
    script = [json(400, { message: "invalid start_at" })];
    const error = await failure(client().listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe("Parsec refused the request (400): invalid start_at.");
  });

  it("redacts the key when Parsec echoes it back", async () => {
    script = [json(401, { message: `invalid key ${KEY} (secret ${SECRET})` })];
    const error = await failure(client().listEvents({ limit: 10 }));
    expect(error.message).toContain("invalid key [redacted] (secret [redacted])");
  });

  it("does not follow redirects, so the key goes nowhere else", async () => {
    script = [json(302, "", { location: "http://127.0.0.2:1/elsewhere" })];
    const error = await failure(client().listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect(error.message).toContain("http://127.0.0.2:1/elsewhere");
    expect(seen).toHaveLength(1);
  });
});

describe("429", () => {
  it("waits Retry-After seconds (plus a margin), then retries", async () => {
    script = [json(429, { message: "Too Many Requests" }, { "retry-after": "7" }), page([event])];
    const result = await client().listEvents({ limit: 10 });
    expect(result.attempts).toBe(2);
    expect(sleeps).toEqual([8_000]);
    expect(waits).toEqual([{ reason: "rate-limited", ms: 8_000, detail: expect.stringContaining("429") }]);
  });

  it("waits until a Retry-After HTTP-date", async () => {
    const at = new Date(START + 20_000).toUTCString();
    script = [json(429, {}, { "retry-after": at }), page([])];
    await client().listEvents({ limit: 10 });
    expect(sleeps).toEqual([21_000]);
  });

  it("waits the documented 5-minute block without Retry-After (blockMs configurable)", async () => {
    script = [json(429, {}), page([])];
    await client().listEvents({ limit: 10 });
    expect(sleeps).toEqual([301_000]);

    script = [json(429, {}), page([])];
    sleeps = [];
    await client({ blockMs: 60_000 }).listEvents({ limit: 10 });
    expect(sleeps).toEqual([61_000]);
  });

  it("gives up after max429 429s in a row with a RateLimitedError saying when to retry", async () => {
    script = [json(429, { message: "Too Many Requests" }), json(429, {}), json(429, {}), page([])];
    const error = await failure(client().listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([301_000, 301_000]);
    const retryAt = new Date(START + 2 * 301_000 + 300_000).toISOString();
    expect((error as RateLimitedError).retryAt.toISOString()).toBe(retryAt);
    expect(error.message).toContain("Parsec blocks a key for 5 minutes");
    expect(error.message).toContain(`Retry after ${retryAt}`);
    expect(error.message).toContain("Gave up after 3 attempts");
    expect(error.attempts).toBe(3);

    script = [json(429, {}), page([])];
    seen = [];
    await failure(client({ max429: 1 }).listEvents({ limit: 10 }));
    expect(seen).toHaveLength(1);
  });
});

describe("transient failures: bounded retries with backoff", () => {
  it("500 then 200 succeeds after a jittered backoff", async () => {
    script = [json(500, { message: "boom" }), page([event], "next")];
    const result = await client().listEvents({ limit: 10 });
    expect(result).toMatchObject({ events: [event], nextCursor: "next", attempts: 2 });
    expect(sleeps).toEqual([500]); // random 0.5 × base 1 s
    expect(waits[0]).toMatchObject({ reason: "retry", ms: 500 });
    expect(waits[0]!.detail).toContain("HTTP 500");
  });

  it("gives up after maxAttempts with a ServerError, the backoff growing each time", async () => {
    script = Array.from({ length: 6 }, () => json(503, { message: "unavailable" }));
    const error = await failure(client({ random: () => 0.999 }).listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, retryable: true, attempts: 5 });
    expect(seen).toHaveLength(5);
    expect(sleeps).toEqual([999, 1998, 3996, 7992]);
  });

  it("a connection reset is a NetworkError, retried", async () => {
    script = [reset, page([event])];
    const result = await client().listEvents({ limit: 10 });
    expect(result.attempts).toBe(2);

    script = [reset, reset];
    const error = await failure(client({ maxAttempts: 2 }).listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("connection to Parsec");
  });

  it("a refused connection is a NetworkError with its code", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(client({ baseUrl: `http://127.0.0.1:${port}`, maxAttempts: 2 }).listEvents({ limit: 1 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe("ECONNREFUSED");
    expect(error.attempts).toBe(2);
  });

  it("a transfer cut short (less body than Content-Length) is retried", async () => {
    const cut: Handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"data":[{"id":');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    script = [cut, page([event])];
    expect((await client().listEvents({ limit: 10 })).attempts).toBe(2);
  });

  it("truncated JSON is a MalformedResponseError, retried, then thrown", async () => {
    script = [json(200, '{"data":[{"id":"1sn6'), page([event])];
    expect((await client().listEvents({ limit: 10 })).events).toEqual([event]);

    seen = [];
    script = [json(200, '{"data":[{"id":"1sn6'), json(200, "<html>proxy</html>"), json(200, '{"data":')];
    const error = await failure(client({ maxAttempts: 3 }).listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error.message).toContain("is not JSON");
    expect(seen).toHaveLength(3);
  });

  it("a JSON body that is not an events page is a MalformedResponseError naming the problem", async () => {
    script = [json(200, { events: [] })];
    const error = await failure(client({ maxAttempts: 1 }).listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error.message).toContain("not a page of events");
    expect(error.message).toContain("data");
  });

  it("a response slower than timeoutMs is a TimeoutError, retried", async () => {
    script = [after(2_000, page([])), page([event])];
    const started = performance.now();
    const result = await client({ timeoutMs: 100 }).listEvents({ limit: 10 });
    expect(result.attempts).toBe(2);
    expect(performance.now() - started).toBeLessThan(1_500);

    script = [after(2_000, page([]))];
    const error = await failure(client({ timeoutMs: 100, maxAttempts: 1 }).listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("100 ms");
  });

  it("the timeout covers a body that stalls after the headers", async () => {
    const stall: Handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":[');
    };
    script = [stall];
    const started = performance.now();
    const error = await failure(client({ timeoutMs: 150, maxAttempts: 1 }).listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("a throwing onWait callback does not break the request", async () => {
    script = [json(500, {}), page([])];
    const result = await client({
      onWait: () => {
        throw new Error("display failed");
      },
    }).listEvents({ limit: 10 });
    expect(result.attempts).toBe(2);
  });
});

describe("pacing", () => {
  it("waits for the quota between pages and reports it", async () => {
    script = [page([]), page([]), page([])];
    const c = client({ quota: { requests: 2, windowMs: 10_000 }, ledger: new MemoryRequestLedger() });
    for (let i = 0; i < 3; i++) await c.listEvents({ limit: 10 });
    expect(sleeps).toEqual([10_000]);
    expect(waits).toEqual([{ reason: "quota", ms: 10_000, detail: expect.stringContaining("for the API quota") }]);
  });

  it("counts requests of another client sharing the ledger, and retries too", async () => {
    const ledger = new MemoryRequestLedger();
    const quota = { requests: 3, windowMs: 60_000 };
    script = [page([]), json(500, {}), page([]), page([])];
    await client({ quota, ledger }).listEvents({ limit: 10 }); // the CLI
    const serverClient = client({ quota, ledger });
    await serverClient.listEvents({ limit: 10 }); // 500, then 200: two slots
    expect(sleeps).toEqual([500]);
    await serverClient.listEvents({ limit: 10 });
    expect(sleeps).toEqual([500, 60_000 - 500]);
  });
});

describe("abort", () => {
  it("rejects at once with an already-aborted signal, sending nothing", async () => {
    const error = await client()
      .listEvents({ limit: 10 }, AbortSignal.abort())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(seen).toHaveLength(0);
  });

  it("cancels a request in flight promptly", async () => {
    script = [after(5_000, page([]))];
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    await expect(client({ timeoutMs: 10_000 }).listEvents({ limit: 10 }, controller.signal)).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("cancels a 429 wait promptly (real sleep)", async () => {
    script = [json(429, {})];
    const controller = new AbortController();
    const started = performance.now();
    const c = new ParsecClient({ baseUrl, apiKey: KEY, teamId: TEAM, quota: null, onWait: () => controller.abort() });
    await expect(c.listEvents({ limit: 10 }, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("cancels a quota wait promptly (real sleep)", async () => {
    const ledger = new MemoryRequestLedger();
    const c = new ParsecClient({ baseUrl, apiKey: KEY, teamId: TEAM, quota: { requests: 1, windowMs: 300_000 }, ledger });
    await ledger.settle(await ledger.reserve(c.ledgerKey, Date.now(), Date.now()), Date.now());
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 30);
    await expect(c.listEvents({ limit: 10 }, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(seen).toHaveLength(0);
  });
});

describe("the API key never leaks", () => {
  it("appears in no error of any kind, nor in wait notices", async () => {
    script = [
      json(401, { message: KEY }),
      json(403, { message: SECRET }),
      json(404, { message: `team of ${KEY}` }),
      json(400, { message: KEY }),
      json(429, { message: KEY }, { "retry-after": "1" }),
      json(500, { message: KEY }),
      json(302, "", { location: `http://127.0.0.1:1/?key=${KEY}` }),
      json(200, `{"data": "${KEY}"}`),
      json(200, `not json ${KEY}`),
    ];
    const c = client({ maxAttempts: 1, max429: 1 });
    for (let i = 0; i < 9; i++) await failure(c.listEvents({ limit: 10 }));
    expect(seen).toHaveLength(9);
    const retrying = client();
    script = [json(500, { message: `${KEY} exploded` }), json(429, { message: KEY }), page([])];
    await retrying.listEvents({ limit: 10 });
    expect(waits.length).toBeGreaterThanOrEqual(2);
    for (const w of waits) expectNoSecret(w);
    expectNoSecret(consoleOutput);
  });

  it("is redacted from an underlying fetch error that quotes it", async () => {
    const quoting: typeof fetch = async (_input, init) => {
      const auth = new Headers(init?.headers).get("authorization");
      throw new TypeError("fetch failed", { cause: new Error(`invalid header value "${auth}"`) });
    };
    const error = await failure(client({ fetch: quoting, maxAttempts: 2 }).listEvents({ limit: 10 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain('invalid header value "Bearer [redacted]"');
    for (const w of waits) expectNoSecret(w);
  });
});
