import { describe, expect, it } from "vitest";
import { seedEvents } from "../../../ingest/testing";
import { deliverPending } from "../../delivery/deliverPending";
import { destinationsOf, eventSeries, type ReceivedRequest, useDatabaseAndReceiver } from "../../testing";

/**
 * Each product's wire format as its documentation gives it, checked by a local fixture.receiver over a
 * real socket: Splunk HEC (services/collector/event), Elasticsearch _bulk, Grafana Loki's push API.
 */

const FAST = { retryDelaysMs: [5] };

const fixture = useDatabaseAndReceiver();

interface StoredEvent {
  id: string;
  timestamp: string;
  team_id: string;
  name: string;
  user_email?: string;
}

describe("splunk-hec", () => {
  /** HEC: stacked JSON event objects; `event` the data, `time` epoch seconds, metadata beside it. */
  function hecReceiver(token: string) {
    const events: Record<string, unknown>[] = [];
    fixture.receiver.answer = (request: ReceivedRequest) => {
      if (request.method !== "POST" || request.url !== "/services/collector/event")
        return { status: 404, body: '{"text":"The requested URL was not found on this server.","code":404}' };
      if (request.headers.authorization !== `Splunk ${token}`) return { status: 403, body: '{"text":"Invalid token","code":4}' };
      for (const text of request.text.split("\n")) {
        const item = JSON.parse(text) as Record<string, unknown>;
        if (typeof item.time !== "number" || typeof item.event !== "object" || item.event === null)
          return { status: 400, body: '{"text":"Invalid data format","code":6}' };
        events.push(item);
      }
      return { status: 200, body: '{"text":"Success","code":0}' };
    };
    return events;
  }

  it("posts each event with its time, sourcetype parsec:audit and indexed fields, authorised by the token", async () => {
    const received = hecReceiver("hec-token-1");
    const events = eventSeries(30);
    seedEvents(fixture.database, events);
    const destinations = destinationsOf(
      [{ name: "hec", type: "splunk-hec", url: fixture.receiver.url, tokenEnv: "HEC_TOKEN", index: "audit", batchSize: 20 }],
      {
        HEC_TOKEN: "hec-token-1",
      },
    );
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "caught-up", delivered: 30 });
    expect(fixture.receiver.accepted).toHaveLength(2);
    expect(received).toHaveLength(30);
    received.forEach((item, i) => {
      expect(item).toEqual({
        time: Date.parse(events[i]!.timestamp) / 1000,
        source: "parsec-audit-viewer",
        sourcetype: "parsec:audit",
        index: "audit",
        fields: { event_id: events[i]!.id, event_name: events[i]!.name, team_id: events[i]!.team_id },
        event: { ...events[i] },
      });
    });
  });

  it("marks a changed event with the viewer_update field; a wrong token is an error that names HEC's answer", async () => {
    const received = hecReceiver("right");
    const events = eventSeries(2);
    seedEvents(fixture.database, events);
    const good = destinationsOf([{ name: "hec", type: "splunk-hec", url: fixture.receiver.url, tokenEnv: "T" }], { T: "right" });
    await deliverPending(fixture.database.sqlite, good, FAST);
    seedEvents(fixture.database, [{ ...events[0]!, user_email: "new@example.com" }]);
    await deliverPending(fixture.database.sqlite, good, FAST);
    expect(received[2]).toMatchObject({ fields: { event_id: events[0]!.id, viewer_update: "true" }, event: { user_email: "new@example.com" } });

    seedEvents(fixture.database, eventSeries(1, undefined, 5));
    const wrong = destinationsOf([{ name: "hec", type: "splunk-hec", url: fixture.receiver.url, tokenEnv: "T" }], { T: "wrong" });
    const [report] = await deliverPending(fixture.database.sqlite, wrong, FAST);
    expect(report).toMatchObject({ status: "failed" });
    expect(report!.error).toBe(`${fixture.receiver.url} answered HTTP 403: {"text":"Invalid token","code":4}`);
  });
});

