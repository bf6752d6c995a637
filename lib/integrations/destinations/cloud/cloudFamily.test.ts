import { describe, expect, it } from "vitest";
import { seedEvents } from "../../../ingest/testing";
import { deliverPending } from "../../delivery/deliverPending";
import { destinationsOf, eventSeries, type Answer, type ReceivedRequest, useDatabaseAndReceiver } from "../../testing";

/**
 * The two clouds' log services through their official SDKs, each against a local double over a
 * real socket that checks the wire format and enforces the limits the service's API reference
 * gives: CloudWatch Logs (the AWS JSON 1.1 protocol, SigV4-signed) and Google Cloud Logging
 * (entries.write over HTTPS/JSON, with a bearer token).
 */

const FAST = { retryDelaysMs: [5] };
const DAY_MS = 86_400_000;

const fixture = useDatabaseAndReceiver();

interface StoredEvent {
  id: string;
  timestamp: string;
  name: string;
  user_email?: string;
}

describe("cloudwatch-logs", () => {
  const ENV = { CW_KEY: "AKIDEXAMPLE", CW_SECRET: "secret-example" };
  const entry = (fields: Record<string, unknown> = {}) => ({
    name: "cw",
    type: "cloudwatch-logs",
    region: "ap-northeast-1",
    logGroupName: "/parsec/audit",
    endpoint: fixture.receiver.url,
    accessKeyIdEnv: "CW_KEY",
    secretAccessKeyEnv: "CW_SECRET",
    ...fields,
  });

  /** CloudWatch Logs as its API reference describes it, for the operations the sender uses. */
  function cloudwatchDouble(options: { groups?: string[]; retentionDays?: number } = {}) {
    const streams = new Map<string, { timestamp: number; message: string }[]>();
    const groups = new Set(options.groups ?? ["/parsec/audit"]);
    const operations: string[] = [];
    const fail = (type: string, message: string, status = 400): Answer => ({
      status,
      headers: { "x-amzn-errortype": type, "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify({ __type: type, message }),
    });
    fixture.receiver.answer = (request: ReceivedRequest) => {
      const target = String(request.headers["x-amz-target"] ?? "");
      if (
        request.method !== "POST" ||
        request.url !== "/" ||
        request.headers["content-type"] !== "application/x-amz-json-1.1" ||
        !target.startsWith("Logs_20140328.")
      )
        return fail("UnknownOperationException", "not the AWS JSON 1.1 protocol");
      if (
        !/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-northeast-1\/logs\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.test(
          String(request.headers.authorization),
        )
      )
        return fail("UnrecognizedClientException", "The security token included in the request is invalid.");
      const operation = target.slice("Logs_20140328.".length);
      operations.push(operation);
      const body = JSON.parse(request.text) as { logGroupName: string; logStreamName?: string; logEvents?: { timestamp: number; message: string }[] };
      const key = `${body.logGroupName}:${body.logStreamName}`;
      if (operation === "CreateLogGroup") {
        if (groups.has(body.logGroupName)) return fail("ResourceAlreadyExistsException", "The specified log group already exists");
        groups.add(body.logGroupName);
        return { status: 200, body: "{}" };
      }
      if (!groups.has(body.logGroupName)) return fail("ResourceNotFoundException", "The specified log group does not exist.");
      if (operation === "CreateLogStream") {
        if (streams.has(key)) return fail("ResourceAlreadyExistsException", "The specified log stream already exists");
        streams.set(key, []);
        return { status: 200, body: "{}" };
      }
      if (operation !== "PutLogEvents") return fail("UnknownOperationException", operation);
      const stream = streams.get(key);
      if (!stream) return fail("ResourceNotFoundException", "The specified log stream does not exist.");
      const events = body.logEvents ?? [];
      const bytes = events.reduce((sum, event) => sum + Buffer.byteLength(event.message) + 26, 0);
      if (events.length === 0 || events.length > 10_000 || bytes > 1_048_576) return fail("InvalidParameterException", "batch size");
      if (events.some((event, i) => i > 0 && event.timestamp < events[i - 1]!.timestamp))
        return fail("InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.");
      if (events.at(-1)!.timestamp - events[0]!.timestamp > DAY_MS)
        return fail("InvalidParameterException", "A batch of log events in a single request cannot span more than 24 hours.");
      // Too old, expired and too new events are dropped from a call that otherwise succeeds.
      const now = Date.now();
      const oldest = now - Math.min(14, options.retentionDays ?? 14) * DAY_MS;
      const tooOld = events.filter((event) => event.timestamp < oldest).length;
      const tooNew = events.findIndex((event) => event.timestamp > now + 2 * 3_600_000);
      const accepted = events.slice(tooOld, tooNew === -1 ? undefined : tooNew);
      stream.push(...accepted);
      const info: Record<string, number> = {};
      if (tooOld > 0) info[options.retentionDays !== undefined && options.retentionDays < 14 ? "expiredLogEventEndIndex" : "tooOldLogEventEndIndex"] = tooOld;
      if (tooNew !== -1) info.tooNewLogEventStartIndex = tooNew;
      return { status: 200, body: JSON.stringify({ nextSequenceToken: "0", ...(Object.keys(info).length ? { rejectedLogEventsInfo: info } : {}) }) };
    };
    return { streams, groups, operations };
  }

  it("creates the missing stream and puts each event's export line at the event's time, in order", async () => {
    const cloud = cloudwatchDouble();
    const events = eventSeries(40, Date.now() - 3 * DAY_MS);
    seedEvents(fixture.database, events);
    const destinations = destinationsOf([entry({ batchSize: 25 })], ENV);
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "caught-up", delivered: 40 });
    const stored = cloud.streams.get("/parsec/audit:parsec-audit-viewer")!;
    expect(stored.map((event) => JSON.parse(event.message))).toEqual(events);
    expect(stored.map((event) => event.timestamp)).toEqual(events.map((event) => Date.parse(event.timestamp)));
    expect(cloud.operations.filter((operation) => operation === "CreateLogStream")).toHaveLength(1);
  });

  it("stamps an event older than CloudWatch takes with the time it is sent, its own time kept in its JSON; nothing is lost", async () => {
    const cloud = cloudwatchDouble();
    const old = eventSeries(5, Date.UTC(2025, 0, 1));
    const recent = eventSeries(5, Date.now() - DAY_MS, 5);
    seedEvents(fixture.database, [...old, ...recent]);
    const before = Date.now();
    await deliverPending(fixture.database.sqlite, destinationsOf([entry()], ENV), FAST);
    const stored = cloud.streams.get("/parsec/audit:parsec-audit-viewer")!;
    expect(stored.map((event) => (JSON.parse(event.message) as StoredEvent).id).sort()).toEqual([...old, ...recent].map((event) => event.id));
    for (const event of stored) {
      const own = Date.parse((JSON.parse(event.message) as StoredEvent).timestamp);
      if (own < before - 14 * DAY_MS) expect(event.timestamp).toBeGreaterThanOrEqual(before);
      else expect(event.timestamp).toBe(own);
    }
  });

  it("sends again, stamped with the time they are sent, the events a short retention expired", async () => {
    const cloud = cloudwatchDouble({ retentionDays: 3 });
    const events = eventSeries(6, Date.now() - 5 * DAY_MS, 0);
    seedEvents(fixture.database, events);
    expect((await deliverPending(fixture.database.sqlite, destinationsOf([entry()], ENV), FAST))[0]).toMatchObject({ status: "caught-up", delivered: 6 });
    const stored = cloud.streams.get("/parsec/audit:parsec-audit-viewer")!;
    expect(stored.map((event) => (JSON.parse(event.message) as StoredEvent).id).sort()).toEqual(events.map((event) => event.id));
    expect(cloud.operations.filter((operation) => operation === "PutLogEvents").length).toBeGreaterThanOrEqual(2);
  });

  it("cuts a batch spanning more than a day into calls of 24 hours; marks a changed event as an update", async () => {
    const cloud = cloudwatchDouble();
    const events = eventSeries(3, Date.now() - 3 * DAY_MS).map((event, i) => ({ ...event, timestamp: new Date(Date.now() - (3 - i) * DAY_MS).toISOString() }));
    seedEvents(fixture.database, events);
    const destinations = destinationsOf([entry()], ENV);
    await deliverPending(fixture.database.sqlite, destinations, FAST);
    expect(cloud.operations.filter((operation) => operation === "PutLogEvents")).toHaveLength(3);
    seedEvents(fixture.database, [{ ...events[1]!, user_email: "new@example.com" }]);
    await deliverPending(fixture.database.sqlite, destinations, FAST);
    const stored = cloud.streams.get("/parsec/audit:parsec-audit-viewer")!;
    expect(JSON.parse(stored.at(-1)!.message)).toEqual({ ...events[1], user_email: "new@example.com", viewer_update: true });
  });

  it("says to create the log group or set createLogGroup when it is missing; with createLogGroup it creates both", async () => {
    const cloud = cloudwatchDouble({ groups: [] });
    seedEvents(fixture.database, eventSeries(2, Date.now() - DAY_MS));
    const [failed] = await deliverPending(fixture.database.sqlite, destinationsOf([entry()], ENV), FAST);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed!.error).toMatch(/^\/parsec\/audit:parsec-audit-viewer: the log group does not exist \(create it, or set "createLogGroup": true\)/);
    expect((await deliverPending(fixture.database.sqlite, destinationsOf([entry({ createLogGroup: true })], ENV), FAST))[0]).toMatchObject({
      status: "caught-up",
      delivered: 2,
    });
    expect(cloud.groups.has("/parsec/audit")).toBe(true);
    expect(cloud.streams.get("/parsec/audit:parsec-audit-viewer")).toHaveLength(2);
  });
});

