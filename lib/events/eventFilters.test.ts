import { describe, expect, it } from "vitest";
import { describeFilters, eventFiltersWhere, FilterError, parseEventFilters } from "./eventFilters";

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
      q: "東京",
    });
    expect(parseEventFilters({})).toEqual({ user: [], name: [], host: [], exit: [] });
  });

  it("says which filter is wrong and what it expects", () => {
    expect(() => parseEventFilters({ user: "bob" })).toThrow(FilterError);
    expect(() => parseEventFilters({ user: "bob" })).toThrow(/^user must be a Parsec user id/);
    expect(() => parseEventFilters({ from: "last tuesday" })).toThrow(/^from /);
    expect(() => parseEventFilters({ exit: "boom" })).toThrow(/exit must be an exit code/);
    expect(() => parseEventFilters({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" })).toThrow(/from must not be later than to/);
  });
});

describe("eventFiltersWhere", () => {
  it("ANDs filters and ORs repeated values", () => {
    const where = eventFiltersWhere(parseEventFilters({ user: ["1", "2"], exit: ["success", "-6023"], host: "PC" }));
    expect(where).toEqual({
      AND: [
        { userId: { in: [1, 2] } },
        { hostComputerName: { in: ["PC"] } },
        { OR: [{ exitCode: 0 }, { exitCode: -6023 }] },
      ],
    });
    expect(eventFiltersWhere(parseEventFilters({}))).toEqual({});
  });
  it("bounds time inclusively", () => {
    expect(eventFiltersWhere(parseEventFilters({ from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }))).toEqual({
      AND: [{ occurredAt: { gte: new Date("2026-01-01T00:00:00Z") } }, { occurredAt: { lte: new Date("2026-01-02T00:00:00Z") } }],
    });
  });
});

describe("describeFilters", () => {
  it("makes a file-name-safe summary", () => {
    expect(describeFilters(parseEventFilters({ user: "42", name: ["a", "b"], q: "x/y" }))).toBe("user-42_name-a+b_q-x-y");
    expect(describeFilters(parseEventFilters({}))).toBe("all");
  });
});
