import { durationBucket, type DurationHistogram } from "./durationBuckets";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/**
 * What one connection adds to the insights rollups (prisma/schema.prisma ConnectionDailyRollup and
 * ConnectionHourlyRollup). Every figure is a sum, so a connection rewritten with new events is
 * accounted for by subtracting its old row's contribution and adding the new one's: the rollups
 * then hold exactly what summing every current connection would give, whatever the order of
 * the rewrites. Durations are summed as whole milliseconds so that subtraction is exact.
 */

/** The columns of a connection that the rollups read, times as Unix ms. */
export interface RollupSource {
  status: string;
  startedAtMs: number;
  endedAtMs: number | null;
  durationSeconds: number | null;
  clientUserId: number | null;
  hostComputerName: string | null;
  completionExitCode: number | null;
}

export const DAILY_GRAINS = ["day-user-host-code", "day-user", "day-host", "day-code"] as const;
export type DailyGrain = (typeof DAILY_GRAINS)[number];
/**
 * The same sums by the UTC hour a connection started in, in the same table (its "day" column then
 * holds the hour): a day in a zone other than UTC (a Tokyo day runs from 15:00 to 15:00 UTC), and
 * a range's partial days at its edges, are sums of hours, while whole UTC days stay one row each.
 */
export const START_HOUR_GRAINS = ["start-hour-user-host-code", "start-hour-user", "start-hour-host", "start-hour-code"] as const;
export type StartHourGrain = (typeof START_HOUR_GRAINS)[number];
/** Every grain of ConnectionDailyRollup: sums over the connections that started in a period. */
export type StartGrain = DailyGrain | StartHourGrain;
const START_GRAINS: readonly { grain: StartGrain; periodMs: number }[] = [
  ...DAILY_GRAINS.map((grain) => ({ grain, periodMs: DAY_MS })),
  ...START_HOUR_GRAINS.map((grain) => ({ grain, periodMs: HOUR_MS })),
];

/** Which of user, host and exit code a grain keeps apart. */
export type StartDimensions = "user-host-code" | "user" | "host" | "code";
export const startGrain = (period: "day" | "start-hour", dimensions: StartDimensions): StartGrain => `${period}-${dimensions}`;
export const HOURLY_GRAINS = ["hour", "hour-user-host"] as const;
export type HourlyGrain = (typeof HOURLY_GRAINS)[number];

/** A duration beyond a month is a broken value, not a session: its hours are not spread further back. */
const MAX_SPREAD_HOURS = 31 * 24;

export interface DailyCell {
  grain: StartGrain;
  day: number;
  clientUserId: number | null;
  hostComputerName: string | null;
  completionExitCode: number | null;
  attempts: number;
  failures: number;
  sessions: number;
  connectedMs: number;
  histogram: DurationHistogram;
}

export interface HourlyCell {
  grain: HourlyGrain;
  hour: number;
  clientUserId: number | null;
  hostComputerName: string | null;
  sessions: number;
  connectedMs: number;
}

/**
 * The key of a rollup row. The host name is the only free text and comes last, so no two keys
 * collide whatever it contains.
 */
export function rollupId(grain: string, at: number, user: number | null, code: number | null, host: string | null): string {
  return `${grain}|${at}|${user ?? ""}|${code ?? ""}|${host ?? ""}`;
}

function dimensions(grain: StartGrain, source: RollupSource) {
  const all = grain.endsWith("-user-host-code");
  const user = all || grain.endsWith("-user") ? source.clientUserId : null;
  const host = all || grain.endsWith("-host") ? source.hostComputerName : null;
  const code = all || grain.endsWith("-code") ? source.completionExitCode : null;
  return { user, host, code };
}

/** Sums of rollup changes, keyed by row id, gathered over a page and written once. */
export class RollupChanges {
  readonly daily = new Map<string, DailyCell>();
  readonly hourly = new Map<string, HourlyCell>();

  /** Adds a connection's contribution (`sign` 1) or takes it away (`sign` -1). */
  add(source: RollupSource, sign: 1 | -1): void {
    const connectedMs = source.durationSeconds === null ? null : Math.max(0, Math.round(source.durationSeconds * 1000));
    for (const { grain, periodMs } of START_GRAINS) {
      const day = Math.floor(source.startedAtMs / periodMs) * periodMs;
      const { user, host, code } = dimensions(grain, source);
      const id = rollupId(grain, day, user, code, host);
      let cell = this.daily.get(id);
      if (!cell) {
        cell = {
          grain,
          day,
          clientUserId: user,
          hostComputerName: host,
          completionExitCode: code,
          attempts: 0,
          failures: 0,
          sessions: 0,
          connectedMs: 0,
          histogram: new Map(),
        };
        this.daily.set(id, cell);
      }
      cell.attempts += sign;
      if (source.status === "failed") cell.failures += sign;
      if (connectedMs !== null) {
        cell.sessions += sign;
        cell.connectedMs += sign * connectedMs;
        const bucket = durationBucket(connectedMs / 1000);
        cell.histogram.set(bucket, (cell.histogram.get(bucket) ?? 0) + sign);
      }
    }
    if (connectedMs !== null && source.endedAtMs !== null) this.addHours(source, source.endedAtMs - connectedMs, source.endedAtMs, sign);
  }

  /** A session counts in every hour its [start, end] overlaps, with the time it spent in it. */
  private addHours(source: RollupSource, startMs: number, endMs: number, sign: 1 | -1): void {
    const lastHour = Math.floor(Math.max(startMs, endMs - 1) / HOUR_MS);
    const firstHour = Math.max(Math.floor(startMs / HOUR_MS), lastHour - MAX_SPREAD_HOURS);
    for (let h = firstHour; h <= lastHour; h++) {
      const hour = h * HOUR_MS;
      const inside = Math.max(0, Math.min(endMs, hour + HOUR_MS) - Math.max(startMs, hour));
      for (const grain of HOURLY_GRAINS) {
        const user = grain === "hour" ? null : source.clientUserId;
        const host = grain === "hour" ? null : source.hostComputerName;
        const id = rollupId(grain, hour, user, null, host);
        let cell = this.hourly.get(id);
        if (!cell) {
          cell = { grain, hour, clientUserId: user, hostComputerName: host, sessions: 0, connectedMs: 0 };
          this.hourly.set(id, cell);
        }
        cell.sessions += sign;
        cell.connectedMs += sign * inside;
      }
    }
  }
}
