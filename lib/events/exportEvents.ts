import { stringify } from "csv-stringify/sync";
import type { Db } from "../db/client";
import type { ExportFormat } from "../explorerUrl/explorerParams";
import { toParsecEvent } from "./eventRow";
import { eventFiltersWhere, matchesExactly, needsExactCheck, type EventFilters } from "./eventFilters";
import { scanEvents, type ScannedEvent } from "./scanEvents";

export type { ExportFormat };

const BATCH = 1_000;
/** Parsec's fields; `data` as JSON text, and `extra` for top-level fields Parsec sent beyond the documented ones. */
export const CSV_COLUMNS = ["id", "name", "timestamp", "user_id", "team_id", "user_email", "data", "extra"] as const;

/**
 * Every stored event matching the filters, oldest first, in Parsec's own event shape, a batch
 * at a time (keyset paging, never OFFSET), so a million rows stream in constant memory.
 * `write` may return a promise to apply back-pressure.
 */
export async function exportEvents(
  db: Db,
  filters: EventFilters,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  // The database's condition is exact for most filters; where it is not, rows are checked here too.
  const recheck = needsExactCheck(filters) ? (row: ScannedEvent) => matchesExactly(row, filters) : null;
  if (format === "csv") await write(stringify([[...CSV_COLUMNS]]));
  let count = 0;
  for await (const rows of scanEvents(db, eventFiltersWhere(filters), { direction: "asc", start: null, batchSize: BATCH })) {
    const matching = recheck ? rows.filter(recheck) : rows;
    if (matching.length > 0) {
      await write(format === "csv" ? toCsv(matching) : matching.map((row) => `${JSON.stringify(toParsecEvent(row))}\n`).join(""));
    }
    count += matching.length;
  }
  return count;
}

function toCsv(rows: ScannedEvent[]): string {
  return stringify(
    rows.map((row) => [row.id, row.name, row.timestamp, row.userId, row.teamId, row.userEmail ?? "", row.data, row.extra ?? ""]),
  );
}
