import { describe, expect, it } from "vitest";
import { parseInsightsParams } from "./insightsParams";

const NOW = Date.parse("2026-11-25T17:00:00.000Z");
const DAY = 86_400_000;

describe("parseInsightsParams", () => {
  it("shows the whole history by default, from the start of its first UTC day", () => {
    const view = parseInsightsParams({}, NOW, Date.parse("2026-08-27T22:31:18.000Z"));
    expect(view.query.from.toISOString()).toBe("2026-08-27T00:00:00.000Z");
    expect(view.query.to.getTime()).toBe(NOW);
    expect([view.capped, view.problems, view.filters]).toEqual([false, [], { user: [], host: [], from: [], to: [] }]);
  });

  it("caps a longer history at 366 days, and names a `from` that asks for more", () => {
    expect(parseInsightsParams({}, NOW, NOW - 1000 * DAY).capped).toBe(true);
    const view = parseInsightsParams({ from: "2020-01-01T00:00:00Z", user: ["1", "x"], host: "レンダリング-01", sort: "up" }, NOW, null);
    expect(view.problems.map((p) => `${p.param}=${p.given} ${p.message}`)).toEqual([
      expect.stringMatching(/^sort=up is not a parameter/),
      "user=1, x must be a Parsec user id (a whole number)",
      "from=2020-01-01T00:00:00Z must be at most 366 days before to",
    ]);
    expect(view.query.hosts).toEqual(["レンダリング-01"]);
    expect(view.query.users).toEqual([]);
    expect(NOW - view.query.from.getTime()).toBeLessThanOrEqual(367 * DAY);
  });
});
