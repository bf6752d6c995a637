import { describe, expect, it } from "vitest";
import { chartBarHref } from "../explorerUrl/chartLinks";
import type { ConcurrencyOverTime, ExitCodesOverTime, HoursConnected, UserDayHours } from "./insights";
import {
  concurrencyChart,
  concurrencyPoints,
  durationHistogramChart,
  exitCodeLegend,
  exitCodesChart,
  hoursPerUserChart,
  type BarChartModel,
} from "./insightsCharts";

const scope = { user: ["1001"], host: [] };
const range = { from: ["2026-03-01T00:00:00.000Z"], to: ["2026-03-03T00:00:00.000Z"] };
const linkOf = (model: BarChartModel, row: number, key: string) => {
  const href = chartBarHref(
    model.scope,
    model.rows[row]!,
    model.series.find((s) => s.key === key)!,
  );
  return href === null
    ? null
    : Object.fromEntries(
        [...new Set(new URL(href, "http://x").searchParams.keys())].map((k) => [k, new URL(href, "http://x").searchParams.getAll(k).join(",")]),
      );
};

const exitCodes: ExitCodesOverTime = {
  series: [
    { key: "0", code: 0, label: "0 Success", meaning: "The connection succeeded.", severity: "success", failure: false, total: 5 },
    {
      key: "-6023",
      code: -6023,
      label: "-6023 NAT_ERR_PEER_PHASE",
      meaning: "The two computers could not reach each other.",
      severity: "error",
      failure: true,
      total: 2,
    },
    { key: "none", code: null, label: "no completion", meaning: "", severity: null, failure: false, total: 1 },
  ],
  days: [
    { day: "2026-03-01T00:00:00.000Z", until: "2026-03-02T00:00:00.000Z", attempts: 4, failures: 1, counts: { "0": 3, "-6023": 1 } },
    { day: "2026-03-02T00:00:00.000Z", until: "2026-03-03T00:00:00.000Z", attempts: 4, failures: 1, counts: { "0": 2, "-6023": 1, none: 1 } },
  ],
};

