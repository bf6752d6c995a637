import { finishIngest, ingestPage, startIngest } from "../ingest/ingestRun";
import { syncErrorKind } from "../ingest/syncErrorKind";
import type { Db } from "../store/client";
import type { SqliteConnection } from "../store/sqlite";
import { addCounts, emptyCounts, type StoreCounts, type StoreOptions } from "../ingest/storeEvents";
import { BadRequestError } from "../parsec/errors";
import { ParsecClient, type EventsPageResult, type ParsecClientOptions, type WaitNotice } from "../parsec/parsecClient";
import { DEFAULT_QUOTA } from "../parsec/rateLimiter";
import { acquireSyncLock } from "../ingest/syncLock";
import { latestParsecTime, type ClockReading } from "../parsec/parsecClock";
import {
  beginPass,
  completePass,
  loadCheckpoint,
  nextPass,
  recordClock,
  recordPassPage,
  setHistoryStart,
  unfinishedPass,
  type Checkpoint,
  type SyncPass,
} from "./syncCheckpoint";
import { estimateRemaining, nextOrder, quotaCeilingPerHour, type PageOrder, type SyncProgress } from "./syncProgress";
import { saveRunProgress, type RunTrigger } from "../ingest/ingestRuns";

export interface SyncTeamEventsOptions {
  db: Db;
  sqlite: SqliteConnection;
  /** How to reach Parsec; the sync adds its own wait listener to report pauses as progress. */
  api: Omit<ParsecClientOptions, "onWait" | "onRateLimited">;
  trigger: RunTrigger;
  /** Walk the whole history again instead of the recent window (re-verifies everything). */
  full?: boolean;
  overlapMs: number;
  pageSize: number;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Called once the run is recorded, before any request: POST /api/sync answers with its id. */
  onStarted?: (runId: number) => void;
  now?: () => Date;
  lockTtlMs?: number;
  /** Passed to ingestPage with every page; only the benchmark and the tests set it (see StoreOptions). */
  storeOptions?: StoreOptions;
}

export interface SyncResult extends StoreCounts {
  runId: number;
  pages: number;
  passes: SyncPass["mode"][];
}

