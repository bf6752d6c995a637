// The backfill a benchmark's child runs: the same code as `npm run sync`, against the simulator
// that PARSEC_API_BASE_URL, PARSEC_API_KEY and PARSEC_TEAM_ID name, unpaced, timed.
import type { Db } from "@/lib/store/client";
import type { SqliteConnection } from "@/lib/store/sqlite";
import type { StoreOptions } from "@/lib/ingest/storeEvents";
import { MemoryRequestLedger } from "@/lib/parsec/requestLedger";
import { syncTeamEvents, type SyncResult } from "@/lib/sync/syncTeamEvents";

/** `ms` is wall time; `cpuMs` this process's CPU time meanwhile (user and system), less swayed by other load on the machine. */
export async function syncFromEnv(
  db: Db,
  sqlite: SqliteConnection,
  pageSize: number,
  storeOptions?: StoreOptions,
): Promise<{ result: SyncResult; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await syncTeamEvents({
    db,
    sqlite,
    api: {
      baseUrl: process.env.PARSEC_API_BASE_URL ?? "",
      apiKey: process.env.PARSEC_API_KEY ?? "",
      teamId: process.env.PARSEC_TEAM_ID ?? "",
      quota: null,
      ledger: new MemoryRequestLedger(),
    },
    trigger: "cli",
    overlapMs: 3_600_000,
    pageSize,
    storeOptions,
  });
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}
