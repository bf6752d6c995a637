import { csvHeader, DEFAULT_CSV_READER, localTimeCell, UTF8_BOM, type CsvReader } from "../csv/csvReader";
import { stringifySafeCsv } from "../csv/safeCsv";
import type { SqliteConnection } from "../store/sqlite";
import type { ExportFormat } from "../explorerUrl/explorerParams";
import { toParsecEvent } from "./eventRow";
import { matchesExactly, needsExactCheck, type EventFilters } from "./eventFilters";
import { eventFiltersSql } from "./eventFiltersSql";
import { asScan, planSearch, type SearchPlan } from "./eventSearch";
import { scanEvents, type ScannedEvent } from "./scanEvents";

export type { ExportFormat };

const BATCH = 1_000;
/**
 * Parsec's fields; `timestamp` in UTC as stored and `local_time` in the reader's zone beside it,
 * `data` as JSON text, and `extra` for top-level fields Parsec sent beyond the documented ones.
 */
export const CSV_COLUMNS = ["id", "name", "timestamp", "local_time", "user_id", "team_id", "user_email", "data", "extra"] as const;

/** The header row in Japanese; English readers get the field names. */
const CSV_COLUMNS_JA: Record<(typeof CSV_COLUMNS)[number], string> = {
  id: "イベント ID",
  name: "イベント名",
  timestamp: "日時 (UTC)",
  local_time: "日時",
  user_id: "ユーザー ID",
  team_id: "チーム ID",
  user_email: "メールアドレス",
  data: "データ",
  extra: "その他のフィールド",
};

/**
 * Every stored event matching the filters, oldest first, in Parsec's own event shape, a batch
 * at a time (keyset paging, never OFFSET), so a million rows stream in constant memory.
 * `write` may return a promise to apply back-pressure.
 */
export async function exportEvents(
  sqlite: SqliteConnection,
  filters: EventFilters,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
  reader: CsvReader = DEFAULT_CSV_READER,
): Promise<number> {
  // The database's condition is exact for most filters; where it is not, rows are checked here too.
  const recheck = needsExactCheck(filters) ? (row: ScannedEvent) => matchesExactly(row, filters) : null;
  if (format === "csv") await write(UTF8_BOM + stringifySafeCsv([csvHeader(CSV_COLUMNS, CSV_COLUMNS_JA, reader, ["local_time"])]));
  let count = 0;
  const where = eventFiltersSql(filters, exportSearchPlan(sqlite, filters));
  for await (const rows of scanEvents(sqlite, where, { direction: "asc", start: null, batchSize: BATCH })) {
    const matching = recheck ? rows.filter(recheck) : rows;
    if (matching.length > 0) {
      await write(format === "csv" ? toCsv(matching, reader) : matching.map(exportLine).join(""));
    }
    count += matching.length;
  }
  return count;
}

/** One event as a line of the NDJSON export: the lossless format. */
export function exportLine(row: Parameters<typeof toParsecEvent>[0]): string {
  return `${exportJson(row)}\n`;
}

/** The export line's JSON, without its newline: what the integrations send (lib/integrations). */
export function exportJson(row: Parameters<typeof toParsecEvent>[0]): string {
  return JSON.stringify(toParsecEvent(row));
}

/**
 * The page's search plan, except that many candidates are read by a scan: each batch would look
 * them all up in the index again, while a scan of the whole store is what an export is anyway.
 * Either way the exact condition decides, so the rows are the page's.
 */
function exportSearchPlan(sqlite: SqliteConnection, filters: EventFilters): SearchPlan {
  const plan = planSearch(sqlite, filters.q);
  return plan.kind === "index-filtered" ? asScan(plan) : plan;
}

function toCsv(rows: ScannedEvent[], reader: CsvReader): string {
  return stringifySafeCsv(
    rows.map((row) => [
      row.id,
      row.name,
      row.timestamp,
      localTimeCell(row.timestamp, reader),
      row.userId,
      row.teamId,
      row.userEmail ?? "",
      row.data,
      row.extra ?? "",
    ]),
  );
}