describe("insights charts", () => {
  it("stacks exit codes per day, failures in red, each bar linking to its connections on that UTC day", () => {
    const chart = exitCodesChart(exitCodes, scope);
    expect(chart.series.map((s) => [s.key, s.color])).toEqual([
      ["0", "#1f9d55"],
      ["-6023", "#c0392b"],
      ["none", "#8a94a3"],
    ]);
    expect(chart.rows[1]).toMatchObject({ label: { kind: "day", day: "2026-03-02T00:00:00.000Z", timeZone: "UTC" }, values: { "0": 2, "-6023": 1, none: 1 } });
    expect(linkOf(chart, 1, "-6023")).toEqual({ user: "1001", exit: "-6023", from: "2026-03-02T00:00:00.000Z", to: "2026-03-02T23:59:59.999Z" });
    expect(linkOf(chart, 0, "none")).toMatchObject({ status: "connecting,incomplete" });
    // A day of a zone whose clocks go back that night is 25 hours long: its link covers all of them.
    const london = exitCodesChart(
      { ...exitCodes, days: [{ day: "2026-10-24T23:00:00.000Z", until: "2026-10-26T00:00:00.000Z", attempts: 1, failures: 0, counts: { "0": 1 } }] },
      scope,
      "en",
      "Europe/London",
    );
    expect(london.rows[0]!.label).toEqual({ kind: "day", day: "2026-10-24T23:00:00.000Z", timeZone: "Europe/London" });
    expect(linkOf(london, 0, "0")).toMatchObject({ from: "2026-10-24T23:00:00.000Z", to: "2026-10-25T23:59:59.999Z" });
    const legend = exitCodeLegend(exitCodes, scope, range);
    expect(legend.map((code) => [code.label, code.total])).toEqual([
      [{ kind: "exitCode", code: 0, name: null }, 5],
      [{ kind: "exitCode", code: -6023, name: "NAT_ERR_PEER_PHASE" }, 2],
      [{ kind: "exitCode", code: null, name: null }, 1],
    ]);
    expect(legend[1]!.href).toBe("/connections?user=1001&exit=-6023&from=2026-03-01T00%3A00%3A00.000Z&to=2026-03-03T00%3A00%3A00.000Z");
  });

  it("explains each code in the reader's language", () => {
    const notes = (locale: "en" | "ja") => exitCodesChart(exitCodes, scope, locale).series.map((s) => s.note);
    expect(notes("en")[1]).toMatch(/^The two computers could not reach each other directly/);
    expect(notes("ja")[1]).toMatch(/^2 台のコンピューターが互いに直接通信できませんでした/);
    // "No completion" has no catalogue meaning: the chart's component says it.
    expect(notes("ja")[2]).toBeUndefined();
    expect(exitCodeLegend(exitCodes, scope, range, "ja")[0]!.meaning).toBe("接続に成功したか、セッションが正常に終了しました。");
  });

  it("stacks the rarest codes together, without a link, when there are many", () => {
    const many: ExitCodesOverTime = {
      series: Array.from({ length: 15 }, (_, i) => ({
        key: String(-i - 1),
        code: -i - 1,
        label: i === 14 ? `unknown code ${-i - 1}` : `${-i - 1} ERR_${i}`,
        meaning: "m",
        severity: "error" as const,
        failure: true,
        total: 100 - i,
      })),
      days: [
        {
          day: "2026-03-01T00:00:00.000Z",
          until: "2026-03-02T00:00:00.000Z",
          attempts: 15,
          failures: 15,
          counts: Object.fromEntries(Array.from({ length: 15 }, (_, i) => [String(-i - 1), 1])),
        },
      ],
    };
    const chart = exitCodesChart(many, scope);
    expect(chart.series).toHaveLength(12);
    expect(chart.series.at(-1)).toMatchObject({
      key: "other",
      label: { kind: "otherCodes", count: 4 },
      note: "-12 ERR_11, -13 ERR_12, -14 ERR_13, -15",
      filter: null,
    });
    expect(chart.rows[0]!.values.other).toBe(4);
    expect(linkOf(chart, 0, "other")).toBeNull();
  });

  it("links a duration bucket to the whole seconds inside it", () => {
    const chart = durationHistogramChart(
      {
        sessions: 3,
        connectedSeconds: 100,
        p50: 40,
        p90: 60,
        p99: 60,
        histogram: [
          { fromSeconds: 32, toSeconds: 45.254833995939045, count: 2 },
          { fromSeconds: 524288, toSeconds: null, count: 1 },
        ],
      },
      scope,
      range,
    );
    expect(chart.rows.map((row) => row.label)).toEqual([
      { kind: "durationBucket", fromSeconds: 32, toSeconds: 45.254833995939045 },
      { kind: "durationBucket", fromSeconds: 524288, toSeconds: null },
    ]);
    expect(linkOf(chart, 0, "sessions")).toMatchObject({ min_duration: "32s", max_duration: "45s", from: range.from[0], to: range.to[0] });
    expect(linkOf(chart, 1, "sessions")).not.toHaveProperty("max_duration");
  });

  it("stacks hours per user, the users with the most hours by name, the rest as others", () => {
    const days = ["2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z"];
    const chartDays = [
      { day: days[0]!, until: days[1]! },
      { day: days[1]!, until: "2026-03-03T00:00:00.000Z" },
    ];
    // As hoursConnectedPerUserPerDay gives ten users' hours with a limit of 8: seven by name, three summed.
    const entries: UserDayHours[] = Array.from({ length: 7 }, (_, i) => ({ day: days[i % 2]!, clientUserId: 100 + i, hours: 10 - i, sessions: 1 }));
    const hours: HoursConnected = {
      users: entries.map((e) => ({ clientUserId: e.clientUserId, hours: e.hours })),
      entries: [...entries].sort((a, b) => a.day.localeCompare(b.day)),
      others: [
        { day: days[0]!, hours: 2, sessions: 2 },
        { day: days[1]!, hours: 3 + 1, sessions: 2 },
      ],
      otherUsers: 3,
    };
    const chart = hoursPerUserChart(hours, chartDays, {}, (id) => (id === 100 ? "松本@example.jp" : null));
    expect(chart.series).toHaveLength(8);
    expect(chart.series[0]).toMatchObject({ key: "100", label: { kind: "name", text: "松本@example.jp" } });
    expect(chart.series[1]).toMatchObject({ key: "101", label: { kind: "user", id: 101 } });
    expect(chart.series.at(-1)).toMatchObject({ key: "others", label: { kind: "otherUsers", count: 3 } });
    expect(chart.rows[1]!.values.others).toBe(3 + 1);
    expect(linkOf(chart, 0, "100")).toMatchObject({ user: "100" });
    expect(linkOf(chart, 0, "others")).not.toHaveProperty("user");
  });

  it("merges the hours of a long range into periods, and gives each point its period's start", () => {
    const start = Date.parse("2026-01-01T00:00:00.000Z");
    const result: ConcurrencyOverTime = {
      hours: Array.from({ length: 1_500 }, (_, i) => ({
        hour: new Date(start + i * 3_600_000).toISOString(),
        averageConcurrent: i % 3 === 0 ? 0.5 : 1,
        overlappingSessions: i % 3,
        seats: i < 1_000 ? 5 : 8,
      })),
      seatChanges: [],
    };
    const model = concurrencyChart(result, scope);
    // 720 points at most: 1,500 hours make 500 points of 3 hours.
    expect(model.hoursPerPoint).toBe(3);
    const points = concurrencyPoints(model);
    expect(points).toHaveLength(500);
    expect(points[0]).toEqual({ at: start, average: 0.83, overlapping: 2, seats: 5 });
    expect(points[333]).toEqual({ at: start + 999 * 3_600_000, average: 0.83, overlapping: 2, seats: 8 });
    expect(points.at(-1)!.at).toBe(start + 1_497 * 3_600_000);
  });
});
