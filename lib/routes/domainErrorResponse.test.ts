import { describe, expect, it, vi } from "vitest";
import { FilterError } from "../events/eventFilters";
import { ImportFileError } from "../ingest/importEvents";
import { UploadTooLargeError } from "../ingest/importUpload";
import { PermissionError } from "../parsec/errors";
import { StoreUnavailableError } from "../server/checkHealth";
import { SyncAlreadyRunningError } from "../ingest/syncLock";
import { SyncFailedError } from "../sync/syncTeamEvents";
import { DOMAIN_ERROR_ANSWERS, domainErrorResponse } from "./domainErrorResponse";
import { BadParameterError, MethodNotAllowedError, ResourceNotFoundError } from "../http/requestErrors";
import { recordLogMessages } from "../logging/testing";
import { routeHandler } from "./routeHandler";

const answerOf = async (error: unknown) => {
  const response = domainErrorResponse(error);
  return response && { status: response.status, body: await response.json(), allow: response.headers.get("allow") };
};

describe("the one mapping of domain errors to HTTP answers", () => {
  const running = new SyncAlreadyRunningError(new Date("2026-11-25T14:05:09Z"));
  const failed = new SyncFailedError("Parsec rejected the API key.", 42, { received: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, pages: 0 });
  const refused = new PermissionError();
  const cases: [string, Error, number, Record<string, unknown>][] = [
    ["a bad filter", new FilterError("from is not a time"), 400, { message: "from is not a time" }],
    ["a bad parameter", new BadParameterError("id: is required"), 400, { message: "id: is required" }],
    ["an upload too large", new UploadTooLargeError("The file is over 50 MB."), 413, { message: "The file is over 50 MB." }],
    ["a file in no accepted format", new ImportFileError("expected a Parsec audit-log download"), 400, { message: "expected a Parsec audit-log download" }],
    ["something not found", new ResourceNotFoundError('No stored event has the id "x".'), 404, { message: 'No stored event has the id "x".' }],
    ["a method the route does not take", new MethodNotAllowedError("Upload a file with POST.", ["POST"]), 405, { message: "Upload a file with POST." }],
    ["a sync already running", running, 409, { message: running.message }],
    ["a sync that failed", failed, 502, { status: "failed", runId: 42, message: "Parsec rejected the API key." }],
    ["Parsec refusing the key", refused, 502, { message: refused.message }],
    [
      "a store that does not answer",
      new StoreUnavailableError("The database does not answer."),
      503,
      { status: "error", message: "The database does not answer." },
    ],
  ];

  it.each(cases)("answers %s with its status and the {message} envelope", async (_what, error, status, body) => {
    expect(await answerOf(error)).toMatchObject({ status, body });
    expect(Object.keys((await answerOf(error))!.body).sort()).toEqual(Object.keys(body).sort());
  });

  it("names the methods a route takes when it refuses one", async () => {
    expect((await answerOf(new MethodNotAllowedError("Use POST.", ["POST"])))!.allow).toBe("POST");
  });

  it("has an answer for every error the cases name, and a subclass before its parent", () => {
    const order = DOMAIN_ERROR_ANSWERS.map((entry) => entry.type);
    expect(order.indexOf(UploadTooLargeError)).toBeLessThan(order.indexOf(ImportFileError));
    for (const [, error] of cases) expect(DOMAIN_ERROR_ANSWERS.some((entry) => error instanceof entry.type)).toBe(true);
  });

  it("maps nothing else: a bug is no domain error", () => {
    expect(domainErrorResponse(new TypeError("x is undefined"))).toBeNull();
    expect(domainErrorResponse("thrown text")).toBeNull();
  });
});

describe("routeHandler", () => {
  const request = new Request("http://viewer.test/route?x=1");
  const admin = async () => ({ email: "admin@example.com" });

  it("answers the refusal authorize returns, without parsing or running", async () => {
    const run = vi.fn();
    const handler = routeHandler({ authorize: async () => new Response(null, { status: 401 }), parse: () => run(), run });
    expect((await handler(request)).status).toBe(401);
    expect(run).not.toHaveBeenCalled();
  });

  it("hands the parsed input and the caller to run, and answers its result as JSON", async () => {
    const handler = routeHandler({
      authorize: admin,
      parse: (r) => new URL(r.url).searchParams.get("x"),
      run: async (x, { caller }) => ({ x, by: caller.email }),
    });
    const response = await handler(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ x: "1", by: "admin@example.com" });
  });

  it("answers a domain error from authorize, parse or run through the mapping", async () => {
    const fromAuthorize = routeHandler({ authorize: () => Promise.reject(new ResourceNotFoundError("Not configured.")), run: async () => ({}) });
    const fromParse = routeHandler({
      authorize: admin,
      parse: () => {
        throw new FilterError("bad");
      },
      run: async () => ({}),
    });
    const fromRun = routeHandler({ authorize: admin, run: () => Promise.reject(new UploadTooLargeError("too large")) });
    expect([(await fromAuthorize(request)).status, (await fromParse(request)).status, (await fromRun(request)).status]).toEqual([404, 400, 413]);
    expect(await (await fromRun(request)).json()).toEqual({ message: "too large" });
  });

  it("answers a bug 500 in the same envelope and logs it; Next.js's own signals pass through", async () => {
    const logged = recordLogMessages();
    try {
      const bug = routeHandler({ authorize: admin, run: () => Promise.reject(new TypeError("x is undefined")) });
      const response = await bug(request);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: expect.stringContaining("its log says why") });
      expect(logged.lines).toEqual([
        expect.objectContaining({
          level: "error",
          component: "http",
          msg: "GET /route failed",
          err: expect.objectContaining({ type: "TypeError", message: "x is undefined" }),
        }),
      ]);
    } finally {
      logged.restore();
    }
    const signal = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/sign-in;307;" });
    await expect(routeHandler({ authorize: admin, run: () => Promise.reject(signal) })(request)).rejects.toBe(signal);
  });
});
