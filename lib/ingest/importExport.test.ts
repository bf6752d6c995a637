/**
 * Import of the dashboard's download formats and export through `exportEvents` and
 * `npm run export`, on real SQLite files, compared exactly with the events they came from.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { keptAndRebuilt } from "./testing";
import { parseTimestampMicros, startSimulator } from "../parsec/simulator";
import type { Db } from "../store/client";
import type { SqliteConnection } from "../store/sqlite";
import {
  cliEnvironment,
  compareIds,
  expectSameEvents,
  groundTruth,
  runCli,
  startSyncFixture,
  storedEvents,
  type ParsecEventJson,
  type SyncFixture,
  TEST_HISTORY_END,
} from "../sync/testing";
import { connectDatabase, createTempDatabase, makeTempDir, type TempDatabase, type TempDir } from "../store/testing";
import { parseEventFilters } from "../events/eventFilters";
import { CSV_COLUMNS, exportEvents, type ExportFormat } from "../events/exportEvents";
import { ImportFileError, importEventsFile } from "./importEvents";
import { parseCsv } from "../events/testing";

let files: TempDir;
/** Events as the dashboard would hand them out: at most 5,000, in no particular order. */
let source: ParsecEventJson[];

beforeAll(async () => {
  files = makeTempDir();
  const sim = await startSimulator({ events: 2_500, quota: null, seed: 31, endAt: TEST_HISTORY_END });
  source = groundTruth(sim);
  await sim.close();
});
afterAll(() => files?.remove());

async function freshDatabase(): Promise<TempDatabase> {
  const database = await createTempDatabase();
  onTestFinished(() => database.close());
  return database;
}

const byId = (events: ParsecEventJson[]) => [...events].sort((a, b) => compareIds(a.id as string, b.id as string));
/** Newest first, as the dashboard lists them: the import must not depend on the order. */
const newestFirst = (events: ParsecEventJson[]) => [...events].sort((a, b) => compareIds(b.id as string, a.id as string));

function writeFile(name: string, content: string): string {
  const file = files.file(name);
  writeFileSync(file, content);
  return file;
}

function importInto(database: TempDatabase, file: string) {
  return importEventsFile(file, { db: database.db, sqlite: database.sqlite, trigger: "cli" });
}