export class SyncFailedError extends Error {
  override name = "SyncFailedError";
  constructor(
    message: string,
    readonly runId: number,
    readonly totals: StoreCounts & { pages: number },
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Brings the store up to date with the team's audit log. The first run walks the whole history
 * (backfill); later runs walk from a little before where the last one ended. Each page is
 * committed together with the cursor of the next one, so a run stopped at any moment resumes at
 * the first page it had not committed. Nothing here depends on the order of the pages: a pass
 * follows the cursors of one fixed window to their end, and rows are upserted by event id.
 * Only one run writes at a time (SyncAlreadyRunningError otherwise, before any run is recorded).
 */
export async function syncTeamEvents(options: SyncTeamEventsOptions): Promise<SyncResult> {
  const { db } = options;
  const teamId = options.api.teamId;
  let onWait: ((notice: WaitNotice) => void) | undefined;
  let onRateLimited: (() => void) | undefined;
  const client = new ParsecClient({ ...options.api, onWait: (notice) => onWait?.(notice), onRateLimited: () => onRateLimited?.() });
  const context: WalkContext = { ...options, client, teamId, clock: null, setWaitListener: (listener) => (onWait = listener) };
  const now = options.now ?? (() => new Date());
  const lease = await acquireSyncLock(db, options.lockTtlMs);
  const run = await (async () => {
    try {
      return await startIngest(options, { kind: "sync", trigger: options.trigger, mode: null });
    } catch (error) {
      await lease.release();
      throw error;
    }
  })();
  options.onStarted?.(run.id);
  // Counted in the run's row as it comes (a block can last minutes), so that /metrics, read in
  // another thread or process, sees every 429; chained, and awaited before the run is finished.
  let rateLimitedWrites = Promise.resolve();
  onRateLimited = () => {
    rateLimitedWrites = rateLimitedWrites
      .then(() => db.syncRun.update({ where: { id: run.id }, data: { rateLimited: { increment: 1 } } }))
      .then(
        () => undefined,
        () => undefined,
      );
  };
  const signal = AbortSignal.any([lease.lost, ...(options.signal ? [options.signal] : [])]);
  // Added to page by page as pages commit, so that a failed run still reports what it kept.
  const tally: Tally = { counts: emptyCounts(), pages: 0 };
  const passes: SyncPass["mode"][] = [];
  try {
    let checkpoint = await loadCheckpoint(db, teamId);
    let resumed = unfinishedPass(checkpoint);
    for (;;) {
      let pass = resumed;
      if (!pass) {
        checkpoint = await readParsecClock(context, checkpoint, signal);
        const parsecNow = new Date(latestParsecTime(now().getTime(), context.clock?.offsetMs ?? 0));
        // Only a checkpoint past Parsec's now (left by an older version) needs the newest stored event.
        const pastParsecNow = checkpoint.coveredUntil !== null && checkpoint.coveredUntil > parsecNow;
        const newestStoredAt = pastParsecNow ? (await db.event.aggregate({ _max: { occurredAt: true } }))._max.occurredAt : null;
        pass = nextPass(checkpoint, { full: options.full ?? false, overlapMs: options.overlapMs, parsecNow, newestStoredAt });
        await beginPass(db, teamId, pass);
      }
      passes.push(pass.mode);
      await db.syncRun.update({ where: { id: run.id }, data: { mode: passes.join("+") } });
      await walkPass(context, run.id, pass, checkpoint.historyStartsAt, signal, tally);
      checkpoint = await completePass(db, checkpoint, pass);
      // A resumed pass covered a window that ended in the past: walk on to the present.
      if (!resumed) break;
      resumed = null;
    }
    await saveClock(context);
    await rateLimitedWrites;
    await finishIngest(options, run.id, { mode: passes.join("+"), storeOptions: options.storeOptions });
    return { runId: run.id, pages: tally.pages, passes, ...tally.counts };
  } catch (error) {
    const stopped = signal.aborted && !(error instanceof BadRequestError);
    const message = stopped ? describeAbort(signal, error) : errorMessage(error);
    // A stop for a reason of its own (the lease lost, the run's deadline) is that reason's kind.
    const errorKind = stopped && !hasOwnReason(signal) ? "stopped" : syncErrorKind(stopped ? signal.reason : error, false);
    // What the run stored stays; so do its connections, unless another run has taken the lease.
    await saveClock(context).catch(() => undefined);
    await rateLimitedWrites;
    await finishIngest(options, run.id, { error: message, errorKind, stitch: !lease.lost.aborted, storeOptions: options.storeOptions });
    throw new SyncFailedError(message, run.id, { ...tally.counts, pages: tally.pages }, { cause: error });
  } finally {
    await lease.release().catch(() => undefined);
  }
}

interface WalkContext extends SyncTeamEventsOptions {
  client: ParsecClient;
  teamId: string;
  /** Parsec's clock as the newest answer of this run showed it (before any: as the last run left it). */
  clock: Pick<ClockReading, "offsetMs"> | null;
  setWaitListener(listener: ((notice: WaitNotice) => void) | undefined): void;
}

/**
 * Makes sure the run knows Parsec's clock before it sets a window. The last run's reading serves
 * (the first answer of the new pass refines it); without one, one request reads it: for a
 * backfill the request for the team's team_create event, the start of its history, which lets the
 * backfill estimate how far it still has to go.
 */
async function readParsecClock(options: WalkContext, checkpoint: Checkpoint, signal: AbortSignal): Promise<Checkpoint> {
  if (options.clock === null && checkpoint.clockOffsetMs !== null) options.clock = { offsetMs: checkpoint.clockOffsetMs };
  const wantsHistoryStart = !checkpoint.coveredUntil && !checkpoint.historyStartsAt;
  if (options.clock !== null && !wantsHistoryStart) return checkpoint;
  const page = await options.client.listEvents(wantsHistoryStart ? { limit: 1, eventNames: ["team_create"] } : { limit: 1 }, signal);
  if (page.clock) options.clock = page.clock;
  if (!wantsHistoryStart) return checkpoint;
  const first = page.events[0] as { timestamp?: unknown } | undefined;
  const at = typeof first?.timestamp === "string" ? new Date(first.timestamp) : null;
  if (!at || Number.isNaN(at.getTime())) return checkpoint;
  // Not stored here: the pass walks the same history and stores (and counts) it with its page.
  await setHistoryStart(options.db, options.teamId, at);
  return { ...checkpoint, historyStartsAt: at };
}

/** Keeps the newest reading of Parsec's clock for the next run and for the overview. */
async function saveClock(options: WalkContext): Promise<void> {
  const reading = options.client.latestClock;
  if (reading) await recordClock(options.db, options.teamId, reading);
}

interface Tally {
  counts: StoreCounts;
  pages: number;
}

async function walkPass(
  options: WalkContext,
  runId: number,
  pass: SyncPass,
  historyStartsAt: Date | null,
  outerSignal: AbortSignal,
  tally: Tally,
): Promise<void> {
  const { client, sqlite, teamId } = options;
  const quota = options.api.quota === undefined ? DEFAULT_QUOTA : options.api.quota;
  const started = Date.now();
  let counts = emptyCounts();
  let pages = 0;
  let order: PageOrder = "unknown";
  let waiting: SyncProgress["waiting"] = null;
  let restartedOnce = false;

  const progress = (): SyncProgress => {
    const elapsed = (Date.now() - started) / 1000;
    const { estimate, noEstimate } = estimateRemaining({
      pass,
      order,
      historyStartsAt,
      pageSize: options.pageSize,
      quota,
      msPerPage: pages > 0 ? (Date.now() - started) / pages : null,
    });
    return {
      mode: pass.mode,
      pages: pass.pages,
      events: pass.events,
      window: { startAt: pass.startAt, endAt: pass.endAt },
      oldestSeen: pass.oldestAt?.toISOString() ?? null,
      newestSeen: pass.newestAt?.toISOString() ?? null,
      order,
      eventsPerSecond: elapsed > 0 && pages > 0 ? Math.round(counts.received / elapsed) : null,
      quotaCeilingPerHour: quotaCeilingPerHour(quota, options.pageSize),
      estimate,
      noEstimate,
      waiting,
      updatedAt: new Date().toISOString(),
    };
  };

  options.setWaitListener((notice) => {
    waiting = { reason: notice.reason, until: new Date(Date.now() + notice.ms).toISOString(), detail: notice.detail };
    const snapshot = progress();
    options.onProgress?.(snapshot);
    void saveRunProgress(options.db, runId, snapshot).catch(() => undefined);
  });

  // The next page is fetched while this one is being stored: the API's latency and our writes overlap.
  const inFlight = new AbortController();
  const signal = AbortSignal.any([outerSignal, inFlight.signal]);
  const fetchPage = (cursor: string | null) => {
    const request = client.listEvents({ limit: options.pageSize, startAt: pass.startAt ?? undefined, endAt: pass.endAt, cursor: cursor ?? undefined }, signal);
    request.catch(() => undefined); // awaited below; a prefetch abandoned by a failure must not go unhandled
    return request;
  };

  try {
    let pending = fetchPage(pass.cursor);
    for (;;) {
      let page: EventsPageResult;
      try {
        page = await pending;
      } catch (error) {
        // A saved cursor Parsec no longer accepts: walk the same window again from its start
        // (upserts make the repeat harmless).
        if (error instanceof BadRequestError && pass.cursor && !restartedOnce) {
          restartedOnce = true;
          Object.assign(pass, { cursor: null, pages: 0, events: 0, oldestAt: null, newestAt: null });
          pending = fetchPage(null);
          continue;
        }
        throw error;
      }
      waiting = null;
      if (page.clock) {
        options.clock = page.clock;
        // The pass's first answer dates its start on Parsec's own clock.
        if (pass.pages === 0) pass.startedAt = new Date(Math.min(pass.startedAt.getTime(), page.clock.parsecMs));
      }
      if (page.nextCursor && page.nextCursor === pass.cursor) {
        throw new Error(`Parsec returned the cursor ${page.nextCursor} for the page it starts: stopping instead of looping.`);
      }
      if (page.nextCursor) pending = fetchPage(page.nextCursor);

      const range = timeRange(page.events);
      if (range) {
        order = nextOrder(order, { oldest: pass.oldestAt, newest: pass.newestAt }, range);
        pass.oldestAt = !pass.oldestAt || range.oldest < pass.oldestAt ? range.oldest : pass.oldestAt;
        pass.newestAt = !pass.newestAt || range.newest > pass.newestAt ? range.newest : pass.newestAt;
      }
      pass.cursor = page.nextCursor;
      pass.pages += 1;
      pass.events += page.events.length;
      pages += 1;
      const stored = await ingestPage(options, page.events, "sync", {
        runId,
        progress,
        alsoCommit: () => recordPassPage(sqlite, teamId, pass),
        storeOptions: options.storeOptions,
      });
      counts = addCounts(counts, stored);
      tally.counts = addCounts(tally.counts, stored);
      tally.pages += 1;
      options.onProgress?.(progress());
      if (!page.nextCursor) return;
      outerSignal.throwIfAborted();
    }
  } finally {
    inFlight.abort();
    options.setWaitListener(undefined);
  }
}

function timeRange(events: readonly unknown[]): { oldest: Date; newest: Date } | null {
  let oldest = Infinity;
  let newest = -Infinity;
  for (const event of events) {
    const timestamp = (event as { timestamp?: unknown } | null)?.timestamp;
    const at = typeof timestamp === "string" ? Date.parse(timestamp) : NaN;
    if (Number.isNaN(at)) continue;
    if (at < oldest) oldest = at;
    if (at > newest) newest = at;
  }
  return Number.isFinite(oldest) ? { oldest: new Date(oldest), newest: new Date(newest) } : null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const hasOwnReason = (signal: AbortSignal) => signal.reason instanceof Error && signal.reason.name !== "AbortError";

function describeAbort(signal: AbortSignal, error: unknown): string {
  if (hasOwnReason(signal)) return (signal.reason as Error).message;
  return `The sync was stopped before it finished (${errorMessage(error)}); the next run resumes from its last committed page.`;
}
