// The insights queries read rollups; here each answer is checked against the same figure worked
// out directly from the Connection rows of a synced simulated history, with and without filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isFailure } from "../parsec/exitCodes";
import { startSyncFixture, type SyncFixture } from "../sync/testing";
import { durationBucket, durationBucketBounds } from "./durationBuckets";
import {
  concurrencyOverTime,
  durationsByHost,
  durationsByUser,
  durationSummary,
  exitCodesOverTime,
  hoursConnectedPerUserPerDay,
  insightsOverview,
  insightsQuerySchema,
  teamSeats,
  topFailingHosts,
  topFailingUsers,
  type InsightsQuery,
  type UserDayHours,
} from "./insights";
import { OPEN_CONNECTION_MAX_AGE_MS } from "./connectionStatus";

interface Row {
  status: string;
  startedAt: number;
  completedAt: number | null;
  lastEventAt: number;
  endedAt: number | null;
  durationSeconds: number | null;
  clientUserId: number;
  hostComputerName: string;
  completionExitCode: number | null;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
let fixture: SyncFixture;
let rows: Row[];
let busiestUser: number;
let busiestHosts: string[];

beforeAll(async () => {
  fixture = await startSyncFixture({ events: 5_000, seed: 3 });
  await fixture.sync();
  rows = fixture.sqlite
    .prepare(
      `SELECT "status", "startedAt", "completedAt", "lastEventAt", "endedAt", "durationSeconds", "clientUserId", "hostComputerName", "completionExitCode" FROM "Connection"`,
    )
    .all() as Row[];
  const count = <K>(key: (r: Row) => K) => {
    const counts = new Map<K, number>();
    for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  };
  busiestUser = count((r) => r.clientUserId)[0]!;
  busiestHosts = count((r) => r.hostComputerName).slice(0, 2);
});
afterAll(() => fixture.close());

/**
 * The zones the charts are checked in, each with its days worked out on its own: UTC; Tokyo, whose
 * days run from 15:00 to 15:00 UTC; India (+5:30), whose days start at the whole UTC hour before
 * local midnight, 18:00 UTC (lib/connections/zoneDays.ts).
 */
const ZONES = [
  { timeZone: "UTC", dayOf: (ms: number) => Math.floor(ms / DAY) * DAY },
  { timeZone: "Asia/Tokyo", dayOf: (ms: number) => Math.floor((ms + 9 * HOUR) / DAY) * DAY - 9 * HOUR },
  { timeZone: "Asia/Kolkata", dayOf: (ms: number) => Math.floor((ms + 6 * HOUR) / DAY) * DAY - 6 * HOUR },
  // Daylight saving time ends in New York on 1 November 2026: a day of 25 hours in the history.
  { timeZone: "America/New_York", dayOf: (ms: number) => localMidnight(ms, "America/New_York") },
];

/** The first whole hour before `ms` whose local date is that of `ms`, walking back hour by hour. */
function localMidnight(ms: number, timeZone: string): number {
  const date = (t: number) => new Date(t).toLocaleDateString("en-CA", { timeZone });
  let hour = Math.floor(ms / HOUR) * HOUR;
  while (date(hour - HOUR) === date(ms)) hour -= HOUR;
  return hour;
}

/**
 * A range that starts and ends mid-hour, so that the edges are exercised too: a range covers
 * every UTC hour it touches, in full (the rollups count connections by the hour they started).
 */
function ranges(timeZone = "UTC"): { name: string; query: InsightsQuery; keep: (r: Row) => boolean }[] {
  const first = Math.min(...rows.map((r) => r.startedAt));
  const last = Math.max(...rows.map((r) => r.startedAt));
  const from = new Date(first + 20 * DAY + 5 * HOUR + 17 * 60_000);
  const to = new Date(last - 10 * DAY - 7 * HOUR - 5 * 60_000);
  const inRange = (r: Row) => r.startedAt >= Math.floor(from.getTime() / HOUR) * HOUR && r.startedAt < Math.ceil(to.getTime() / HOUR) * HOUR;
  return [
    { name: "everything", query: { from: new Date(first), to: new Date(last + 1), timeZone }, keep: () => true },
    { name: "a range", query: { from, to, timeZone }, keep: inRange },
    { name: "one user", query: { from, to, timeZone, users: [busiestUser] }, keep: (r) => inRange(r) && r.clientUserId === busiestUser },
    { name: "two hosts", query: { from, to, timeZone, hosts: busiestHosts }, keep: (r) => inRange(r) && busiestHosts.includes(r.hostComputerName) },
    {
      name: "a user and hosts",
      query: { from, to, timeZone, users: [busiestUser], hosts: busiestHosts },
      keep: (r) => inRange(r) && r.clientUserId === busiestUser && busiestHosts.includes(r.hostComputerName),
    },
  ];
}

function groupCount<K>(list: Row[], key: (r: Row) => K, value: (r: Row) => number = () => 1): Map<K, number> {
  const out = new Map<K, number>();
  for (const r of list) out.set(key(r), (out.get(key(r)) ?? 0) + value(r));
  return out;
}

describe.each(ZONES)("insights queries equal the figures of the Connection rows, by the days of $timeZone", ({ timeZone, dayOf }) => {
  it("has a history with failures and several users and hosts", () => {
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.filter((r) => r.status === "failed").length).toBeGreaterThan(20);
  });

  it.each([0, 1, 2, 3, 4])("exit codes over time (%i)", (i) => {
    const { query, keep } = ranges(timeZone)[i]!;
    const kept = rows.filter(keep);
    const result = exitCodesOverTime(fixture.sqlite, query);
    const expected = groupCount(kept, (r) => `${dayOf(r.startedAt)}|${r.completionExitCode ?? "none"}`);
    const actual = new Map<string, number>();
    for (const day of result.days) {
      for (const [key, n] of Object.entries(day.counts)) actual.set(`${Date.parse(day.day)}|${key}`, n);
      expect(day.failures).toBe(kept.filter((r) => r.status === "failed" && dayOf(r.startedAt) === Date.parse(day.day)).length);
      expect(Date.parse(day.until)).toBe(dayOf(Date.parse(day.day) + DAY + 2 * HOUR));
    }
    expect(result.days[0]!.day).toBe(new Date(dayOf(query.from.getTime())).toISOString());
    expect(actual).toEqual(expected);
    for (const series of result.series) expect(series.failure).toBe(series.code !== null && isFailure(series.code));
    expect(result.series[0]?.code).toBe(0);
  });

  it.each([0, 1, 2, 3, 4])("top failing hosts and users (%i)", (i) => {
    const { query, keep } = ranges(timeZone)[i]!;
    const kept = rows.filter(keep);
    const failures = (key: (r: Row) => unknown) =>
      groupCount(
        kept.filter((r) => r.status === "failed"),
        key,
      );
    const hosts = topFailingHosts(fixture.sqlite, query, 1000);
    expect(new Map(hosts.map((h) => [h.hostComputerName, h.failures]))).toEqual(failures((r) => r.hostComputerName));
    expect(hosts.map((h) => h.failures)).toEqual(hosts.map((h) => h.failures).sort((a, b) => b - a));
    for (const h of hosts) expect(h.attempts).toBe(kept.filter((r) => r.hostComputerName === h.hostComputerName).length);
    const users = topFailingUsers(fixture.sqlite, query, 1000);
    expect(new Map(users.map((u) => [u.clientUserId, u.failures]))).toEqual(failures((r) => r.clientUserId));
    expect(topFailingUsers(fixture.sqlite, query, 3).length).toBeLessThanOrEqual(3);
  });

  it.each([0, 1, 2, 3, 4])("durations and percentiles (%i)", (i) => {
    const { query, keep } = ranges(timeZone)[i]!;
    const sessions = rows.filter(keep).filter((r) => r.durationSeconds !== null);
    const summary = durationSummary(fixture.sqlite, query);
    expect(summary.sessions).toBe(sessions.length);
    expect(summary.connectedSeconds).toBeCloseTo(
      sessions.reduce((s, r) => s + r.durationSeconds!, 0),
      3,
    );
    expect(summary.histogram.reduce((s, b) => s + b.count, 0)).toBe(sessions.length);
    // The percentile from the histogram lies in the bucket of the exact one.
    const sorted = sessions.map((r) => r.durationSeconds!).sort((a, b) => a - b);
    for (const [q, value] of [
      [0.5, summary.p50],
      [0.9, summary.p90],
      [0.99, summary.p99],
    ] as const) {
      if (sorted.length === 0) {
        expect(value).toBeNull();
        continue;
      }
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      const { from, to } = durationBucketBounds(durationBucket(exact));
      expect(value!).toBeGreaterThanOrEqual(from);
      if (to !== null) expect(value!).toBeLessThanOrEqual(to);
    }
    const byUser = durationsByUser(fixture.sqlite, query);
    expect(new Map(byUser.map((u) => [u.clientUserId, u.sessions]))).toEqual(groupCount(sessions, (r) => r.clientUserId));
    const byHost = durationsByHost(fixture.sqlite, query);
    expect(new Map(byHost.map((h) => [h.hostComputerName, h.sessions]))).toEqual(groupCount(sessions, (r) => r.hostComputerName));
    // With a limit: exactly the head of the whole list, ties at the cut included.
    for (const limit of [0, 1, 3, 10]) {
      expect(durationsByUser(fixture.sqlite, query, limit)).toEqual(byUser.slice(0, limit));
      expect(durationsByHost(fixture.sqlite, query, limit)).toEqual(byHost.slice(0, limit));
    }
  });

  it.each([0, 1, 2, 3, 4])("hours connected per user per day (%i)", (i) => {
    const { query, keep } = ranges(timeZone)[i]!;
    const sessions = rows.filter(keep).filter((r) => r.durationSeconds !== null);
    const expected = groupCount(
      sessions,
      (r) => `${dayOf(r.startedAt)}|${r.clientUserId}`,
      (r) => r.durationSeconds! / 3600,
    );
    const actual = hoursConnectedPerUserPerDay(fixture.sqlite, query);
    expect(actual.entries.length).toBe(expected.size);
    expect(actual.otherUsers).toBe(0);
    for (const entry of actual.entries) expect(entry.hours).toBeCloseTo(expected.get(`${Date.parse(entry.day)}|${entry.clientUserId}`)!, 6);
    // With a limit: the users with the most hours by name, every other user's hours summed per day.
    for (const limit of [1, 3, 8]) {
      const limited = hoursConnectedPerUserPerDay(fixture.sqlite, query, limit);
      const more = actual.users.length > limit;
      expect(limited.users).toEqual(actual.users.slice(0, more ? limit - 1 : limit));
      expect(limited.otherUsers).toBe(actual.users.length - limited.users.length);
      const shown = new Set(limited.users.map((u) => u.clientUserId));
      expect(limited.entries).toEqual(actual.entries.filter((e) => shown.has(e.clientUserId)));
      const othersByDay = groupCount(
        sessions.filter((r) => !shown.has(r.clientUserId)),
        (r) => new Date(dayOf(r.startedAt)).toISOString(),
        (r) => r.durationSeconds! / 3600,
      );
      expect(limited.others.map((o) => o.day)).toEqual([...othersByDay.keys()].sort());
      for (const other of limited.others) expect(other.hours).toBeCloseTo(othersByDay.get(other.day)!, 6);
    }
  });

  it.each([0, 2, 3])("concurrency per hour (%i)", (i) => {
    const { query } = ranges(timeZone)[i]!;
    const q = insightsQuerySchema.parse(query);
    const matches = (r: Row) => (!q.users || q.users.includes(r.clientUserId)) && (!q.hosts || q.hosts.includes(r.hostComputerName));
    const sessions = rows.filter((r) => matches(r) && r.durationSeconds !== null && r.endedAt !== null);
    const result = concurrencyOverTime(fixture.sqlite, query);
    expect(result.hours.length).toBe(Math.ceil((q.to.getTime() - Math.floor(q.from.getTime() / HOUR) * HOUR) / HOUR));
    for (const hour of result.hours.filter((_, index) => index % 37 === 0 || _.overlappingSessions > 0).slice(0, 400)) {
      const start = Date.parse(hour.hour);
      const overlapping = sessions.filter((r) => {
        const end = r.endedAt!;
        const begin = end - Math.round(r.durationSeconds! * 1000);
        return begin < start + HOUR && (end > start || (end === begin && end >= start && end < start + HOUR));
      });
      const ms = overlapping.reduce((sum, r) => {
        const end = r.endedAt!;
        const begin = end - Math.round(r.durationSeconds! * 1000);
        return sum + Math.max(0, Math.min(end, start + HOUR) - Math.max(begin, start));
      }, 0);
      expect(hour.overlappingSessions, hour.hour).toBe(overlapping.length);
      expect(hour.averageConcurrent).toBeCloseTo(ms / HOUR, 9);
    }
    expect(result.hours.some((h) => h.seats !== null)).toBe(true);
  });

  it("reads the seat count from team_create and team_seats_update", () => {
    const events = [...fixture.sim.groundTruth()].filter((e) => e.name === "team_create" || e.name === "team_seats_update");
    const seats = teamSeats(fixture.sqlite, new Date("2100-01-01T00:00:00Z"));
    expect(seats.map((s) => s.seats)).toEqual(
      events.sort((a, b) => Date.parse(a.timestamp as string) - Date.parse(b.timestamp as string)).map((e) => (e.data as { team_seats: number }).team_seats),
    );
  });

  it.each([0, 1, 2, 3, 4])("the page's overview equals the queries one by one (%i)", (i) => {
    const { query } = ranges(timeZone)[i]!;
    // At the end of the history, so that sessions still connected count too.
    const now = new Date(Math.max(...rows.map((r) => r.lastEventAt)) + 60_000);
    const q = { ...query, now };
    expect(insightsOverview(fixture.sqlite, q, { top: 3, hoursSeries: 4 })).toEqual({
      exitCodes: exitCodesOverTime(fixture.sqlite, q),
      durations: durationSummary(fixture.sqlite, q),
      failingHosts: topFailingHosts(fixture.sqlite, q, 3),
      failingUsers: topFailingUsers(fixture.sqlite, q, 3),
      userDurations: durationsByUser(fixture.sqlite, q, 3),
      hostDurations: durationsByHost(fixture.sqlite, q, 3),
      hours: hoursConnectedPerUserPerDay(fixture.sqlite, q, 4),
      concurrency: concurrencyOverTime(fixture.sqlite, q),
    });
  });

  it("refuses a range that ends before it starts", () => {
    expect(() => exitCodesOverTime(fixture.sqlite, { from: new Date(2), to: new Date(1) })).toThrow(/before/);
  });
});

