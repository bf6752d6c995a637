import { hostHref, userHref } from "../explorerUrl/entityHref";
import { connectionsHref } from "../explorerUrl/explorerHref";
import type { FilterParamValues } from "../explorerUrl/explorerParams";
import { formatDurationParam } from "../explorerUrl/durationParam";
import type { Locale } from "../i18n/locales";
import { describeExitCode } from "../parsec/exitCodes";
import type { EmailOf } from "./connectionRow";
import type {
  ConcurrencyOverTime,
  DurationSummary,
  ExitCodesOverTime,
  FailingHost,
  FailingUser,
  HostDurations,
  HoursConnected,
  UserDurations,
} from "./insights";

/**
 * Pure transforms from the insights queries (lib/connections/insights.ts) to what a chart and its
 * table fallback draw: rows of values per series, and for every bar the link to the matching
 * connections. Plain data, so the server computes it and the browser only draws. What a row or a
 * series is called is data too (ChartLabel): components/insights says it in the reader's language.
 */

/** What a row or a series stands for, said by components/insights/useChartLabel in the reader's language. */
export type ChartLabel =
  /** A stored name, shown as it is: a host computer, an email. */
  | { kind: "name"; text: string }
  /** A user whose email no stored event gives. */
  | { kind: "user"; id: number }
  | { kind: "unknownUser" }
  | { kind: "unknownHost" }
  /** A day in `timeZone` (the viewer's), as its first instant, ISO. */
  | { kind: "day"; day: string; timeZone: string }
  /** A completion exit code with its documented name (null when undocumented); code null: no completion recorded. */
  | { kind: "exitCode"; code: number | null; name: string | null }
  | { kind: "otherCodes"; count: number }
  | { kind: "otherUsers"; count: number }
  /** A bucket of session durations, [from, to) seconds; to null: and longer. */
  | { kind: "durationBucket"; fromSeconds: number; toSeconds: number | null }
  | { kind: "failedAttempts" }
  | { kind: "otherAttempts" }
  | { kind: "sessions" }
  | { kind: "percentile"; percentile: 50 | 90 | 99 };

/** What a chart's values count, for its axis and its table. */
export type ChartUnit = "attempts" | "sessions" | "hours" | "minutes";

export interface ChartSeries {
  key: string;
  label: ChartLabel;
  color: string;
  /** A longer explanation (an exit code's meaning, or the codes folded into "other"), for the tooltip and the table. */
  note?: string;
  /** What this series adds to a bar's link (lib/explorerUrl/chartLinks); null: no link. */
  filter: FilterParamValues | null;
}

export interface ChartRow {
  label: ChartLabel;
  /** Per series key; series with nothing in this row are left out. */
  values: Record<string, number>;
  /** What this row adds to a bar's link (its day, host or user); null: no link. */
  filter: FilterParamValues | null;
  /** The page of the user or host the row is about, for the table's row heading. */
  pageHref?: string;
}

export interface BarChartModel {
  rows: ChartRow[];
  series: ChartSeries[];
  stacked: boolean;
  unit: ChartUnit;
  /** The filters every bar's link keeps: the charts' users and hosts, and for rows that are not periods, the range. */
  scope: FilterParamValues;
}

/** The charts' user and host filters, carried into every link. */
export type InsightsScope = Pick<FilterParamValues, "user" | "host">;

const HOUR_MS = 3_600_000;

/** [start, until) of a day as the connections table's from/to (both inclusive, to the millisecond). */
function period({ day, until }: ChartDay): Pick<FilterParamValues, "from" | "to"> {
  return { from: [day], to: [new Date(Date.parse(until) - 1).toISOString()] };
}

/** A day of the charts: its first instant and the next day's, ISO. */
export type ChartDay = Pick<ExitCodesOverTime["days"][number], "day" | "until">;

const dayLabel = (day: string, timeZone: string): ChartLabel => ({ kind: "day", day, timeZone });
const userLabel = (id: number | null, emailOf: EmailOf): ChartLabel => {
  if (id === null) return { kind: "unknownUser" };
  const email = emailOf(id);
  return email ? { kind: "name", text: email } : { kind: "user", id };
};
const hostLabel = (name: string | null): ChartLabel => (name === null ? { kind: "unknownHost" } : { kind: "name", text: name });
const exitCodeLabel = (s: ExitCodesOverTime["series"][number]): ChartLabel => ({
  kind: "exitCode",
  code: s.code,
  name: s.code === null || s.code === 0 || !s.label.startsWith(`${s.code} `) ? null : s.label.slice(String(s.code).length + 1),
});

