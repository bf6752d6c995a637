import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../../../store/testing";
import { seedEvents } from "../../../ingest/testing";
import { makeEvent } from "../../../events/testing";
import { deliverPending } from "../../delivery/deliverPending";
import { destinationsOf, eventSeries } from "../../testing";
import { SD_ID } from "./syslogMessage";
import { startRsyslog, type LocalRsyslog } from "./testing";

let rsyslog: LocalRsyslog;
let database: TempDatabase;

beforeAll(async () => {
  rsyslog = await startRsyslog();
});
afterAll(async () => {
  await rsyslog.close();
});
beforeEach(async () => {
  database = await createTempDatabase();
});
afterEach(async () => {
  await database.close();
});

describe("syslog destination (Debian's rsyslog on 127.0.0.1)", () => {
  it("sends RFC 5424 messages with octet counting over TCP, which rsyslog parses into their fields, the event JSON as the message", async () => {
    const already = rsyslog.messages().length;
    const events = [
      ...eventSeries(40),
      makeEvent({
        id: "q000001",
        name: "p2p_client_complete",
        timestamp: "2026-01-02T03:04:05.678Z",
        user_email: "山田@example.com",
        data: { host_computer_name: 'PC "かいはつ" [1]\\', client_computer_name: "laptop", exit_code: -3, note: "line\nbreak" },
      }),
    ];
    seedEvents(database, events);
    const destinations = destinationsOf([{ name: "siem", type: "syslog", url: `tcp://127.0.0.1:${rsyslog.tcpPort}`, hostname: "viewer-1", batchSize: 15 }]);
    expect((await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] }))[0]).toMatchObject({ status: "caught-up", delivered: 41 });
    const messages = (await rsyslog.waitFor(already + 41)).slice(already);
    expect(messages).toHaveLength(41);
    messages.forEach((message, i) => {
      const event = events[i]!;
      expect(JSON.parse(message.msg)).toEqual(event);
      expect(message).toMatchObject({ hostname: "viewer-1", appName: "parsec-viewer", procId: "-", msgId: event.name, pri: String(13 * 8 + 6) });
      expect(Date.parse(message.timestamp)).toBe(Date.parse(event.timestamp));
    });
    // Structured data with RFC 5424's escapes, read back as rsyslog kept it.
    expect(messages[40]!.structuredData).toBe(
      `[${SD_ID} id="q000001" name="p2p_client_complete" team="1sn61992rNstjlDoJWnFXRRkxPZ" user_id="1" user="山田@example.com" host="PC \\"かいはつ\\" [1\\]\\\\" client="laptop" exit_code="-3"]`,
    );
  });

  it("over TLS (RFC 5425), verified against the receiver's certificate", async () => {
    const already = rsyslog.messages().length;
    seedEvents(database, eventSeries(5));
    const destinations = destinationsOf([{ name: "siem", type: "syslog", url: `tcp://127.0.0.1:${rsyslog.tlsPort}`, tls: true, caFile: rsyslog.caFile }]);
    expect((await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] }))[0]).toMatchObject({ status: "caught-up", delivered: 5 });
    const messages = (await rsyslog.waitFor(already + 5)).slice(already);
    expect(messages.map((m) => (JSON.parse(m.msg) as { id: string }).id)).toEqual(["e000001", "e000002", "e000003", "e000004", "e000005"]);
  });

  it("refuses a TLS receiver whose certificate it cannot verify, and says so", async () => {
    seedEvents(database, eventSeries(1));
    const destinations = destinationsOf([{ name: "siem", type: "syslog", url: `tcp://127.0.0.1:${rsyslog.tlsPort}`, tls: true }]);
    const [report] = await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] });
    expect(report!.status).toBe("failed");
    expect(report!.error).toMatch(/^syslog tcp:\/\/127\.0\.0\.1:\d+ \(TLS\): .*self[- ]signed/i);
  });

  it('marks a changed event update="true"; while rsyslog is down the batch waits, and nothing is missing once it is back', async () => {
    const events = eventSeries(10);
    seedEvents(database, events);
    const destinations = destinationsOf([{ name: "siem", type: "syslog", url: `tcp://127.0.0.1:${rsyslog.tcpPort}` }]);
    const already = rsyslog.messages().length;
    await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] });
    // Written before rsyslog stops: syslog has no acknowledgement, so what a receiver had taken
    // but not written when it stopped is its own loss (see README, Syslog).
    await rsyslog.waitFor(already + 10);
    await rsyslog.stop();
    seedEvents(database, [{ ...events[2]!, user_email: "renamed@example.com" }, ...eventSeries(5, undefined, 10)]);
    const [down] = await deliverPending(database.sqlite, destinations, { retryDelaysMs: [5] });
    expect(down).toMatchObject({ status: "failed" });
    expect(down!.error).toMatch(/ECONNREFUSED/);
    await rsyslog.start();
    expect((await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] }))[0]).toMatchObject({ status: "caught-up", delivered: 6 });
    const messages = (await rsyslog.waitFor(already + 16)).slice(already);
    expect(messages.map((m) => (JSON.parse(m.msg) as { id: string }).id)).toEqual([
      ...events.map((e) => e.id),
      "e000003",
      "e000011",
      "e000012",
      "e000013",
      "e000014",
      "e000015",
    ]);
    expect(messages[10]!.structuredData).toContain(' update="true"]');
    expect(JSON.parse(messages[10]!.msg)).toMatchObject({ user_email: "renamed@example.com" });
  });
});
