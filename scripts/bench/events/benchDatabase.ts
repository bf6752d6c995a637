// The events benchmark's database: a simulated history stored through the app's own write path
// (storeEvents, pages of 1,000 in one transaction each, as the sync stores them) straight from the
// simulator's ground truth, without HTTP: the sync benchmark measures that part. Building a
// million events takes minutes, so the file is kept under data/bench/ and reused by later runs
// with the same history; migrations added since are applied to it like to any older database.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "@/lib/store/migrate";
import { openSqlite, writeTransaction } from "@/lib/store/sqlite";
import { storeEvents } from "@/lib/ingest/storeEvents";
import { startSimulator } from "@/lib/parsec/simulator";
import { REPO_ROOT } from "../lib/child";
import type { HistoryOptions } from "../lib/simulatorProcess";

const PAGE = 1_000;

export function benchDatabaseFile(history: HistoryOptions): string {
  const end = history.endAt.toISOString().replace(/[:.]/g, "-");
  return path.join(REPO_ROOT, "data", "bench", `events-${history.events}-seed${history.seed}-${end}.db`);
}

/** The cached database of this history, built first when missing; returns its path and whether it was built now. */
export async function ensureBenchDatabase(history: HistoryOptions, log: (line: string) => void): Promise<{ file: string; builtMs: number | null }> {
  const file = benchDatabaseFile(history);
  if (existsSync(file)) {
    await migrateDatabase(file);
    return { file, builtMs: null };
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  const started = performance.now();
  log(`building ${path.relative(REPO_ROOT, file)}: generating ${history.events.toLocaleString("en-US")} simulated events`);
  await migrateDatabase(partial);
  const sim = await startSimulator({ events: history.events, seed: history.seed, endAt: history.endAt, quota: null });
  const sqlite = openSqlite(partial);
  try {
    let page: Record<string, unknown>[] = [];
    let stored = 0;
    const flush = async () => {
      const events = page;
      page = [];
      await writeTransaction(sqlite, () => storeEvents(sqlite, events, "bench"));
      const before = stored;
      stored += events.length;
      if (Math.floor(stored / 100_000) > Math.floor(before / 100_000)) log(`  stored ${stored.toLocaleString("en-US")}`);
    };
    for (const event of sim.groundTruth()) {
      page.push(event);
      if (page.length === PAGE) await flush();
    }
    if (page.length > 0) await flush();
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
    await sim.close();
  }
  renameSync(partial, file);
  for (const suffix of ["-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  return { file, builtMs: performance.now() - started };
}
