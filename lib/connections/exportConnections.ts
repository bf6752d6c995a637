import { stringifySafeCsv } from "../csv/safeCsv";
import type { Db } from "../store/client";
import type { ExportFormat } from "../explorerUrl/explorerParams";
import type { Connection } from "../generated/prisma/client";
import { connectionFiltersSql, describeConnectionFilters, type ConnectionFilters } from "./connectionFilters";
import { toConnectionListRow, type EmailOf } from "./connectionRow";
import { readConnections } from "./queryConnections";

const BATCH = 1_000;

/** One exported connection: the table's columns, exit codes as numbers, times in UTC. */
export const CONNECTION_EXPORT_COLUMNS = [
  "attempt_id",
  "status",
  "started_at",
  "completed_at",
  "ended_at",
  "client_user_id",
  "client_email",
  "client_computer_name",
  "client_ip",
  "client_platform",
  "host_computer_name",
  "host_user_id",
  "host_is_shared",
  "completion_exit_code",
  "completion_exit_name",
  "duration_seconds",
  "disconnect_exit_code",
  "missing_events",
] as const;

type ExportedConnection = Record<(typeof CONNECTION_EXPORT_COLUMNS)[number], string | number | boolean | null>;

function toExported(row: Connection, nowMs: number, emailOf: EmailOf): ExportedConnection {
  const shown = toConnectionListRow(row, nowMs, emailOf);
  return {
    attempt_id: shown.attemptId,
    status: shown.status,
    started_at: shown.startedAt,
    completed_at: shown.completedAt,
    ended_at: shown.endedAt,
    client_user_id: shown.clientUserId,
    client_email: shown.clientEmail,
    client_computer_name: shown.clientComputerName,
    client_ip: shown.clientIp,
    client_platform: shown.clientPlatform,
    host_computer_name: shown.hostComputerName,
    host_user_id: shown.hostUserId,
    host_is_shared: shown.hostIsShared,
    completion_exit_code: row.completionExitCode,
    completion_exit_name: shown.completionExitCode?.name || null,
    duration_seconds: shown.durationSeconds,
    disconnect_exit_code: row.disconnectExitCode,
    missing_events: shown.missingEvents.join(",") || null,
  };
}

/**
 * Every connection matching the filters, oldest first, as CSV or NDJSON, a batch at a time
 * (keyset paging, never OFFSET), so any number of rows streams in constant memory.
 * `write` may return a promise to apply back-pressure.
 */
export async function exportConnections(
  db: Db,
  filters: ConnectionFilters,
  format: ExportFormat,
  options: { nowMs: number; emailOf: EmailOf },
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  const where = connectionFiltersSql(filters, options.nowMs);
  if (format === "csv") await write(stringifySafeCsv([[...CONNECTION_EXPORT_COLUMNS]]));
  let count = 0;
  for (let start = null as { at: number; id: string } | null; ;) {
    const rows = await readConnections(db, where, "asc", start, BATCH);
    if (rows.length > 0) {
      const exported = rows.map((row) => toExported(row, options.nowMs, options.emailOf));
      await write(
        format === "csv"
          ? stringifySafeCsv(exported.map((row) => CONNECTION_EXPORT_COLUMNS.map((column) => row[column] ?? "")))
          : exported.map((row) => `${JSON.stringify(row)}\n`).join(""),
      );
      count += rows.length;
    }
    if (rows.length < BATCH) return count;
    const last = rows[rows.length - 1]!;
    start = { at: last.startedAt.getTime(), id: last.attemptId };
  }
}

/** The download's file name, saying which connections it holds, e.g. "parsec-connections_status-failed.csv". */
export function connectionsExportFileName(filters: ConnectionFilters, format: ExportFormat): string {
  return `parsec-connections_${describeConnectionFilters(filters)}.${format}`;
}
