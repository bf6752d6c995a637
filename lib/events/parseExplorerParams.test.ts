import { describe, expect, it } from "vitest";
import { encodeCursor } from "./eventCursor";
import { parseEventFilters } from "./eventFilters";
import { parseExplorerParams } from "./parseExplorerParams";

const defaults = { limit: 50, order: "newest", cursor: undefined, sort: "time" };

describe("parseExplorerParams", () => {
  it("reads filters and paging, defaults left out", () => {
    const cursor = encodeCursor({ direction: "after", at: 1_772_323_200_000, id: "abc" });
    expect(parseExplorerParams({ user: ["1", "2"], name: "team_create", limit: "200", order: "oldest", cursor })).toEqual({
      filters: parseEventFilters({ user: ["1", "2"], name: "team_create" }),
      paging: { limit: 200, order: "oldest", cursor: { direction: "after", at: 1_772_323_200_000, id: "abc" }, sort: "time" },
      problems: [],
    });
    expect(parseExplorerParams({})).toEqual({ filters: parseEventFilters({}), paging: defaults, problems: [] });
  });

  it("drops what does not parse, keeps the rest, and says what was expected", () => {
    const parsed = parseExplorerParams({ limit: "-5", from: "last tuesday", user: "42", order: "sideways", cursor: "%%%", colour: "red", sort: "colour" });
    expect(parsed.filters).toEqual(parseEventFilters({ user: "42" }));
    expect(parsed.paging).toEqual(defaults);
    expect(parsed.problems).toEqual([
      {
        param: "colour",
        given: "red",
        message: expect.stringMatching(/^is not a parameter of this page \(it takes user, not_user, .*limit, order, cursor, sort\)$/),
        reason: { reason: "unknownParam", known: expect.arrayContaining(["user", "sort"]) },
      },
      { param: "from", given: "last tuesday", message: "must be an RFC 3339 date-time such as 2026-05-20T07:29:52Z", reason: { reason: "dateTime" } },
      { param: "limit", given: "-5", message: "must be one of 25, 50, 100, 200", reason: { reason: "oneOf", choices: [25, 50, 100, 200] } },
      { param: "order", given: "sideways", message: "must be one of newest, oldest", reason: { reason: "oneOf", choices: ["newest", "oldest"] } },
      { param: "cursor", given: "%%%", message: expect.stringMatching(/^is not a page position/), reason: { reason: "cursor" } },
      {
        param: "sort",
        given: "colour",
        message: "must be one of time, name, user, host, exit",
        reason: { reason: "oneOf", choices: ["time", "name", "user", "host", "exit"] },
      },
    ]);
  });

  it("sorts by an indexed column, and drops a page position made for another sort", () => {
    const byName = encodeCursor({ direction: "after", at: 1, id: "abc", key: { sort: "name", value: "team_create" } });
    expect(parseExplorerParams({ sort: "name", cursor: byName }).paging).toEqual({
      ...defaults,
      sort: "name",
      cursor: { direction: "after", at: 1, id: "abc", key: { sort: "name", value: "team_create" } },
    });
    const parsed = parseExplorerParams({ sort: "host", cursor: byName });
    expect(parsed.paging).toEqual({ ...defaults, sort: "host" });
    expect(parsed.problems).toEqual([
      { param: "cursor", given: byName, message: expect.stringMatching(/made for another sort$/), reason: { reason: "cursorOtherSort" } },
    ]);
  });

  it("reports one problem per parameter, however many of its values are wrong", () => {
    const parsed = parseExplorerParams({ user: ["bob", "42", "alice"], exit: "success" });
    expect(parsed.filters).toEqual(parseEventFilters({ exit: "success" }));
    expect(parsed.problems).toEqual([
      { param: "user", given: "bob, 42, alice", message: "must be a Parsec user id (a whole number)", reason: { reason: "userId" } },
    ]);
  });

  it("drops a from later than to, keeping to", () => {
    const parsed = parseExplorerParams({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" });
    expect(parsed.filters).toEqual(parseEventFilters({ to: "2026-01-01T00:00:00Z" }));
    expect(parsed.problems).toEqual([
      { param: "from", given: "2026-02-01T00:00:00Z", message: "must not be later than to", reason: { reason: "notLaterThanTo" } },
    ]);
  });

  it("refuses a single parameter given twice", () => {
    const parsed = parseExplorerParams({ limit: ["25", "100"], q: ["a", "b"] });
    expect(parsed.paging.limit).toBe(50);
    expect(parsed.problems.map((p) => [p.param, p.message])).toEqual([
      ["q", "must be given only once"],
      ["limit", "must be given only once"],
    ]);
  });
});
