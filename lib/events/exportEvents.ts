import { stringify } from "csv-stringify/sync";
import type { Db } from "../db/client";
import type { Event } from "../generated/prisma/client";
import { toParsecEvent } from "./eventRow";
import { eventFiltersWhere, matchesExactly, needsExactCheck, type EventFilters, type ExactCheckRow } from "./eventFilters";

export type ExportFormat = "ndjson" | "csv";

const BATCH = 1_000;
/** Parsec's fields; `data` as JSON text, and `extra` for top-level fields Parsec sent beyond the documented ones. */
export const CSV_COLUMNS = ["id", "name", "timestamp", "user_id", "team_id", "user_email", "data", "extra"] as const;

type ExportRow = Pick<Event, "id" | "name" | "timestamp" | "occurredAt" | "userId" | "teamId" | "userEmail" | "data" | "extra"> &
  ExactCheckRow;

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
  const where = eventFiltersWhere(filters);
  // The database's condition is exact for most filters; where it is not, rows are checked here too.
  const recheck = needsExactCheck(filters) ? (row: ExportRow) => matchesExactly(row, filters) : null;
  if (format === "csv") await write(stringify([[...CSV_COLUMNS]]));
  let after: { occurredAt: Date; id: string } | null = null;
  let count = 0;
  for (;;) {
    const rows: ExportRow[] = await db.event.findMany({
      where: after
        ? { AND: [where, { OR: [{ occurredAt: { gt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { gt: after.id } }] }] }
        : where,
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: BATCH,
      select: {
        id: true, name: true, timestamp: true, occurredAt: true, userId: true, teamId: true, userEmail: true, data: true, extra: true,
        // for the exact check of some filters
        hostComputerName: true, clientComputerName: true, ip: true, attemptId: true,
      },
    });
    if (rows.length === 0) return count;
    // Paging goes on from the last row read; only the rows that really match are written.
    const matching = recheck ? rows.filter(recheck) : rows;
    if (matching.length > 0) {
      await write(format === "csv" ? toCsv(matching) : matching.map((row) => `${JSON.stringify(toParsecEvent(row))}\n`).join(""));
    }
    count += matching.length;
    const last = rows[rows.length - 1]!;
    after = { occurredAt: last.occurredAt, id: last.id };
    if (rows.length < BATCH) return count;
  }
}

function toCsv(rows: ExportRow[]): string {
  return stringify(
    rows.map((row) => [row.id, row.name, row.timestamp, row.userId, row.teamId, row.userEmail ?? "", row.data, row.extra ?? ""]),
  );
}