describe("elasticsearch", () => {
  /** _bulk: action line, source line, each ending in a newline; the answer lists each item. */
  function bulkReceiver(options: { failFirstItemOnce?: boolean } = {}) {
    const documents = new Map<string, unknown>();
    let failOnce = options.failFirstItemOnce ?? false;
    fixture.receiver.answer = (request) => {
      if (request.url !== "/_bulk" || request.headers["content-type"] !== "application/x-ndjson" || !request.text.endsWith("\n"))
        return { status: 400, body: '{"error":"bad request"}' };
      const lines = request.text.slice(0, -1).split("\n");
      const items: unknown[] = [];
      for (let i = 0; i < lines.length; i += 2) {
        const action = JSON.parse(lines[i]!) as { index?: { _index?: string; _id?: string } };
        const source = JSON.parse(lines[i + 1]!) as { id: string };
        if (!action.index?._id || action.index._index !== "parsec-audit" || action.index._id !== source.id) return { status: 400, body: '{"error":"action"}' };
        if (failOnce) {
          failOnce = false;
          items.push({ index: { _id: action.index._id, status: 429, error: { type: "es_rejected_execution_exception" } } });
          continue;
        }
        const created = !documents.has(action.index._id);
        documents.set(action.index._id, source);
        items.push({ index: { _index: "parsec-audit", _id: action.index._id, status: created ? 201 : 200, result: created ? "created" : "updated" } });
      }
      const errors = items.some((item) => (item as { index: { status: number } }).index.status >= 300);
      return { status: 200, body: JSON.stringify({ took: 3, errors, items }) };
    };
    return documents;
  }

  it("indexes each event under its id; an item the answer reports as failed sends the batch again, which replaces instead of duplicating", async () => {
    const documents = bulkReceiver({ failFirstItemOnce: true });
    const events = eventSeries(25);
    seedEvents(fixture.database, events);
    const destinations = destinationsOf([{ name: "es", type: "elasticsearch", url: fixture.receiver.url, batchSize: 10 }]);
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "caught-up", delivered: 25 });
    expect(fixture.receiver.all).toHaveLength(4);
    expect(documents.size).toBe(25);
    expect(documents.get(events[7]!.id)).toEqual(events[7]);

    seedEvents(fixture.database, [{ ...events[7]!, user_email: "new@example.com" }]);
    await deliverPending(fixture.database.sqlite, destinations, FAST);
    expect(documents.size).toBe(25);
    expect(documents.get(events[7]!.id)).toEqual({ ...events[7], user_email: "new@example.com", viewer_update: true });
  });
});

describe("loki", () => {
  it("pushes streams labelled by team and event name, each entry the nanosecond time as a string and the event's JSON line", async () => {
    const entries: { labels: Record<string, string>; ns: string; line: string; metadata: Record<string, string> }[] = [];
    fixture.receiver.answer = (request) => {
      if (request.url !== "/loki/api/v1/push" || request.headers["content-type"] !== "application/json" || request.headers["x-scope-orgid"] !== "tenant-a")
        return { status: 400, body: "bad request" };
      const body = JSON.parse(request.text) as { streams: { stream: Record<string, string>; values: [string, string, Record<string, string>?][] }[] };
      for (const stream of body.streams) {
        for (const [ns, line, metadata] of stream.values) {
          if (typeof ns !== "string" || !/^\d+$/.test(ns) || typeof line !== "string") return { status: 400, body: "entries must be [string, string]" };
          entries.push({ labels: stream.stream, ns, line, metadata: metadata ?? {} });
        }
      }
      return { status: 204 };
    };
    const events = [...eventSeries(3), { ...eventSeries(1, undefined, 3)[0]!, name: "team_user_invite" }];
    seedEvents(fixture.database, events);
    const destinations = destinationsOf([{ name: "loki", type: "loki", url: fixture.receiver.url, tenant: "tenant-a" }]);
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "caught-up", delivered: 4 });
    expect(entries).toHaveLength(4);
    for (const entry of entries) {
      const event = JSON.parse(entry.line) as StoredEvent;
      expect(entry.labels).toEqual({ service_name: "parsec-audit", team_id: event.team_id, event_name: event.name });
      expect(entry.ns).toBe(`${Date.parse(event.timestamp)}000000`);
      expect(entry.metadata).toEqual({ event_id: event.id });
      expect(events.find((e) => e.id === event.id)).toEqual(event);
    }
  });
});