describe("import", () => {
  it("takes the source's awkward events along", () => {
    expect(source.length).toBeGreaterThan(2_000);
    expect(source.some((e) => !("user_email" in e))).toBe(true);
    expect(source.some((e) => /\.\d{6}Z$/.test(e.timestamp as string))).toBe(true);
    expect(source.some((e) => /[^\x00-\x7f]/.test(JSON.stringify(e.data)))).toBe(true);
    expect(source.some((e) => "request_id" in e)).toBe(true);
  });

  it.each([
    ["a JSON array", "array.json", "json-array", () => JSON.stringify(newestFirst(source), null, 2)],
    ["a {data: [...]} object", "object.json", "json-object", () => JSON.stringify({ data: newestFirst(source) }, null, 2)],
    ["a {data: [...]} object on one long line", "object-line.json", "json-object", () => JSON.stringify({ data: source })],
    ["a short {data: [...]} object on one line", "object-short.json", "json-object", () => `\uFEFF${JSON.stringify({ data: source.slice(0, 20) })}\n`],
  ] as const)("of %s equals the source events", async (_what, name, format, content) => {
    const database = await freshDatabase();
    const text = content();
    const expected = name === "object-short.json" ? byId(source.slice(0, 20)) : byId(source);
    const summary = await importInto(database, writeFile(name, text));
    expect(summary).toMatchObject({ format, received: expected.length, inserted: expected.length, updated: 0, quarantined: 0 });
    expectSameEvents(await storedEvents(database.db), expected);
    const runs = await database.db.syncRun.findMany();
    expect(runs).toMatchObject([{ id: summary.runId, kind: "import", mode: format, status: "succeeded", inserted: expected.length, error: null }]);
    // Fewer events than a stitching batch: the import stitched their connections when it ended.
    const connections = await keptAndRebuilt(database.db, database.sqlite);
    expect(connections.kept.connections.length).toBeGreaterThan(name === "object-short.json" ? 0 : 200);
    expect(connections.rebuilt).toEqual(connections.kept);
  });

  it("of NDJSON (BOM, CRLF, a blank line, a garbage line, an invalid event) stores the rest and quarantines those two", async () => {
    const database = await freshDatabase();
    const events = newestFirst(source);
    const lines = events.map((e) => JSON.stringify(e));
    const invalid = { ...events[10]!, id: undefined, name: "missing_id_event" };
    // Line numbers are 1-based and count every line, the blank ones too.
    lines.splice(1_200, 0, "");
    lines.splice(1_500, 0, '{"id": "2AbC", "name": "conn_client_offer", truncated');
    lines.splice(1_700, 0, JSON.stringify(invalid));
    const file = writeFile("events.ndjson", `\uFEFF${lines.join("\r\n")}\r\n`);

    const summary = await importInto(database, file);
    expect(summary).toMatchObject({ format: "ndjson", received: events.length + 2, inserted: events.length, quarantined: 2 });
    expectSameEvents(await storedEvents(database.db), byId(source));
    const quarantined = await database.db.quarantinedEvent.findMany({ orderBy: { id: "asc" } });
    expect(quarantined).toHaveLength(2);
    const garbage = quarantined.find((q) => q.raw.startsWith('{"id": "2AbC"'))!;
    expect(garbage).toMatchObject({ raw: lines[1_500], source: "import:events.ndjson", eventId: null, timesSeen: 1 });
    expect(garbage.reason).toMatch(/^line 1501 is not JSON/);
    const missingId = quarantined.find((q) => q !== garbage)!;
    expect(JSON.parse(missingId.raw)).toStrictEqual(JSON.parse(JSON.stringify(invalid)));
    expect(missingId.reason).toMatch(/^id: /);

    // Importing the same file again changes nothing and counts the quarantined lines once more.
    const again = await importInto(database, file);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: events.length, quarantined: 2 });
    expect(await database.db.event.count()).toBe(events.length);
    const after = await database.db.quarantinedEvent.findMany({ orderBy: { id: "asc" } });
    expect(after.map((q) => [q.id, q.timesSeen])).toEqual(quarantined.map((q) => [q.id, 2]));
  });

  it("tells NDJSON with a broken first line from a pretty-printed document", async () => {
    const events = newestFirst(source).slice(0, 50);
    const broken = await importInto(
      await freshDatabase(),
      writeFile("broken-first.ndjson", ['{"id": "cut off', ...events.map((e) => JSON.stringify(e))].join("\n")),
    );
    expect(broken).toMatchObject({ format: "ndjson", inserted: 50, quarantined: 1 });

    // An envelope printed one event a line: the lines parse one by one, but the file is one document.
    const printed = `{\n  "data": [\n${events.map((e) => `    ${JSON.stringify(e)}`).join(",\n")}\n  ],\n  "next_cursor": ""\n}\n`;
    const document = await importInto(await freshDatabase(), writeFile("printed.json", printed));
    expect(document).toMatchObject({ format: "json-object", inserted: 50, quarantined: 0 });
  });

  describe("hostile depth and length", () => {
    const LEVELS = 2_000_000;
    const deepArrays = `${"[".repeat(LEVELS)}${"]".repeat(LEVELS)}`;
    /** Two events with a hostile `data` among ordinary ones, as text: JSON.stringify could not write the deep one. */
    const hostileLines = () => {
      const [deepEvent, longEvent] = source.slice(0, 2).map((e) => ({ ...e, id: `${e.id as string}x` }));
      const deep = JSON.stringify({ ...deepEvent, data: { a: "DEEP" } }).replace('"DEEP"', deepArrays);
      const long = JSON.stringify({ ...longEvent, data: { note: "y".repeat(5 * 1024 * 1024) } });
      return {
        deep,
        long,
        deepId: deepEvent!.id as string,
        longId: longEvent!.id as string,
        lines: [...source.slice(0, 100).map((e) => JSON.stringify(e)), deep, long],
      };
    };

    it.each([
      ["a JSON array", "hostile.json", (lines: string[]) => `[${lines.join(",\n")}]`],
      ["a {data: [...]} object", "hostile-object.json", (lines: string[]) => `{"data": [${lines.join(",\n")}]}`],
      ["NDJSON", "hostile.ndjson", (lines: string[]) => lines.join("\n")],
    ] as const)(
      "of %s quarantines an event nesting two million levels and one with a 5 MB string, with reasons, and stores the rest",
      async (_what, name, content) => {
        const database = await freshDatabase();
        const { deep, long, deepId, longId, lines } = hostileLines();
        const summary = await importInto(database, writeFile(name, content(lines)));
        expect(summary).toMatchObject({ received: 102, inserted: 100, quarantined: 2 });
        expectSameEvents(await storedEvents(database.db), byId(source.slice(0, 100)));
        const deepRow = await database.db.quarantinedEvent.findFirstOrThrow({ where: { eventId: deepId } });
        expect(deepRow.reason).toBe("the event nests 2,000,002 levels deep (in `data`); at most 64 are accepted");
        // Kept whole: it fits in the quarantine's 4 MiB.
        expect(deepRow.raw).toBe(deep);
        const longRow = await database.db.quarantinedEvent.findFirstOrThrow({ where: { eventId: longId } });
        expect(longRow.reason).toBe(
          `the event holds a string of 5,242,880 characters (in \`data\`); at most 65,536 are accepted; its raw text is cut to the first 4,194,304 of its ${long.length.toLocaleString("en")} characters`,
        );
        expect(longRow.raw).toBe(long.slice(0, 4 * 1024 * 1024));
      },
    );

    it.each([
      ["a JSON array of arrays", "deep.json", deepArrays, "1,999,999", 1],
      ["a {data: [...]} object of arrays", "deep-object.json", `{"data": [{}, ${deepArrays}]}`, "2,000,000", 2],
    ] as const)("of %s nested two million levels is refused whole, naming the depth and the limit", async (_what, name, content, depth, item) => {
      const database = await freshDatabase();
      const file = writeFile(name, content);
      const refusal = await importInto(database, file).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ImportFileError);
      expect((refusal as Error).message).toContain(
        `${file}: item ${item} of its list of events is no event object but arrays nested ${depth} levels deep (at most 64 levels are read), so nothing was imported`,
      );
      expect(await database.db.event.count()).toBe(0);
      expect(await database.db.quarantinedEvent.count()).toBe(0);
    });
  });

  it("updates an event that comes again with other content (the user's current email)", async () => {
    const database = await freshDatabase();
    await importInto(database, writeFile("first.ndjson", source.map((e) => JSON.stringify(e)).join("\n")));
    const [withEmail, other, same] = source.filter((e) => typeof e.user_email === "string").slice(10, 13) as [
      ParsecEventJson,
      ParsecEventJson,
      ParsecEventJson,
    ];
    const changed: ParsecEventJson = { ...withEmail, user_email: "renamed.person@example.jp" };
    const { user_email: _dropped, ...emailGone } = other;
    const summary = await importInto(database, writeFile("second.json", JSON.stringify([changed, emailGone, same])));
    expect(summary).toMatchObject({ received: 3, inserted: 0, updated: 2, unchanged: 1 });
    const expected = byId(source.map((e) => (e.id === changed.id ? changed : e.id === emailGone.id ? emailGone : e)));
    expectSameEvents(await storedEvents(database.db), expected);
  });

  it.each([
    ["a CSV file", "events.csv", "id,name,timestamp\n1sn61hB1dYM1IWxTuJynYdzbwNs,team_create,2021-05-20T07:29:52.049Z\n", /is not JSON/],
    ["an HTML page", "page.json", "<html><body>Sign in</body></html>", /is not JSON/],
    ["an empty file", "empty.json", "", /is empty/],
    ["a file of a BOM and blank lines", "blank.ndjson", "\uFEFF\n\n  \r\n", /is empty/],
    ["a broken JSON document", "broken.json", '{\n  "data": [\n    {"id": "x"', /is not valid JSON/],
    ["an object without a data array", "other.json", '{\n  "events": []\n}\n', /without a `data` array/],
    ["an object without a data array, on one line", "other-line.json", '{"events": [{"id": "1", "name": "client_connect"}]}\n', /without a `data` array/],
    ["an object whose data is not an array, on one line", "data-object.json", '{"data": {"id": "1"}, "next_cursor": null}', /without a `data` array/],
  ])("of %s fails with a clear ImportFileError and stores nothing", async (_what, name, content, message) => {
    const database = await freshDatabase();
    const file = writeFile(name, content);
    const error = await importInto(database, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/JSON array of events, an object with a `data` array, or NDJSON/);
    expect(await database.db.event.count()).toBe(0);
    expect(await database.db.quarantinedEvent.count()).toBe(0);
    // A file that is not even one of the formats is refused before a run is recorded; one that
    // looked like a JSON document but is not a usable one leaves a failed run saying why.
    const runs = await database.db.syncRun.findMany();
    const recognised = !/is not JSON|is empty/.test((error as Error).message);
    expect(runs.map((r) => [r.kind, r.status, r.error])).toEqual(recognised ? [["import", "failed", (error as Error).message]] : []);
  });
});

