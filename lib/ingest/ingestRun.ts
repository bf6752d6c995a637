import type { Store } from "../store/store";
import type { SyncErrorKind } from "./syncErrorKind";
import { writeTransaction } from "../store/sqlite";
import { catchUpConnections, STITCH_BATCH_EVENTS } from "./connectionBacklog";
import { addRunCounts, finishRun, markInterruptedRuns, startRun, type RunKind, type RunTrigger } from "./ingestRuns";
import { storeEvents, type StoreCounts, type StoreOptions, type UnreadableItem } from "./storeEvents";
import { requestDelivery } from "../integrations/delivery/deliveryTrigger";

/**
 * The verbs every ingest goes through, the sync's and the import's alike: a run is started, its
 * pages are stored one transaction each, and it is finished. Whatever must happen for every stored
 * page or at the end of every run belongs here, once, rather than in each kind of ingest.
 */

export interface StartIngestOptions {
  kind: RunKind;
  trigger: RunTrigger;
  mode: string | null;
  /** Runs of this kind still "running" after this long without a beat are marked interrupted (see markInterruptedRuns). */
  staleAfterMs?: number;
}

/** Records a new run, after marking the runs of its kind that died as interrupted. */
export async function startIngest(store: Store, options: StartIngestOptions) {
  await markInterruptedRuns(store.db, options.kind, options.staleAfterMs);
  return startRun(store.db, options.kind, options.trigger, options.mode);
}

export interface IngestPageOptions {
  runId: number;
  /** What the run's row shows as its progress, read inside the page's transaction. */
  progress: () => unknown;
  /** Lines that were not even JSON: quarantined as text beside the page. */
  unreadable?: readonly UnreadableItem[];
  /**
   * Written in the page's transaction: how far the caller got (the sync's cursor), so that the
   * page and the record of it commit together or not at all.
   */
  alsoCommit?: () => void;
  /** Only the benchmark and the tests set these (see StoreOptions). */
  storeOptions?: StoreOptions;
}

/**
 * Stores one page of events from `source` in a write transaction of its own: upsert, quarantine,
 * search index and hourly counts (storeEvents), the connections of changed attempts, new ones
 * left waiting up to a batch (lib/ingest/connectionBacklog.ts), and the run's counters.
 */
export function ingestPage(store: Store, events: readonly unknown[], source: string, options: IngestPageOptions): Promise<StoreCounts> {
  const { sqlite } = store;
  const committed = writeTransaction(sqlite, () => {
    const counts = storeEvents(sqlite, events, source, options.unreadable, { stitchAfterEvents: STITCH_BATCH_EVENTS, ...options.storeOptions });
    options.alsoCommit?.();
    addRunCounts(sqlite, options.runId, counts, options.progress());
    return counts;
  });
  // The integrations follow each committed page (it only wakes them; see requestDelivery).
  return committed.then((counts) => {
    if (counts.inserted + counts.updated > 0) requestDelivery();
    return counts;
  });
}

export interface FinishIngestOptions {
  /** Set when the run failed: its message is recorded with the run. */
  error?: string;
  /** What kind of failure it is, for pages to word in their reader's language. */
  errorKind?: SyncErrorKind | null;
  mode?: string | null;
  /**
   * false: leave the waiting connections to the next run, which stitches them (a sync that lost
   * its lease: another run writes now).
   */
  stitch?: boolean;
  storeOptions?: StoreOptions;
}

/**
 * Ends a run, whether it finished or failed: the connections its pages left waiting are stitched
 * (what a failed run stored stays, and so do its connections), and the run is recorded as
 * succeeded or failed. For a failed run nothing here may hide the run's own error, so a failure
 * to stitch or to record is left for the next run.
 */
export async function finishIngest(store: Store, runId: number, options: FinishIngestOptions): Promise<void> {
  const stitch = options.stitch !== false && options.storeOptions?.connections !== false;
  if (options.error !== undefined) {
    if (stitch) await catchUpConnections(store.sqlite).catch(() => undefined);
    await finishRun(store.db, runId, { error: options.error, errorKind: options.errorKind, mode: options.mode }).catch(() => undefined);
    return;
  }
  if (stitch) await catchUpConnections(store.sqlite);
  await finishRun(store.db, runId, { mode: options.mode });
  requestDelivery();
}