const SUCCESS = "#1f9d55";
const NO_COMPLETION = "#8a94a3";
const FAILURE_COLORS = ["#c0392b", "#e4572e", "#a31545", "#f08a4b", "#7b1e1e", "#d9603b", "#b83280", "#ff6f61"];
const OTHER_COLORS = ["#d4a72c", "#6c8ebf", "#9b7bd4", "#4fb0c6", "#c9a227", "#7aa95c"];

/** Codes drawn as their own series; the rarer ones are stacked together (the legend lists each). */
const MAX_CODE_SERIES = 12;

const codeFilter = (key: string): FilterParamValues => (key === "none" ? { status: ["connecting", "incomplete"] } : { exit: [key] });

/** A code with its documented name ("-6023 NAT_ERR_PEER_PHASE"), language-neutral: the note listing the codes folded into "other". */
function codeText(s: ExitCodesOverTime["series"][number]): string {
  const label = exitCodeLabel(s);
  if (label.kind !== "exitCode" || label.code === null) return "–";
  return label.name ? `${label.code} ${label.name}` : String(label.code);
}

/** A code's meaning in the reader's language; empty for "no completion" (the component says what that means). */
const meaningOf = (s: ExitCodesOverTime["series"][number], locale: Locale) => (s.code === null ? "" : (describeExitCode(s.code, locale)?.meaning ?? s.meaning));

/** Exit codes per day, stacked: success green, failures in reds (they stand out), other codes muted. */
export function exitCodesChart(result: ExitCodesOverTime, scope: InsightsScope, locale: Locale = "en", timeZone = "UTC"): BarChartModel {
  let failureIndex = 0;
  let otherIndex = 0;
  const byTotal = [...result.series].sort((a, b) => b.total - a.total);
  const drawn = new Set(byTotal.slice(0, byTotal.length > MAX_CODE_SERIES ? MAX_CODE_SERIES - 1 : MAX_CODE_SERIES).map((s) => s.key));
  const series: ChartSeries[] = result.series
    .filter((s) => drawn.has(s.key))
    .map((s) => ({
      key: s.key,
      label: exitCodeLabel(s),
      note: meaningOf(s, locale) || undefined,
      color:
        s.code === 0
          ? SUCCESS
          : s.code === null
            ? NO_COMPLETION
            : s.failure
              ? FAILURE_COLORS[failureIndex++ % FAILURE_COLORS.length]!
              : OTHER_COLORS[otherIndex++ % OTHER_COLORS.length]!,
      filter: codeFilter(s.key),
    }));
  const rest = result.series.filter((s) => !drawn.has(s.key));
  if (rest.length > 0) {
    series.push({ key: "other", label: { kind: "otherCodes", count: rest.length }, note: rest.map(codeText).join(", "), color: "#5f6b7a", filter: null });
  }
  const rows = result.days.map((day): ChartRow => {
    const values: Record<string, number> = {};
    for (const [key, count] of Object.entries(day.counts)) {
      const seriesKey = drawn.has(key) ? key : "other";
      values[seriesKey] = (values[seriesKey] ?? 0) + count;
    }
    return { label: dayLabel(day.day, timeZone), values, filter: period(day) };
  });
  return { rows, series, stacked: true, unit: "attempts", scope };
}

/** Every code of the range, most frequent first, with its meaning and the link to its connections over the range. */
export function exitCodeLegend(
  result: ExitCodesOverTime,
  scope: InsightsScope,
  range: Range,
  locale: Locale = "en",
): { key: string; label: ChartLabel; meaning: string; failure: boolean; total: number; href: string }[] {
  return [...result.series]
    .sort((a, b) => b.total - a.total)
    .map((s) => ({
      key: s.key,
      label: exitCodeLabel(s),
      /** Empty for "no completion": the component says what that means. */
      meaning: meaningOf(s, locale),
      failure: s.failure,
      total: s.total,
      href: connectionsHref({ ...scope, ...range, ...codeFilter(s.key) }),
    }));
}

type Range = Pick<FilterParamValues, "from" | "to">;

/** The user's or host's own page, for a row that stands for one. */
function entityPage(filter: FilterParamValues | null): string | undefined {
  if (filter?.user?.length === 1) return userHref(Number(filter.user[0]));
  if (filter?.host?.length === 1) return hostHref(filter.host[0]!);
  return undefined;
}

const FAILED_SERIES: ChartSeries = { key: "failures", label: { kind: "failedAttempts" }, color: FAILURE_COLORS[0]!, filter: { status: ["failed"] } };
const OTHER_ATTEMPTS_SERIES: ChartSeries = { key: "others", label: { kind: "otherAttempts" }, color: NO_COMPLETION, filter: {} };

