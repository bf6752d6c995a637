import { describe, expect, it } from "vitest";
import { activeFilters, isExclusion, type ActiveFilter } from "./activeFilters";

const withoutLinks = (chips: ActiveFilter[]) => chips.map(({ withoutHref: _href, ...chip }) => chip);

describe("activeFilters", () => {
  it("gives each value of the events explorer's filters a chip, and a range one chip, each linking to the first page without it", () => {
    const filters = {
      q: ["NAT_ERR"],
      name: ["client_connect", "client_disconnect"],
      from: ["2026-11-25T00:00:00Z"],
      to: ["2026-12-01T00:00:00Z"],
      not_user: ["7"],
      exit: ["-6023"],
    };
    const chips = activeFilters(filters, { limit: 100, order: "oldest", cursor: "abc" }, "events");
    expect(withoutLinks(chips)).toEqual([
      { kind: "value", param: "not_user", value: "7" },
      { kind: "value", param: "name", value: "client_connect" },
      { kind: "value", param: "name", value: "client_disconnect" },
      { kind: "time", from: "2026-11-25T00:00:00Z", to: "2026-12-01T00:00:00Z" },
      { kind: "value", param: "exit", value: "-6023" },
      { kind: "value", param: "q", value: "NAT_ERR" },
    ]);
    const href = (i: number) => new URL(chips[i]!.withoutHref, "http://x");
    expect(href(1).pathname).toBe("/events");
    expect(href(1).searchParams.getAll("name")).toEqual(["client_disconnect"]);
    expect(href(3).searchParams.has("from") || href(3).searchParams.has("to")).toBe(false);
    expect(href(5).searchParams.has("q")).toBe(false);
    // The rest of the view stays, but not the page it was on.
    expect(href(5).searchParams.get("order")).toBe("oldest");
    expect(href(5).searchParams.get("limit")).toBe("100");
    expect(href(5).searchParams.has("cursor")).toBe(false);
    expect(href(5).searchParams.getAll("name")).toEqual(["client_connect", "client_disconnect"]);
  });

  it("on /connections: status, a duration range with one bound, and none of the explorer's own filters", () => {
    const chips = activeFilters(
      { status: ["failed"], min_duration: ["13h"], q: ["ignored"], host: ["会議室PC"] },
      { limit: 50, order: "newest" },
      "connections",
    );
    expect(withoutLinks(chips)).toEqual([
      { kind: "value", param: "host", value: "会議室PC" },
      { kind: "value", param: "status", value: "failed" },
      { kind: "duration", min: "13h", max: undefined },
    ]);
    expect(chips[2]!.withoutHref).toBe("/connections?host=%E4%BC%9A%E8%AD%B0%E5%AE%A4PC&status=failed");
  });

  it("gives each left-out value its own chip, marked as an exclusion, on both tables", () => {
    const events = activeFilters({ host: ["会議室PC"], not_host: ["EDIT-01"], not_exit: ["-6023"], not_name: ["team_create"] }, {}, "events");
    expect(withoutLinks(events)).toEqual([
      { kind: "value", param: "not_name", value: "team_create" },
      { kind: "value", param: "host", value: "会議室PC" },
      { kind: "value", param: "not_host", value: "EDIT-01" },
      { kind: "value", param: "not_exit", value: "-6023" },
    ]);
    expect(events.map((chip) => chip.kind === "value" && isExclusion(chip.param))).toEqual([true, false, true, true]);
    expect(events[2]!.withoutHref).toBe("/events?not_name=team_create&host=%E4%BC%9A%E8%AD%B0%E5%AE%A4PC&not_exit=-6023");
    const connections = activeFilters({ not_status: ["failed"], not_name: ["ignored"] }, {}, "connections");
    expect(withoutLinks(connections)).toEqual([{ kind: "value", param: "not_status", value: "failed" }]);
  });

  it("has no chip without filters, nor for empty values", () => {
    expect(activeFilters({ q: [""], host: [] }, {}, "events")).toEqual([]);
  });
});
