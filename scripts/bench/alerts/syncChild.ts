// Child of the alerts benchmark: one backfill from the simulator into a fresh database, the same
// code as `npm run sync`, with the built-in rules (argv[3]) "off"; "on": every built-in rule enabled
// now, as an admin enables them before or during a backfill of older history; "every-event":
// enabled at the epoch, so that every event of the history is evaluated against every rule.
// Env: PARSEC_API_BASE_URL, PARSEC_API_KEY, PARSEC_TEAM_ID; argv: <database file> <mode> <page size>.
// Prints one JSON line.
import { BUILT_IN_RULES } from "@/lib/alertRules/builtInRules";
import { ensureBuiltInRules, listRules, saveChannel, saveRule } from "@/lib/alerts/catalog/alertCatalog";
import type { RuleInput } from "@/lib/alertRules/ruleSchema";
import { openDatabase } from "@/lib/store/client";
import { openSqlite } from "@/lib/store/sqlite";
import { syncFromEnv } from "../lib/syncFromEnv";

const MODES = ["off", "on", "every-event"] as const;
const [databaseFile, mode, pageSize] = process.argv.slice(2);
if (!databaseFile || !MODES.includes(mode as (typeof MODES)[number])) {
  console.error(`usage: syncChild.ts <database file> <${MODES.join("|")}> <page size>`);
  process.exit(2);
}
const db = await openDatabase(databaseFile);
const sqlite = openSqlite(databaseFile);
await ensureBuiltInRules(db);
if (mode !== "off") {
  await saveChannel(db, { name: "bench", type: "webhook", url: "http://127.0.0.1:9/never-sent" }, null);
  const enabledAt = mode === "on" ? new Date() : new Date(0);
  for (const stored of await listRules(db)) {
    const builtIn = BUILT_IN_RULES.find((r) => r.name === stored.name);
    if (builtIn) await saveRule(db, { ...builtIn, enabled: true, channels: ["bench"] } as RuleInput, stored.id, enabledAt);
  }
}
const { result, ms, cpuMs } = await syncFromEnv(db, sqlite, Number(pageSize ?? 1000));
const alerts = await db.alert.count();
await db.$disconnect();
sqlite.close();
console.log(JSON.stringify({ events: result.inserted, pages: result.pages, ms, cpuMs, alerts }));