/** Hosts (or users) by failed attempts: failures and the rest of their attempts, each linking to those connections. */
function failingChart(
  items: { label: ChartLabel; attempts: number; failures: number; filter: FilterParamValues | null }[],
  scope: InsightsScope,
  range: Range,
): BarChartModel {
  const rows = items.map((item): ChartRow => ({
    label: item.label,
    values: { failures: item.failures, others: item.attempts - item.failures },
    filter: item.filter,
    pageHref: entityPage(item.filter),
  }));
  return { rows, series: [FAILED_SERIES, OTHER_ATTEMPTS_SERIES], stacked: true, unit: "attempts", scope: { ...scope, ...range } };
}

export function failingHostsChart(hosts: FailingHost[], scope: InsightsScope, range: Range): BarChartModel {
  return failingChart(
    hosts.map((h) => ({
      label: hostLabel(h.hostComputerName),
      attempts: h.attempts,
      failures: h.failures,
      filter: h.hostComputerName === null ? null : { host: [h.hostComputerName] },
    })),
    scope,
    range,
  );
}

export function failingUsersChart(users: FailingUser[], scope: InsightsScope, range: Range, emailOf: EmailOf): BarChartModel {
  return failingChart(
    users.map((u) => ({
      label: userLabel(u.clientUserId, emailOf),
      attempts: u.attempts,
      failures: u.failures,
      filter: u.clientUserId === null ? null : { user: [String(u.clientUserId)] },
    })),
    scope,
    range,
  );
}

/** The duration histogram: one bar per bucket, linking to the sessions whose duration falls in it. */
export function durationHistogramChart(summary: DurationSummary, scope: InsightsScope, range: Range): BarChartModel {
  const rows = summary.histogram.map((bucket): ChartRow => {
    // Parsec reports whole seconds: a bucket [a, b) holds the whole seconds from ⌈a⌉ to ⌈b⌉ - 1.
    const min = Math.ceil(bucket.fromSeconds);
    const max = bucket.toSeconds === null ? null : Math.ceil(bucket.toSeconds) - 1;
    return {
      label: { kind: "durationBucket", fromSeconds: bucket.fromSeconds, toSeconds: bucket.toSeconds },
      values: { sessions: bucket.count },
      filter: { min_duration: [formatDurationParam(min)], max_duration: max === null || max < min ? [] : [formatDurationParam(max)] },
    };
  });
  return {
    rows,
    series: [{ key: "sessions", label: { kind: "sessions" }, color: "#3a5bd9", filter: {} }],
    stacked: false,
    unit: "sessions",
    scope: { ...scope, ...range },
  };
}

const PERCENTILE_SERIES: ChartSeries[] = [
  { key: "p50", label: { kind: "percentile", percentile: 50 }, color: "#7aa2f7", filter: {} },
  { key: "p90", label: { kind: "percentile", percentile: 90 }, color: "#3a5bd9", filter: {} },
  { key: "p99", label: { kind: "percentile", percentile: 99 }, color: "#1b2f7a", filter: {} },
];

/** p50/p90/p99 of session durations, in minutes, per user or per host; each group links to its ended sessions. */
function percentilesChart(
  groups: { label: ChartLabel; summary: DurationSummary; filter: FilterParamValues | null }[],
  scope: InsightsScope,
  range: Range,
): BarChartModel {
  const rows = groups.map((group): ChartRow => ({
    label: group.label,
    values: { p50: round2((group.summary.p50 ?? 0) / 60), p90: round2((group.summary.p90 ?? 0) / 60), p99: round2((group.summary.p99 ?? 0) / 60) },
    filter: group.filter,
    pageHref: entityPage(group.filter),
  }));
  return { rows, series: PERCENTILE_SERIES, stacked: false, unit: "minutes", scope: { ...scope, ...range, status: ["ended"] } };
}

export function userPercentilesChart(users: UserDurations[], scope: InsightsScope, range: Range, emailOf: EmailOf): BarChartModel {
  return percentilesChart(
    users.map((u) => ({
      label: userLabel(u.clientUserId, emailOf),
      summary: u,
      filter: u.clientUserId === null ? null : { user: [String(u.clientUserId)] },
    })),
    scope,
    range,
  );
}

export function hostPercentilesChart(hosts: HostDurations[], scope: InsightsScope, range: Range): BarChartModel {
  return percentilesChart(
    hosts.map((h) => ({
      label: hostLabel(h.hostComputerName),
      summary: h,
      filter: h.hostComputerName === null ? null : { host: [h.hostComputerName] },
    })),
    scope,
    range,
  );
}

