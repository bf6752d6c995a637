import { describe, expect, it } from "vitest";
import { explorerSearchParams, searchParamsRecord } from "../explorerUrl/explorerHref";
import { describeFilters, FilterError, filtersToParams, parseEventFilters } from "./eventFilters";

describe("parseEventFilters", () => {
  it("parses single and repeated values into one shape", () => {
    expect(
      parseEventFilters({ user: ["6181803", "42"], name: "client_disconnect", from: "2026-01-01T00:00:00+09:00", exit: ["failure", "-6023"], q: " 東京 " }),
    ).toEqual({
      user: [6181803, 42],
      name: ["client_disconnect"],
      from: "2026-01-01T00:00:00+09:00",
      host: [],
      exit: ["failure", -6023],
      attempt: [],
      ip: [],
      q: "東京",
      notUser: [],
      notName: [],
      notHost: [],
      notExit: [],
    });
    expect(parseEventFilters({})).toEqual({ user: [], notUser: [], name: [], notName: [], host: [], notHost: [], exit: [], notExit: [], attempt: [], ip: [] });
  });

  it("reads not_user, attempt and ip, and takes blank values as absent", () => {
    expect(parseEventFilters({ not_user: ["7", " "], attempt: "000e7777-576639b2", ip: ["150.249.249.19", "2400:4051::1"], q: "  ", from: "" })).toEqual({
      user: [],
      notUser: [7],
      name: [],
      host: [],
      exit: [],
      attempt: ["000e7777-576639b2"],
      ip: ["150.249.249.19", "2400:4051::1"],
      notName: [],
      notHost: [],
      notExit: [],
    });
  });

  it("says which filter is wrong and what it expects", () => {
    expect(() => parseEventFilters({ user: "bob" })).toThrow(FilterError);
    expect(() => parseEventFilters({ user: "bob" })).toThrow(/^user must be a Parsec user id/);
    expect(() => parseEventFilters({ from: "last tuesday" })).toThrow(/^from /);
    expect(() => parseEventFilters({ exit: "boom" })).toThrow(/exit must be an exit code/);
    expect(() => parseEventFilters({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" })).toThrow(/from must not be later than to/);
    expect(() => parseEventFilters({ from: "2026-01-01T00:00:00.0002Z", to: "2026-01-01T00:00:00.0001Z" })).toThrow(/from must not be later than to/);
    expect(() => parseEventFilters({ not_user: "me" })).toThrow(/^not_user must be a Parsec user id/);
    expect(() => parseEventFilters({ user: "99999999999999999999" })).toThrow(/^user must be a Parsec user id \(a whole number\), not one this large/);
    expect(() => parseEventFilters({ q: ["a", "b"] })).toThrow(/^q must be given only once/);
    expect(() => parseEventFilters({ q: "x".repeat(201) })).toThrow(/^q must be a search text of at most 200 characters/);
  });

  it("round-trips through the URL: filters → parameters → query string → the same filters", () => {
    const cases = [
      {},
      { user: ["6181803", "42"], not_user: "7", name: ["client_disconnect", "team_create"], exit: ["failure", "-6023", "success"] },
      { from: "2026-01-01T00:00:00.123456+09:00", to: "2026-01-02T00:00:00Z", host: ["レンダリング-01", 'Dev "Beast" 03', "OFFICE\\yui"] },
      { attempt: "000e7777-576639b2-a60ec436", ip: ["2400:4051::1"], q: "100% done & more=yes" },
    ];
    for (const raw of cases) {
      const filters = parseEventFilters(raw);
      const query = explorerSearchParams(filtersToParams(filters)).toString();
      expect(parseEventFilters(searchParamsRecord(new URLSearchParams(query)))).toEqual(filters);
    }
  });
});

describe("describeFilters", () => {
  it("makes a file-name-safe summary", () => {
    expect(describeFilters(parseEventFilters({ user: "42", name: ["a", "b"], q: "x/y" }))).toBe("user-42_name-a+b_q-x-y");
    expect(describeFilters(parseEventFilters({}))).toBe("all");
    expect(describeFilters(parseEventFilters({ not_user: "5", host: "レンダリング-01", exit: "failure" }))).toBe(
      "not_user-5_host-レンダリング-01_exit-failure",
    );
  });
});
