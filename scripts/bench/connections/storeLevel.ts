// Diagnostic phase of the connections benchmark: on the same pages as the sync (fetched untimed
// from an in-process simulator), the time storeEvents takes without stitching and the time
// refreshConnections then takes for the attempts of the page, in the same transaction. Splits the
// sync's cost into storing events and stitching, without HTTP.
import { refreshConnections } from "@/lib/ingest/refreshConnections";
import { migrateDatabase } from "@/lib/store/migrate";
import { openSqlite } from "@/lib/store/sqlite";
import { storeEvents } from "@/lib/ingest/storeEvents";
import { ParsecClient } from "@/lib/parsec/parsecClient";
import { startSimulator } from "@/lib/parsec/simulator";
import type { HistoryOptions } from "../lib/simulatorProcess";
import { removeDatabase } from "../sync/phases";

export interface StoreLevelResult {
  events: number;
  pages: number;
  storeMs: number;
  stitchMs: number;
  /** Attempts refreshed, summed over pages (an attempt whose events span pages counts once per page). */
  refreshes: number;
}

export async function measureStoreLevel(databaseFile: string, history: HistoryOptions, pageSize: number): Promise<StoreLevelResult> {
  const sim = await startSimulator({ ...history, quota: null });
  const pages: unknown[][] = [];
  try {
    const client = new ParsecClient({ baseUrl: sim.url, apiKey: sim.apiKey, teamId: sim.teamId, quota: null });
    const endAt = new Date().toISOString();
    let cursor: string | undefined;
    for (;;) {
      const page = await client.listEvents({ limit: pageSize, endAt, cursor });
      pages.push(page.events);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
  } finally {
    await sim.close();
  }
  await migrateDatabase(databaseFile);
  const sqlite = openSqlite(databaseFile);
  const result: StoreLevelResult = { events: 0, pages: pages.length, storeMs: 0, stitchMs: 0, refreshes: 0 };
  try {
    for (const page of pages) {
      sqlite
        .transaction(() => {
          let started = performance.now();
          result.events += storeEvents(sqlite, page, "sync", [], { connections: false }).inserted;
          result.storeMs += performance.now() - started;
          started = performance.now();
          const attempts = new Set<string>();
          for (const event of page) {
            const attemptId = (event as { data?: { attempt_id?: unknown } }).data?.attempt_id;
            if (typeof attemptId === "string" && attemptId !== "") attempts.add(attemptId);
          }
          refreshConnections(sqlite, attempts);
          result.stitchMs += performance.now() - started;
          result.refreshes += attempts.size;
        })
        .immediate();
    }
  } finally {
    sqlite.close();
    removeDatabase(databaseFile);
  }
  return result;
}
