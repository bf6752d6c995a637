import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../../../store/testing";
import { seedEvents } from "../../../ingest/testing";
import { exportEvents } from "../../../events/exportEvents";
import { parseEventFilters } from "../../../events/eventFilters";
import { makeEvent } from "../../../events/testing";
import { deliverPending } from "../../delivery/deliverPending";
import { toDeliveryEvents } from "../../delivery/deliveryEvent";
import { readChangesAfter } from "../../../store/integrationLedger";
import { destinationsOf, eventSeries } from "../../testing";
import { gzippedNdjson, s3Sender } from "./s3Sender";
import { gunzipSync } from "node:zlib";
import { S3RVER_ENV, startLocalS3, type LocalS3 } from "./testing";

let database: TempDatabase;
let s3: LocalS3;

beforeEach(async () => {
  database = await createTempDatabase();
  s3 = await startLocalS3();
});
afterEach(async () => {
  await s3.close();
  await database.close();
});

const KEY = /^parsec\/team=([A-Za-z0-9]+)\/date=(\d{4}-\d{2}-\d{2})\/([A-Za-z0-9]+)-([A-Za-z0-9]+)(\.update-\d+)?\.ndjson\.gz$/;

async function exportedLines(): Promise<string[]> {
  let text = "";
  await exportEvents(database.sqlite, parseEventFilters({}), "ndjson", (chunk) => void (text += chunk));
  return text.split("\n").filter(Boolean);
}

describe("s3 destination (a local S3 server, over HTTP)", () => {
  it("writes gzipped NDJSON objects of the export's lines, partitioned by team and UTC day, named by their first and last id", async () => {
    // Two UTC days (the series starts at 23:00) and two teams.
    const events = [
      ...eventSeries(120, Date.UTC(2026, 0, 1, 23, 0)),
      makeEvent({ id: "z000001", timestamp: "2026-01-02T05:00:00.123456Z", team_id: "OtherTeam1" }),
    ];
    seedEvents(database, events);
    const destinations = destinationsOf([s3.entry({ prefix: "parsec/", batchSize: 50 })], S3RVER_ENV);
    const [report] = await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] });
    expect(report).toMatchObject({ status: "caught-up", delivered: 121 });

    const objects = await s3.objects();
    expect(objects.map((o) => o.key)).toEqual([
      "parsec/team=1sn61992rNstjlDoJWnFXRRkxPZ/date=2026-01-01/e000001-e000050.ndjson.gz",
      "parsec/team=1sn61992rNstjlDoJWnFXRRkxPZ/date=2026-01-01/e000051-e000060.ndjson.gz",
      "parsec/team=1sn61992rNstjlDoJWnFXRRkxPZ/date=2026-01-02/e000061-e000100.ndjson.gz",
      "parsec/team=1sn61992rNstjlDoJWnFXRRkxPZ/date=2026-01-02/e000101-e000120.ndjson.gz",
      "parsec/team=OtherTeam1/date=2026-01-02/z000001-z000001.ndjson.gz",
    ]);
    for (const object of objects) {
      const [, team, date, first, last] = KEY.exec(object.key)!;
      const parsed = object.lines.map((line) => JSON.parse(line) as { id: string; team_id: string; timestamp: string });
      expect(parsed.every((event) => event.team_id === team && new Date(event.timestamp).toISOString().slice(0, 10) === date)).toBe(true);
      expect([parsed[0]!.id, parsed[parsed.length - 1]!.id]).toEqual([first, last]);
      expect(object.metadata["parsec-events"]).toBe(String(parsed.length));
    }
    // The same lines as npm run export, each event exactly once.
    expect(objects.flatMap((o) => o.lines).sort()).toEqual((await exportedLines()).sort());
  });

  it("an object of many events (written to the compressor in pieces) holds each export line once, in order, non-ASCII text intact", async () => {
    // More events than one piece of the compressor's input holds, and not a multiple of it.
    seedEvents(
      database,
      eventSeries(1_000).map((event, i) => (i % 97 === 0 ? { ...event, data: { ...event.data, host_computer_name: `会議室PC-${i}` } } : event)),
    );
    const batch = toDeliveryEvents(readChangesAfter(database.sqlite, 0, Number.MAX_SAFE_INTEGER, 1_000), 0);
    const text = gunzipSync(await gzippedNdjson(batch)).toString("utf8");
    expect(text).toBe(`${(await exportedLines()).join("\n")}\n`);
    expect(text).toContain("会議室PC-97");
  });

  it("a batch sent again overwrites its own objects instead of adding copies", async () => {
    seedEvents(database, eventSeries(30));
    const [destination] = destinationsOf([s3.entry()], S3RVER_ENV);
    const sender = s3Sender(destination as Extract<typeof destination, { type: "s3" }>);
    const batch = toDeliveryEvents(readChangesAfter(database.sqlite, 0, Number.MAX_SAFE_INTEGER, 30), 0);
    const signal = new AbortController().signal;
    await sender.send(batch, signal);
    await sender.send(batch, signal);
    await sender.close();
    const objects = await s3.objects();
    expect(objects.map((o) => o.key)).toEqual(["team=1sn61992rNstjlDoJWnFXRRkxPZ/date=2026-01-01/e000001-e000030.ndjson.gz"]);
    expect(objects[0]!.lines).toHaveLength(30);
  });

  it("an event Parsec re-delivered with changed content goes to an update object beside the first ones", async () => {
    const events = eventSeries(10);
    seedEvents(database, events);
    const destinations = destinationsOf([s3.entry({ prefix: "parsec/" })], S3RVER_ENV);
    await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] });
    seedEvents(database, [{ ...events[4]!, user_email: "renamed@example.com" }]);
    await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] });
    const objects = await s3.objects();
    expect(objects.map((o) => o.key)).toEqual([
      "parsec/team=1sn61992rNstjlDoJWnFXRRkxPZ/date=2026-01-01/e000001-e000010.ndjson.gz",
      "parsec/team=1sn61992rNstjlDoJWnFXRRkxPZ/date=2026-01-01/e000005-e000005.update-11.ndjson.gz",
    ]);
    expect(objects[1]!.metadata["parsec-update"]).toBe("true");
    expect(JSON.parse(objects[1]!.lines[0]!)).toMatchObject({ id: "e000005", user_email: "renamed@example.com" });
  });

  it("says which object failed and why when the bucket does not exist", async () => {
    seedEvents(database, eventSeries(3));
    const destinations = destinationsOf([s3.entry({ bucket: "no-such-bucket" })], S3RVER_ENV);
    const [report] = await deliverPending(database.sqlite, destinations, { retryDelaysMs: [] });
    expect(report!.status).toBe("failed");
    expect(report!.error).toMatch(/^s3:\/\/no-such-bucket\/team=.*: HTTP 404 NoSuchBucket/);
  });
});