const USER_COLORS = ["#3a5bd9", "#1f9d55", "#d4a72c", "#9b7bd4", "#e4572e", "#4fb0c6", "#b83280", "#7aa95c"];
/** Series of the hours chart: ask hoursConnectedPerUserPerDay for this limit. */
export const HOURS_CHART_SERIES = USER_COLORS.length;

/** Two decimals are all a chart or its table shows: the rest would only lengthen the page. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Connected hours per day, stacked by user: the users with the most hours (HOURS_CHART_SERIES), the rest as "others". */
export function hoursPerUserChart(result: HoursConnected, days: ChartDay[], scope: InsightsScope, emailOf: EmailOf, timeZone = "UTC"): BarChartModel {
  const keyOf = (user: number | null) => (user === null ? "unknown" : String(user));
  const series: ChartSeries[] = result.users.map(({ clientUserId }, i) => ({
    key: keyOf(clientUserId),
    label: userLabel(clientUserId, emailOf),
    color: USER_COLORS[i % USER_COLORS.length]!,
    filter: clientUserId === null ? null : { user: [String(clientUserId)] },
  }));
  // "Others" links to everyone's connections that day: the connections table has no "all but these users" filter for so many.
  if (result.otherUsers > 0) series.push({ key: "others", label: { kind: "otherUsers", count: result.otherUsers }, color: NO_COMPLETION, filter: {} });
  const byDay = new Map(days.map((day): [string, ChartRow] => [day.day, { label: dayLabel(day.day, timeZone), values: {}, filter: period(day) }]));
  const add = (day: string, key: string, hours: number) => {
    const row = byDay.get(day);
    if (row) row.values[key] = round2((row.values[key] ?? 0) + hours);
  };
  for (const entry of result.entries) add(entry.day, keyOf(entry.clientUserId), entry.hours);
  for (const other of result.others) add(other.day, "others", other.hours);
  return { rows: [...byDay.values()], series, stacked: true, unit: "hours", scope };
}

/**
 * Connections open over time against the seat count, as columns: point i covers the
 * `hoursPerPoint` hours from `startMs + i * hoursPerPoint` hours. A point's link (the
 * connections that started in its period, lib/explorerUrl/chartLinks periodHref) is made in the
 * browser when it is clicked, not sent for each of 720 points.
 */
export interface ConcurrencyChartModel {
  startMs: number;
  hoursPerPoint: number;
  /** Connections open on average over the period. */
  average: number[];
  /** The most connections open at some moment of one of its hours. */
  overlapping: number[];
  /** The seat count at the end of the period, null before any is known. */
  seats: (number | null)[];
  /** The charts' user and host filters, kept by every link. */
  scope: InsightsScope;
  /** The viewer's zone, in which the periods are shown. */
  timeZone: string;
}

/** A concurrency model's points, each with its period's start (Unix ms): for the chart and its table. */
export function concurrencyPoints(model: ConcurrencyChartModel): { at: number; average: number; overlapping: number; seats: number | null }[] {
  const periodMs = model.hoursPerPoint * HOUR_MS;
  return model.average.map((average, i) => ({ at: model.startMs + i * periodMs, average, overlapping: model.overlapping[i]!, seats: model.seats[i] ?? null }));
}

/** More points than a chart's width has pixels only slow the browser: longer ranges merge hours. */
const MAX_CONCURRENCY_POINTS = 720;

/**
 * Connections open per period against the seat count: hours, or for long ranges several hours
 * merged (average of the averages, the highest overlap, the last seat count).
 */
export function concurrencyChart(result: ConcurrencyOverTime, scope: InsightsScope, timeZone = "UTC"): ConcurrencyChartModel {
  const hoursPerPoint = Math.max(1, Math.ceil(result.hours.length / MAX_CONCURRENCY_POINTS));
  const model: ConcurrencyChartModel = {
    startMs: result.hours.length ? Date.parse(result.hours[0]!.hour) : 0,
    hoursPerPoint,
    average: [],
    overlapping: [],
    seats: [],
    scope,
    timeZone,
  };
  for (let i = 0; i < result.hours.length; i += hoursPerPoint) {
    const group = result.hours.slice(i, i + hoursPerPoint);
    model.average.push(round2(group.reduce((sum, hour) => sum + hour.averageConcurrent, 0) / group.length));
    model.overlapping.push(Math.max(...group.map((hour) => hour.overlappingSessions)));
    model.seats.push(group.at(-1)!.seats);
  }
  return model;
}