describe("google-cloud-logging", () => {
  const entry = (fields: Record<string, unknown> = {}) => ({
    name: "gcl",
    type: "google-cloud-logging",
    projectId: "audit-project-1",
    endpoint: fixture.receiver.url,
    accessTokenEnv: "GCL_TOKEN",
    ...fields,
  });

  interface WrittenEntry {
    logName?: string;
    insertId: string;
    timestamp: string;
    labels: Record<string, string>;
    severity: number | string;
    jsonPayload: unknown;
  }

  /** entries.write (https://cloud.google.com/logging/docs/reference/v2/rest/v2/entries/write). */
  function loggingDouble(token: string) {
    const written: (WrittenEntry & { request: { logName: string; resource: unknown; partialSuccess?: boolean } })[] = [];
    fixture.receiver.answer = (request) => {
      const url = new URL(request.url, "http://x");
      if (request.method !== "POST" || url.pathname !== "/v2/entries:write" || !String(request.headers["content-type"]).startsWith("application/json"))
        return { status: 404, body: '{"error":{"code":404,"message":"Not Found","status":"NOT_FOUND"}}' };
      if (request.headers.authorization !== `Bearer ${token}`)
        return { status: 401, body: '{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}' };
      const body = JSON.parse(request.text) as { logName: string; resource: unknown; partialSuccess?: boolean; entries: WrittenEntry[] };
      for (const item of body.entries) {
        if (typeof item.timestamp !== "string" || Number.isNaN(Date.parse(item.timestamp)) || !item.insertId)
          return { status: 400, body: '{"error":{"code":400,"message":"Invalid entry","status":"INVALID_ARGUMENT"}}' };
      }
      written.push(
        ...body.entries.map((item) => ({ ...item, request: { logName: body.logName, resource: body.resource, partialSuccess: body.partialSuccess } })),
      );
      return { status: 200, body: "{}" };
    };
    return written;
  }

  it("writes each event as a structured entry: its JSON, its time, its id as insertId, labelled by team, name and id, all or nothing", async () => {
    const written = loggingDouble("token-1");
    const events = eventSeries(12);
    seedEvents(fixture.database, events);
    const destinations = destinationsOf([entry({ batchSize: 5 })], { GCL_TOKEN: "token-1" });
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "caught-up", delivered: 12 });
    expect(fixture.receiver.accepted).toHaveLength(3);
    expect(written).toHaveLength(12);
    written.forEach((item, i) => {
      const event = events[i]!;
      expect(item.request).toEqual({ logName: "projects/audit-project-1/logs/parsec-audit", resource: { type: "global", labels: {} }, partialSuccess: false });
      expect(item.jsonPayload).toEqual(event);
      expect(Date.parse(item.timestamp)).toBe(Date.parse(event.timestamp));
      expect(item.insertId).toBe(event.id);
      expect(item.labels).toEqual({ team_id: event.team_id, event_name: event.name, event_id: event.id });
    });
  });

  it("gives a changed event an insertId of its own and the viewer_update label; a refused token is the destination's error", async () => {
    const written = loggingDouble("right");
    const events = eventSeries(2);
    seedEvents(fixture.database, events);
    const good = destinationsOf([entry({ logName: "parsec/audit" })], { GCL_TOKEN: "right" });
    await deliverPending(fixture.database.sqlite, good, FAST);
    seedEvents(fixture.database, [{ ...events[0]!, user_email: "new@example.com" }]);
    await deliverPending(fixture.database.sqlite, good, FAST);
    expect(written[2]).toMatchObject({
      insertId: expect.stringMatching(new RegExp(`^${events[0]!.id}\\.update-\\d+$`)),
      labels: { event_id: events[0]!.id, viewer_update: "true" },
      jsonPayload: { ...events[0], user_email: "new@example.com" },
      request: { logName: "projects/audit-project-1/logs/parsec%2Faudit" },
    });

    seedEvents(fixture.database, eventSeries(1, undefined, 5));
    const [report] = await deliverPending(fixture.database.sqlite, destinationsOf([entry()], { GCL_TOKEN: "wrong" }), FAST);
    expect(report).toMatchObject({ status: "failed" });
    expect(report!.error).toMatch(/^projects\/audit-project-1\/logs\/parsec-audit: .*invalid authentication credentials/);
  });
});
