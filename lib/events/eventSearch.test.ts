import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import { countCandidates, likePattern, SEARCH_COLUMNS, searchIndexQuery, searchRowMatcher } from "./eventSearch";
import { makeEvent } from "./testing";
import { seedEvents } from "../ingest/testing";

describe("searchIndexQuery", () => {
  it("looks up every trigram of the text, case folded once", () => {
    expect(searchIndexQuery("会議室")).toBe('"会議室"');
    expect(searchIndexQuery("Koji")).toBe('"Koj" AND "oji"');
    expect(searchIndexQuery("abcABC")).toBe('"abc" AND "bcA" AND "cAB"');
  });

  it("has nothing to look up below three characters: the search scans", () => {
    expect(searchIndexQuery("ab")).toBeNull();
    expect(searchIndexQuery("東京")).toBeNull();
    // Two characters either side of a quote: no indexable run of three.
    expect(searchIndexQuery('ab"cd')).toBeNull();
  });

  it("leaves out what JSON escapes, since the index holds data as JSON text", () => {
    expect(searchIndexQuery('Dev "Beast"')).toBe('"Dev" AND "ev " AND "Bea" AND "eas" AND "ast"');
    expect(searchIndexQuery("OFFICE\\koji")).toBe('"OFF" AND "FFI" AND "FIC" AND "ICE" AND "koj" AND "oji"');
    expect(searchIndexQuery("tab\there")).toBe('"tab" AND "her" AND "ere"');
  });

  it("counts code points, not UTF-16 units", () => {
    // 🖥️ is two code points (U+1F5A5 and the variation selector U+FE0F), four UTF-16 units.
    expect(searchIndexQuery("a\u{1F5A5}\uFE0Fb")).toBe('"a\u{1F5A5}\uFE0F" AND "\u{1F5A5}\uFE0Fb"');
  });

  it("looks up at most twelve trigrams, spread over the text", () => {
    const terms = searchIndexQuery("726fc467-501ffaea-01c967de-b972ac53")!.split(" AND ");
    expect(terms).toHaveLength(12);
    expect(terms[0]).toBe('"726"');
    expect(terms[11]).toBe('"c53"');
  });
});

describe("likePattern", () => {
  it("takes %, _ and \\ literally", () => {
    expect(likePattern("100% done_ok\\x")).toBe("%100\\% done\\_ok\\\\x%");
  });
});

describe("searchRowMatcher", () => {
  it("agrees with SQLite's LIKE on every searched column", () => {
    const sqlite = new Database(":memory:");
    try {
      const like = sqlite.prepare<[string, string], { matches: number }>(`SELECT ? LIKE ? ESCAPE '\\' AS "matches"`);
      // Few characters, so that matches are common: A-Z case, case beyond ASCII, LIKE's own wildcards, a pair of surrogates.
      const text = fc.string({ unit: fc.constantFrom("a", "A", "b", "é", "É", "%", "_", "\\", "会", "\u{1F5A5}"), maxLength: 12 });
      fc.assert(
        fc.property(text, fc.array(fc.option(text), { minLength: SEARCH_COLUMNS.length, maxLength: SEARCH_COLUMNS.length }), (q, values) => {
          const row = Object.fromEntries(SEARCH_COLUMNS.map((column, i) => [column, values[i] ?? null])) as Parameters<
            NonNullable<ReturnType<typeof searchRowMatcher>>
          >[0];
          const expected = SEARCH_COLUMNS.some((column) => row[column] !== null && like.get(row[column]!, likePattern(q))!.matches === 1);
          expect(searchRowMatcher(q)!(row)).toBe(expected);
        }),
        { numRuns: 500 },
      );
    } finally {
      sqlite.close();
    }
  });

  it("declines a search with half a surrogate pair, which SQLite would see replaced", () => {
    expect(searchRowMatcher("ab\uD800c")).toBeNull();
    expect(searchRowMatcher("ab\u{1F5A5}c")).not.toBeNull();
  });
});

describe("the search index follows the events table", () => {
  let database: TempDatabase;
  beforeAll(async () => {
    database = await createTempDatabase();
  });
  afterAll(() => database?.close());

  const found = (q: string) => {
    const match = searchIndexQuery(q)!;
    return database.sqlite
      .prepare(`SELECT "id" FROM "Event" WHERE "rowid" IN (SELECT "rowid" FROM "EventSearch" WHERE "EventSearch" MATCH ?) ORDER BY "id"`)
      .all(match)
      .map((row) => (row as { id: string }).id);
  };

  it("indexes new events, re-indexes changed ones and forgets deleted ones", () => {
    seedEvents(database, [
      makeEvent({ id: "a", timestamp: "2026-01-01T00:00:00Z", user_email: "old.name@example.jp", data: { host_computer_name: "会議室PC" } }),
      makeEvent({ id: "b", timestamp: "2026-01-01T00:00:01Z", data: { host_computer_name: "レンダリング-01" } }),
    ]);
    expect(found("会議室")).toEqual(["a"]);
    expect(found("OLD.NAME")).toEqual(["a"]);
    // Parsec reports the user's current email: the event is stored again with it.
    seedEvents(database, [
      makeEvent({ id: "a", timestamp: "2026-01-01T00:00:00Z", user_email: "new.name@example.jp", data: { host_computer_name: "会議室PC" } }),
    ]);
    expect(found("old.name")).toEqual([]);
    expect(found("new.name")).toEqual(["a"]);
    database.sqlite.prepare(`DELETE FROM "Event" WHERE "id" = 'b'`).run();
    expect(found("レンダリング")).toEqual([]);
    expect(countCandidates(database.sqlite, searchIndexQuery("example")!)).toBe(1);
  });
});
