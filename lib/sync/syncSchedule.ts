import type { Db } from "../store/client";

/**
 * When the scheduler (lib/sync/syncScheduler.ts, in the ingest runner's thread) means to run next,
 * kept in the store so that the thread serving the overview can say it: the page thread has no
 * timer of its own to look at.
 */
const NEXT_RUN_KEY = "sync.nextScheduledAt";

export async function saveNextScheduledRun(db: Db, at: Date | null): Promise<void> {
  if (at === null) await db.appSetting.deleteMany({ where: { key: NEXT_RUN_KEY } });
  else
    await db.appSetting.upsert({ where: { key: NEXT_RUN_KEY }, create: { key: NEXT_RUN_KEY, value: at.toISOString() }, update: { value: at.toISOString() } });
}

export async function readNextScheduledRun(db: Db): Promise<string | null> {
  const row = await db.appSetting.findUnique({ where: { key: NEXT_RUN_KEY } });
  return row && !Number.isNaN(Date.parse(row.value)) ? new Date(row.value).toISOString() : null;
}

/** What the last-sync card says of the next scheduled run. */
export type NextRun =
  | { kind: "off" }
  /** Due at `at`, `inMs` after the status was read. */
  | { kind: "at"; at: string; inMs: number }
  /** A run is going: the scheduler counts its interval from when that run ends. */
  | { kind: "afterRun"; intervalMs: number }
  /** Its time has come (the scheduler is about to start it, or the server has not started it yet). */
  | { kind: "due" };

/**
 * The next scheduled run as of `now`. The scheduler waits `intervalMs` after each of its runs
 * ends, and a tick that finds another run going is skipped and waits a whole interval again, so
 * a time past while a run is going means "an interval after it".
 */
export function nextScheduledRun(input: { intervalMs: number; nextAt: string | null; running: boolean; now: number }): NextRun {
  if (input.intervalMs <= 0) return { kind: "off" };
  const at = input.nextAt === null ? NaN : Date.parse(input.nextAt);
  if (at > input.now) return { kind: "at", at: input.nextAt!, inMs: at - input.now };
  return input.running ? { kind: "afterRun", intervalMs: input.intervalMs } : { kind: "due" };
}