describe("sessions still connected count as connected time up to now", () => {
  /** The history's last moment: its sessions that were still going are open and recent, so "active". */
  const nowOf = () => new Date(Math.max(...rows.map((r) => r.lastEventAt)) + 60_000);
  const openAt = (now: Date) => rows.filter((r) => r.status === "open" && r.lastEventAt >= now.getTime() - OPEN_CONNECTION_MAX_AGE_MS);
  const connectedFrom = (r: Row) => r.completedAt ?? r.startedAt;

  it("has sessions still connected at the end of the history, and stale ones (their disconnects lost), which are not", () => {
    expect(openAt(nowOf()).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === "open" && r.lastEventAt < nowOf().getTime() - OPEN_CONNECTION_MAX_AGE_MS).length).toBeGreaterThan(0);
  });

  it("in concurrency: every hour from their connection to now, the current hour holding all of them", () => {
    const now = nowOf();
    const query = { from: new Date(now.getTime() - 3 * DAY), to: new Date(now.getTime() + 2 * HOUR), now };
    const open = openAt(now);
    const ended = rows.filter((r) => r.durationSeconds !== null && r.endedAt !== null);
    const result = concurrencyOverTime(fixture.sqlite, query);
    const withoutOpen = concurrencyOverTime(fixture.sqlite, { ...query, now: new Date("2100-01-01T00:00:00Z") });
    for (const hour of result.hours) {
      const start = Date.parse(hour.hour);
      const endedMs = ended.reduce((sum, r) => {
        const begin = r.endedAt! - Math.round(r.durationSeconds! * 1000);
        return sum + Math.max(0, Math.min(r.endedAt!, start + HOUR) - Math.max(begin, start));
      }, 0);
      const overlappingOpen = open.filter((r) => connectedFrom(r) < Math.min(start + HOUR, now.getTime()) && start < now.getTime());
      const openMs = overlappingOpen.reduce((sum, r) => sum + Math.max(0, Math.min(now.getTime(), start + HOUR) - Math.max(connectedFrom(r), start)), 0);
      const before = withoutOpen.hours.find((h) => h.hour === hour.hour)!;
      expect(hour.overlappingSessions, hour.hour).toBe(before.overlappingSessions + overlappingOpen.length);
      expect(hour.averageConcurrent, hour.hour).toBeCloseTo((endedMs + openMs) / HOUR, 9);
    }
    const current = result.hours.find((h) => Date.parse(h.hour) === Math.floor(now.getTime() / HOUR) * HOUR)!;
    expect(current.overlappingSessions).toBeGreaterThanOrEqual(open.length);
    // Nothing is connected after now.
    expect(result.hours.filter((h) => Date.parse(h.hour) > now.getTime()).every((h) => h.overlappingSessions === 0)).toBe(true);
  });

  it("in hours per user per day, on the day they started; not in the duration percentiles", () => {
    const now = nowOf();
    const query = { from: new Date(now.getTime() - 10 * DAY), to: now, now };
    const dayOf = (ms: number) => Math.floor(ms / DAY) * DAY;
    const first = Math.floor(query.from.getTime() / HOUR) * HOUR;
    const open = openAt(now).filter((r) => r.startedAt >= first);
    const ended = rows.filter((r) => r.durationSeconds !== null && r.startedAt >= first && r.startedAt < now.getTime());
    const expected = groupCount(
      ended,
      (r) => `${dayOf(r.startedAt)}|${r.clientUserId}`,
      (r) => r.durationSeconds! / 3600,
    );
    for (const r of open) {
      const key = `${dayOf(r.startedAt)}|${r.clientUserId}`;
      expected.set(key, (expected.get(key) ?? 0) + (now.getTime() - connectedFrom(r)) / HOUR);
    }
    const actual = hoursConnectedPerUserPerDay(fixture.sqlite, query);
    expect(actual.entries.length).toBe(expected.size);
    for (const entry of actual.entries) expect(entry.hours).toBeCloseTo(expected.get(`${Date.parse(entry.day)}|${entry.clientUserId}`)!, 6);
    const sessionsOf = (list: UserDayHours[]) => list.reduce((sum, e) => sum + e.sessions, 0);
    expect(sessionsOf(actual.entries)).toBe(ended.length + open.length);
    // A duration is only known once a session ends.
    expect(durationSummary(fixture.sqlite, query).sessions).toBe(ended.length);
  });
});
