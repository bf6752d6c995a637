// Child of the connections benchmark: one backfill from the simulator into a fresh database, with
// the connections kept as `npm run sync` keeps them (argv[3] "with") or not ("without":
// storeEvents' `connections: false`, the one switch the benchmark has and production never sets).
// The same code as `npm run sync` otherwise. Env: PARSEC_API_BASE_URL, PARSEC_API_KEY, PARSEC_TEAM_ID;
// argv: <database file> <with|without> <page size>. Prints one JSON line.
import { openDatabase } from "@/lib/store/client";
import { openSqlite } from "@/lib/store/sqlite";
import { syncFromEnv } from "../lib/syncFromEnv";

const [databaseFile, mode, pageSize] = process.argv.slice(2);
if (!databaseFile || (mode !== "with" && mode !== "without")) {
  console.error("usage: syncChild.ts <database file> <with|without> <page size>");
  process.exit(2);
}
const db = await openDatabase(databaseFile);
const sqlite = openSqlite(databaseFile);
const { result, ms } = await syncFromEnv(db, sqlite, Number(pageSize ?? 1000), { connections: mode === "with" });
await db.$disconnect();
sqlite.close();
console.log(JSON.stringify({ events: result.inserted, pages: result.pages, ms }));