describe("export", () => {
  let f: SyncFixture;
  /** DB A's Prisma client and raw connection (reconnected after a CLI run had the file to itself). */
  let dbA: Db;
  let sqliteA: SqliteConnection;
  let truth: ParsecEventJson[];
  /** The events of DB A, read back, ascending by id. */
  let stored: ParsecEventJson[];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    f = await startSyncFixture({ events: 3_000, seed: 32 });
    dbA = f.db;
    sqliteA = f.sqlite;
    truth = groundTruth(f.sim);
    await f.sync();
    stored = await storedEvents(dbA);
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await f?.close();
  });

  async function exported(filters: Record<string, unknown>, format: ExportFormat = "ndjson"): Promise<string> {
    let text = "";
    await exportEvents(sqliteA, parseEventFilters(filters), format, (chunk) => {
      text += chunk;
    });
    return text;
  }
  const parseNdjson = (text: string) =>
    text
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as ParsecEventJson);
  const idsOf = (events: ParsecEventJson[]) => events.map((e) => e.id as string).sort(compareIds);

  it("writes every event in Parsec's shape, oldest first", async () => {
    expectSameEvents(stored, truth);
    const text = await exported({});
    expect(text.endsWith("\n")).toBe(true);
    const lines = parseNdjson(text);
    expectSameEvents(byId(lines), truth);
    // Oldest first, by time then id; microsecond timestamps compared as written.
    const key = (e: ParsecEventJson) => [Math.floor(parseTimestampMicros(e.timestamp as string)! / 1000), e.id as string] as const;
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [key(lines[i - 1]!), key(lines[i]!)];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]), `line ${i + 1} is in order`).toBe(true);
    }
  });

  it("export → import round trip is lossless, through exportEvents and through the CLI", async () => {
    const text = await exported({});
    const dbB = await freshDatabase();
    const summary = await importInto(dbB, writeFile("export.ndjson", text));
    expect(summary).toMatchObject({ format: "ndjson", inserted: stored.length, quarantined: 0 });
    expectSameEvents(await storedEvents(dbB.db), stored);

    // The CLI opens (and migrates) DB A itself: this test's connections let go of it first.
    await f.database.disconnect();
    try {
      await exportThroughCli(text);
    } finally {
      const reconnected = await connectDatabase(f.database.file);
      cleanups.push(reconnected.disconnect);
      dbA = reconnected.db;
      sqliteA = reconnected.sqlite;
    }
    expectSameEvents(await storedEvents(dbA), stored);
  });

  async function exportThroughCli(expectedText: string): Promise<void> {
    const cli = await runCli("export.ts", ["--format", "ndjson"], cliEnvironment({ DATABASE_URL: f.database.url }));
    expect(cli.stderr).toMatch(new RegExp(`export: ${stored.length} events \\(ndjson\\)`));
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(expectedText);
    const dbC = await freshDatabase();
    await importInto(dbC, writeFile("export-cli.ndjson", cli.stdout));
    expectSameEvents(await storedEvents(dbC.db), stored);

    // A filtered CLI export: repeated flags are alternatives, different flags all apply.
    const users = [...new Set(truth.map((e) => e.user_id as number))].slice(0, 2);
    const filtered = await runCli(
      "export.ts",
      ["--format", "ndjson", "--user", String(users[0]), "--user", String(users[1]), "--exit", "failure"],
      cliEnvironment({ DATABASE_URL: f.database.url }),
    );
    expect(filtered.code).toBe(0);
    const expectedIds = idsOf(truth.filter((e) => users.includes(e.user_id as number) && isFailure(e)));
    expect(expectedIds.length).toBeGreaterThan(0);
    expect(idsOf(parseNdjson(filtered.stdout))).toEqual(expectedIds);

    // The explorer's URL parameters as flags: not_user is --not-user.
    const negated = await runCli(
      "export.ts",
      ["--format", "ndjson", "--not-user", String(users[0]), "--exit", "failure"],
      cliEnvironment({ DATABASE_URL: f.database.url }),
    );
    expect(negated.code).toBe(0);
    expect(idsOf(parseNdjson(negated.stdout))).toEqual(idsOf(truth.filter((e) => e.user_id !== users[0] && isFailure(e))));

    const bad = await runCli("export.ts", ["--format", "ndjson", "--exit", "sometimes"], cliEnvironment({ DATABASE_URL: f.database.url }));
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/exit must be an exit code/);
  }

  describe("filters return exactly what a reference filter over the ground truth returns", () => {
    type Case = { filters: Record<string, unknown>; expected: (e: ParsecEventJson) => boolean; maySelectNothing?: boolean };
    const cases: [string, () => Case][] = [
      [
        "--user (two users)",
        () => {
          const counts = countBy(truth, (e) => String(e.user_id));
          const users = [counts[0]![0], counts.at(-1)![0]];
          return { filters: { user: users }, expected: (e) => users.includes(String(e.user_id)) };
        },
      ],
      [
        "--name (two names)",
        () => ({ filters: { name: ["client_disconnect", "team_create"] }, expected: (e) => e.name === "client_disconnect" || e.name === "team_create" }),
      ],
      [
        "--from/--to (inclusive, exact event times)",
        () => {
          const [from, to] = [timeOrdered()[900]!, timeOrdered()[2_100]!].map((e) => e.timestamp as string) as [string, string];
          expectUnambiguousMillisecond(to);
          const [lo, hi] = [micros(from), micros(to)];
          return { filters: { from, to }, expected: (e) => micros(e.timestamp as string) >= lo && micros(e.timestamp as string) <= hi };
        },
      ],
      [
        "--from/--to inside a millisecond (timestamps with microseconds)",
        () => {
          // Bounds just after and just before an event with microseconds, in that same millisecond.
          const [early, late] = timeOrdered()
            .filter((e) => /\.\d{3}[1-9]\d{2}Z$|\.\d{4}[1-9]\dZ$|\.\d{5}[1-9]Z$/.test(e.timestamp as string))
            .slice(5, 7) as [ParsecEventJson, ParsecEventJson];
          const from = (early.timestamp as string).replace(/(\d)Z$/, (_, d: string) => `${d}1Z`); // 0.1 µs after it
          const to = (late.timestamp as string).replace(/\.(\d{3})\d+Z$/, ".$1Z"); // its millisecond: before it
          const [lo, hi] = [micros(from, "ceil"), micros(to)];
          return { filters: { from, to }, expected: (e) => micros(e.timestamp as string) >= lo && micros(e.timestamp as string) <= hi };
        },
      ],
      [
        "--from with a +09:00 offset",
        () => {
          const at = new Date(Date.parse(timeOrdered()[2_500]!.timestamp as string) + 9 * 3_600_000);
          const from = `${at.toISOString().slice(0, 23)}+09:00`;
          const lo = micros(from);
          return { filters: { from }, expected: (e) => micros(e.timestamp as string) >= lo };
        },
      ],
      [
        "--host (a Unicode computer name and another)",
        () => {
          const hosts = countBy(
            truth.filter((e) => typeof dataOf(e).host_computer_name === "string"),
            (e) => dataOf(e).host_computer_name as string,
          );
          const unicode = hosts.find(([name]) => /[^\x00-\x7f]/.test(name))![0];
          const other = hosts.find(([name]) => name !== unicode)![0];
          return { filters: { host: [unicode, other] }, expected: (e) => [unicode, other].includes(dataOf(e).host_computer_name as string) };
        },
      ],
      [
        "--not-user (two users left out)",
        () => {
          const users = countBy(truth, (e) => String(e.user_id))
            .slice(0, 2)
            .map(([id]) => id);
          return { filters: { not_user: users }, expected: (e) => !users.includes(String(e.user_id)) };
        },
      ],
      [
        "--attempt (every event of two connection attempts)",
        () => {
          const attempts = countBy(
            truth.filter((e) => typeof dataOf(e).attempt_id === "string"),
            (e) => dataOf(e).attempt_id as string,
          )
            .slice(0, 2)
            .map(([id]) => id);
          return { filters: { attempt: attempts }, expected: (e) => attempts.includes(dataOf(e).attempt_id as string) };
        },
      ],
      [
        "--ip",
        () => {
          const ip = countBy(
            truth.filter((e) => typeof dataOf(e).ip === "string"),
            (e) => dataOf(e).ip as string,
          )[0]![0];
          return { filters: { ip }, expected: (e) => dataOf(e).ip === ip };
        },
      ],
      ["--exit failure", () => ({ filters: { exit: "failure" }, expected: isFailure })],
      ["--exit success", () => ({ filters: { exit: "success" }, expected: (e) => exitCodeOf(e) === 0 })],
      [
        "--exit with a code and success",
        () => {
          const code = countBy(truth.filter(isFailure), (e) => String(exitCodeOf(e)))[0]![0];
          return { filters: { exit: [code, "success"] }, expected: (e) => exitCodeOf(e) === Number(code) || exitCodeOf(e) === 0 };
        },
      ],
      [
        "--q (part of an email address)",
        () => {
          const email = truth.find((e) => typeof e.user_email === "string")!.user_email as string;
          const q = email.slice(0, email.indexOf("@"));
          return { filters: { q }, expected: (e) => matchesText(e, q) };
        },
      ],
      [
        "--q (in other case)",
        () => {
          const email = truth.find((e) => typeof e.user_email === "string")!.user_email as string;
          const q = email.slice(0, email.indexOf("@")).toUpperCase();
          return { filters: { q }, expected: (e) => matchesText(e, q) };
        },
      ],
      [
        "--q (part of a Unicode computer name)",
        () => {
          const name = truth.map((e) => dataOf(e).client_computer_name).find((n) => typeof n === "string" && /[^\x00-\x7f]/.test(n)) as string;
          const q = name.slice(0, Math.min(4, name.length));
          return { filters: { q }, expected: (e) => matchesText(e, q) };
        },
      ],
      ["--q (% is a plain character, not LIKE's wildcard)", () => ({ filters: { q: "%" }, expected: (e) => matchesText(e, "%"), maySelectNothing: true })],
      ["--q (_ is a plain character, not LIKE's wildcard)", () => ({ filters: { q: "9_9" }, expected: (e) => matchesText(e, "9_9"), maySelectNothing: true })],
      ["--q (_ as in event names)", () => ({ filters: { q: "host_complete" }, expected: (e) => matchesText(e, "host_complete") })],
    ];

    it.each(cases)("%s", async (_flag, make) => {
      const { filters, expected, maySelectNothing } = make();
      const want = truth.filter(expected);
      if (!maySelectNothing) expect(want.length, "the case selects something").toBeGreaterThan(0);
      expect(want.length, "and not everything").toBeLessThan(truth.length);
      const got = parseNdjson(await exported(filters));
      expectSameEvents(byId(got), byId(want));
    });
  });

  it("CSV parses back to the same ids and fields", async () => {
    const text = await exported({}, "csv");
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(CSV_COLUMNS.map((column) => (column === "local_time" ? "local_time (UTC)" : column)));
    expect(rows).toHaveLength(stored.length);
    const back = rows.map((row) => {
      const cell = Object.fromEntries(header!.map((column, i) => [column, row[i]!]));
      const event: ParsecEventJson = {
        id: cell.id,
        name: cell.name,
        timestamp: cell.timestamp,
        user_id: Number(cell.user_id),
        team_id: cell.team_id,
        data: JSON.parse(cell.data!),
      };
      if (cell.user_email !== "") event.user_email = cell.user_email;
      if (cell.extra !== "") Object.assign(event, JSON.parse(cell.extra!));
      return event;
    });
    expectSameEvents(byId(back), stored);
    // Filters apply to CSV too.
    const [, ...failures] = parseCsv(await exported({ exit: "failure" }, "csv"));
    expect(failures.map((row) => row[0]!).sort(compareIds)).toEqual(idsOf(truth.filter(isFailure)));
  });

  /** Events in time order (as exported). */
  function timeOrdered(): ParsecEventJson[] {
    return [...truth].sort((a, b) => micros(a.timestamp as string) - micros(b.timestamp as string) || compareIds(a.id as string, b.id as string));
  }

  /** Stored times keep milliseconds: a bound is exact only if no event has more digits within its millisecond. */
  function expectUnambiguousMillisecond(bound: string): void {
    const ms = Math.floor(micros(bound) / 1000);
    const sharing = truth.filter((e) => Math.floor(micros(e.timestamp as string) / 1000) === ms && micros(e.timestamp as string) !== micros(bound));
    expect(sharing, "no other event in the bound's millisecond").toEqual([]);
  }
});

