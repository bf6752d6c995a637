// The in-process insert phases the sync is measured against. Both take the same pages as the
// sync, from an in-process simulator of the same history fetched with the same query (untimed),
// so they convert the very objects the sync gets, in the same order and page boundaries, into a
// fresh database with the same schema, indexes and pragmas. Only the work on each page is timed.
//
// - rawInsertBaseline: toEventRow, then a prepared positional INSERT, one transaction per page.
//   The target is stated against this one.
// - storeEventsDirect (diagnostic): the sync's own storeEvents in writeTransaction, no HTTP. Its
//   rate splits the sync's overhead into storage (baseline → this) and transport (this → sync).
import Database from "better-sqlite3";
import { migrateDatabase } from "@/lib/store/migrate";
import { openSqlite, useWriterPragmas, writeTransaction } from "@/lib/store/sqlite";
import { toEventRow } from "@/lib/events/eventRow";
import { STORED_EVENT_COLUMNS, storeEvents } from "@/lib/ingest/storeEvents";
import { ParsecClient } from "@/lib/parsec/parsecClient";
import { startSimulator } from "@/lib/parsec/simulator";
import type { HistoryOptions } from "../lib/simulatorProcess";

/** The columns storeEvents writes, its own list; checked against the table at start. */
const COLUMNS = STORED_EVENT_COLUMNS;
/** What storeEvents writes beside them: when, and the change sequence (the integrations' cursor) on insert. */
const WRITTEN_BESIDE = ["storedAt", "changeSeq", "insertSeq"] as const;

export interface InsertPhaseOptions {
  databaseFile: string;
  history: HistoryOptions;
  pageSize: number;
  /** performance.now() past which it gives up. */
  deadline: number;
}

export interface InsertPhaseResult {
  /** Valid events the simulator holds (its ground truth). */
  expected: number;
  stored: number;
  rejected: number;
  pages: number;
  /** The work on each page, summed: what the rate is computed from. */
  timedMs: number;
  /** Migrating, generating the history and fetching the pages: not part of the rate. */
  untimedMs: number;
  eventsPerSecond: number;
}

export async function rawInsertBaseline(options: InsertPhaseOptions): Promise<InsertPhaseResult> {
  await migrateDatabase(options.databaseFile);
  const db = new Database(options.databaseFile);
  try {
    useWriterPragmas(db);
    checkColumns(db);
    const names = [...COLUMNS, ...WRITTEN_BESIDE];
    let seq = 0;
    const insert = db.prepare(`INSERT INTO "Event" (${names.map((c) => `"${c}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`);
    const insertPage = db.transaction((rows: unknown[][]) => {
      for (const row of rows) insert.run(row);
    });
    return await timePages(options, (events) => {
      const now = Date.now();
      const rows: unknown[][] = [];
      let rejected = 0;
      for (const event of events) {
        const result = toEventRow(event);
        if (!result.ok) {
          rejected += 1;
          continue;
        }
        const row = result.row;
        const values: unknown[] = COLUMNS.map((column) => {
          const value = row[column];
          return value instanceof Date ? value.getTime() : (value ?? null);
        });
        seq += 1;
        values.push(now, seq, seq);
        rows.push(values);
      }
      insertPage.immediate(rows);
      return { stored: rows.length, rejected };
    });
  } finally {
    db.close();
  }
}

export async function storeEventsDirect(options: InsertPhaseOptions): Promise<InsertPhaseResult> {
  await migrateDatabase(options.databaseFile);
  const sqlite = openSqlite(options.databaseFile);
  try {
    return await timePages(options, async (events) => {
      const counts = await writeTransaction(sqlite, () => storeEvents(sqlite, events, "sync"));
      return { stored: counts.inserted, rejected: counts.quarantined };
    });
  } finally {
    sqlite.close();
  }
}

/** Fetches the pages (untimed) and times `handle` on each. */
async function timePages(
  options: InsertPhaseOptions,
  handle: (events: unknown[]) => { stored: number; rejected: number } | Promise<{ stored: number; rejected: number }>,
): Promise<InsertPhaseResult> {
  const started = performance.now();
  const sim = await startSimulator({ ...options.history, quota: null });
  try {
    const client = new ParsecClient({ baseUrl: sim.url, apiKey: sim.apiKey, teamId: sim.teamId, quota: null });
    const endAt = new Date().toISOString();
    let timedMs = 0;
    let stored = 0;
    let rejected = 0;
    let pages = 0;
    let cursor: string | undefined;
    for (;;) {
      if (performance.now() > options.deadline) throw new Error("the time budget ran out");
      const page = await client.listEvents({ limit: options.pageSize, endAt, cursor });
      const pageStarted = performance.now();
      const done = await handle(page.events);
      timedMs += performance.now() - pageStarted;
      stored += done.stored;
      rejected += done.rejected;
      pages += 1;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return {
      expected: sim.count() - sim.malformed().length,
      stored,
      rejected,
      pages,
      timedMs,
      untimedMs: performance.now() - started - timedMs,
      eventsPerSecond: (stored / timedMs) * 1000,
    };
  } finally {
    await sim.close();
  }
}

/** A column added to Event later must be added here too, or the baseline would do less work. */
function checkColumns(db: Database.Database): void {
  const table = (db.prepare(`PRAGMA table_info("Event")`).all() as { name: string }[]).map((c) => c.name).sort();
  const ours = [...COLUMNS, ...WRITTEN_BESIDE].sort();
  if (table.join() !== ours.join()) {
    throw new Error(`the baseline's columns (${ours.join(", ")}) differ from the Event table's (${table.join(", ")}): update rawInsert.ts`);
  }
}
