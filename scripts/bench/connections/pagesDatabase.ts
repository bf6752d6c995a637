// The connection pages benchmark's database: the events benchmark's cached history (../events/
// benchDatabase.ts, built there first when missing) copied, with its Connection table and rollups
// built by the rebuild command's code (lib/ingest/rebuildConnections.ts, which the connections
// benchmark checks against the page-by-page maintenance). Minutes of work at a million events, so
// kept under data/bench/ beside the events' file and reused; the events' file is left as it is.
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { rebuildConnections } from "@/lib/ingest/rebuildConnections";
import { openDatabase } from "@/lib/store/client";
import { migrateDatabase } from "@/lib/store/migrate";
import { openSqlite } from "@/lib/store/sqlite";
import { REPO_ROOT } from "../lib/child";
import type { HistoryOptions } from "../lib/simulatorProcess";
import { benchDatabaseFile, ensureBenchDatabase } from "../events/benchDatabase";

export function connectionsBenchDatabaseFile(history: HistoryOptions): string {
  const events = benchDatabaseFile(history);
  return path.join(path.dirname(events), path.basename(events).replace(/^events-/, "connections-"));
}

/** The cached database of this history with its connections, built first when missing; returns its path and whether it was built now. */
export async function ensureConnectionsBenchDatabase(history: HistoryOptions, log: (line: string) => void): Promise<{ file: string; builtMs: number | null }> {
  const file = connectionsBenchDatabaseFile(history);
  if (existsSync(file)) {
    await migrateDatabase(file);
    return { file, builtMs: null };
  }
  const { file: eventsFile } = await ensureBenchDatabase(history, log);
  const started = performance.now();
  const partial = `${file}.partial`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  log(`building ${path.relative(REPO_ROOT, file)}: copying ${path.relative(REPO_ROOT, eventsFile)}`);
  const source = new Database(eventsFile, { readonly: true });
  try {
    await source.backup(partial);
  } finally {
    source.close();
  }
  await migrateDatabase(partial);
  log("rebuilding its connections and rollups (npm run connections:rebuild)");
  const db = await openDatabase(partial);
  const sqlite = openSqlite(partial);
  try {
    let reported = 0;
    const result = await rebuildConnections({
      db,
      sqlite,
      onProgress: ({ attempts, totalAttempts }) => {
        if (attempts - reported >= 20_000) log(`  ${(reported = attempts).toLocaleString("en-US")} of ${totalAttempts.toLocaleString("en-US")} attempts`);
      },
    });
    log(`  ${result.attempts.toLocaleString("en-US")} attempts in ${(result.ms / 1000).toFixed(0)} s`);
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
    await db.$disconnect();
  }
  renameSync(partial, file);
  for (const suffix of ["-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  return { file, builtMs: performance.now() - started };
}