const micros = (timestamp: string, rounding: "floor" | "ceil" = "floor"): number => {
  const value = parseTimestampMicros(timestamp, rounding);
  if (value === null) throw new Error(`not a timestamp: ${timestamp}`);
  return value;
};

/** [key, count] pairs, most frequent first. */
function countBy(events: ParsecEventJson[], key: (e: ParsecEventJson) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]));
}

/**
 * The free-text search, written plainly: the text occurs in one of these fields, or anywhere in
 * `data`'s JSON, ignoring the case of A-Z (SQLite's LIKE, which the search is: other letters
 * keep their case).
 */
function matchesText(e: ParsecEventJson, q: string): boolean {
  const data = dataOf(e);
  const fields = [e.user_email, data.host_computer_name, data.client_computer_name, data.ip, data.attempt_id, e.name, JSON.stringify(data)];
  const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return fields.some((value) => typeof value === "string" && fold(value).includes(fold(q)));
}

const dataOf = (e: ParsecEventJson) => e.data as Record<string, unknown>;
const exitCodeOf = (e: ParsecEventJson) => {
  const code = dataOf(e).exit_code;
  return typeof code === "number" ? code : undefined;
};
const isFailure = (e: ParsecEventJson) => exitCodeOf(e) !== undefined && exitCodeOf(e) !== 0;
