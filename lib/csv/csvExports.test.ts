import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConnectionFilters } from "../connections/connectionFilters";
import { exportConnections } from "../connections/exportConnections";
import { flowParsecEvents } from "../connections/testing";
import { parseEventFilters } from "../events/eventFilters";
import { exportEvents } from "../events/exportEvents";
import { exportEventsStream } from "../events/exportEventsStream";
import { makeEvent, parseCsv, type TestEvent } from "../events/testing";
import { seedEvents } from "../ingest/testing";
import { csvReaderOf } from "../routes/csvReaderOf";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import type { CsvReader } from "./csvReader";

let database: TempDatabase;

// New York leaves daylight saving on 2026-11-01 at 06:00 UTC: the same UTC hour reads 01:30 EDT, then 01:30 EST.
const BEFORE_DST_END = "2026-11-01T05:30:00.000Z";
const AFTER_DST_END = "2026-11-01T06:30:00.000Z";

beforeAll(async () => {
  database = await createTempDatabase();
  seedEvents(database, [
    makeEvent({ id: "evBeforeDstEnd000000000000a", timestamp: BEFORE_DST_END, data: { host_computer_name: "会議室PC" } }),
    makeEvent({ id: "evAfterDstEnd0000000000000b", timestamp: AFTER_DST_END, data: { host_computer_name: "会議室PC" } }),
    ...(flowParsecEvents({ startMs: Date.parse(BEFORE_DST_END), hostComputerName: "会議室PC" }) as unknown as TestEvent[]),
  ]);
});
afterAll(() => database.close());

async function bytesOf(write: (writer: (chunk: string) => void) => Promise<unknown>): Promise<Uint8Array> {
  let text = "";
  await write((chunk) => {
    text += chunk;
  });
  return new TextEncoder().encode(text);
}
const eventsCsv = (reader?: CsvReader) => bytesOf((w) => exportEvents(database.sqlite, parseEventFilters({}), "csv", w, reader));
const connectionsCsv = (reader?: CsvReader) =>
  bytesOf((w) =>
    exportConnections(database.db, parseConnectionFilters({}), "csv", { nowMs: Date.parse("2026-11-02T00:00:00Z"), emailOf: () => null }, w, reader),
  );
// As Excel reads it: the BOM says UTF-8 and is no part of the first cell.
const rowsOf = (bytes: Uint8Array) => parseCsv(new TextDecoder("utf-8").decode(bytes));

describe("CSV for people", () => {
  it("starts every CSV with the UTF-8 byte-order mark, and keeps 会議室PC", async () => {
    for (const bytes of [await eventsCsv(), await connectionsCsv(), await eventsCsv({ zone: "Asia/Tokyo", locale: "ja" })]) {
      expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder("utf-8").decode(bytes)).toContain("会議室PC");
    }
    const streamed = new Uint8Array(await new Response(exportEventsStream(database.sqlite, parseEventFilters({}), "csv")).arrayBuffer());
    expect(Array.from(streamed.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("leaves NDJSON as it was: no mark, no local time, English field names", async () => {
    const ndjson = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await bytesOf((w) => exportEvents(database.sqlite, parseEventFilters({}), "ndjson", w, { zone: "Asia/Tokyo", locale: "ja" })),
    );
    expect(ndjson.startsWith("{")).toBe(true);
    expect(Object.keys(JSON.parse(ndjson.split("\n")[0]!))).not.toContain("local_time");
    const connections = new TextDecoder().decode(
      await bytesOf((w) =>
        exportConnections(database.db, parseConnectionFilters({}), "ndjson", { nowMs: Date.now(), emailOf: () => null }, w, {
          zone: "Asia/Tokyo",
          locale: "ja",
        }),
      ),
    );
    expect(Object.keys(JSON.parse(connections.split("\n")[0]!))).toEqual(expect.arrayContaining(["attempt_id", "started_at"]));
    expect(Object.keys(JSON.parse(connections.split("\n")[0]!))).not.toContain("started_local");
  });

  it("writes the header in the reader's language, naming the local column's zone", async () => {
    const [en] = rowsOf(await eventsCsv({ zone: "America/New_York", locale: "en" }));
    expect(en).toEqual(["id", "name", "timestamp", "local_time (America/New_York)", "user_id", "team_id", "user_email", "data", "extra"]);
    const [ja] = rowsOf(await eventsCsv({ zone: "Asia/Tokyo", locale: "ja" }));
    expect(ja).toEqual([
      "イベント ID",
      "イベント名",
      "日時 (UTC)",
      "日時 (Asia/Tokyo)",
      "ユーザー ID",
      "チーム ID",
      "メールアドレス",
      "データ",
      "その他のフィールド",
    ]);
    const [connectionsJa] = rowsOf(await connectionsCsv({ zone: "Asia/Tokyo", locale: "ja" }));
    expect(connectionsJa!.slice(0, 4)).toEqual(["接続試行 ID", "状態", "開始日時 (UTC)", "開始日時 (Asia/Tokyo)"]);
    expect(rowsOf(await connectionsCsv())[0]!.slice(0, 4)).toEqual(["attempt_id", "status", "started_at", "started_local (UTC)"]);
  });

  it("keeps the UTC column and adds the time in the reader's zone, right across a DST change", async () => {
    // The two events made here (the connection's flow adds its own).
    const ours = (rows: string[][]) => rows.slice(1).filter((row) => row[0]!.startsWith("ev"));
    const newYork = ours(rowsOf(await eventsCsv({ zone: "America/New_York", locale: "en" })));
    expect(newYork.map((row) => [row[2], row[3]])).toEqual([
      [BEFORE_DST_END, "2026-11-01 01:30:00"],
      [AFTER_DST_END, "2026-11-01 01:30:00"],
    ]);
    const tokyo = ours(rowsOf(await eventsCsv({ zone: "Asia/Tokyo", locale: "ja" })));
    expect(tokyo.map((row) => row[3])).toEqual(["2026/11/01 14:30:00", "2026/11/01 15:30:00"]);
    const [, first] = rowsOf(await connectionsCsv({ zone: "Asia/Tokyo", locale: "ja" }));
    expect([first![2], first![3]]).toEqual([BEFORE_DST_END, "2026/11/01 14:30:00"]);
    expect(first).toContain("会議室PC");
  });

  it("reads the reader from the request as the pages do: the zone cookie, the language switch, else Accept-Language", () => {
    const headers = (cookie: string, language = "") => new Headers({ cookie, "accept-language": language });
    expect(csvReaderOf(headers("parsec_viewer_zone=Asia%2FTokyo", "ja-JP,ja;q=0.9"))).toEqual({ zone: "Asia/Tokyo", locale: "ja" });
    expect(csvReaderOf(headers("parsec_viewer_zone=Asia%2FTokyo; parsec_viewer_locale=en", "ja-JP"))).toEqual({ zone: "Asia/Tokyo", locale: "en" });
    expect(csvReaderOf(headers("parsec_viewer_zone=Mars%2FOlympus", "en-US"))).toEqual({ zone: "UTC", locale: "en" });
    expect(csvReaderOf(new Headers())).toEqual({ zone: "UTC", locale: "en" });
  });
});
