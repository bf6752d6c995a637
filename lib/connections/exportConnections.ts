import { csvHeader, DEFAULT_CSV_READER, localTimeCell, UTF8_BOM, type CsvReader } from "../csv/csvReader";
import { stringifySafeCsv } from "../csv/safeCsv";
import type { Db } from "../store/client";
import type { ExportFormat } from "../explorerUrl/explorerParams";
import type { Connection } from "../generated/prisma/client";
import { connectionFiltersSql, describeConnectionFilters, type ConnectionFilters } from "./connectionFilters";
import { toConnectionListRow, type EmailOf } from "./connectionRow";
import { readConnections } from "./queryConnections";

const BATCH = 1_000;

/** One exported connection: the table's columns, exit codes as numbers, times in UTC (and in CSV, the start in the reader's zone). */
export const CONNECTION_EXPORT_COLUMNS = [
  "attempt_id",
  "status",
  "started_at",
  "started_local",
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

type Column = (typeof CONNECTION_EXPORT_COLUMNS)[number];
type ExportedConnection = Record<Exclude<Column, "started_local">, string | number | boolean | null>;

/** The header row in Japanese; English readers get the field names. */
const CONNECTION_COLUMNS_JA: Record<Column, string> = {
  attempt_id: "接続試行 ID",
  status: "状態",
  started_at: "開始日時 (UTC)",
  started_local: "開始日時",
  completed_at: "完了日時 (UTC)",
  ended_at: "終了日時 (UTC)",
  client_user_id: "ユーザー ID",
  client_email: "メールアドレス",
  client_computer_name: "クライアントのコンピューター名",
  client_ip: "クライアントの IP アドレス",
  client_platform: "クライアントのプラットフォーム",
  host_computer_name: "ホストコンピューター名",
  host_user_id: "ホストのユーザー ID",
  host_is_shared: "共有ホスト",
  completion_exit_code: "完了時の終了コード",
  completion_exit_name: "完了時の終了コード名",
  duration_seconds: "接続時間 (秒)",
  disconnect_exit_code: "切断時の終了コード",
  missing_events: "欠けているイベント",
};

/** The columns of an NDJSON line: the CSV's without its local time, which is for people. */
const NDJSON_COLUMNS = CONNECTION_EXPORT_COLUMNS.filter((column): column is Exclude<Column, "started_local"> => column !== "started_local");

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
  reader: CsvReader = DEFAULT_CSV_READER,
): Promise<number> {
  const where = connectionFiltersSql(filters, options.nowMs);
  if (format === "csv") await write(UTF8_BOM + stringifySafeCsv([csvHeader(CONNECTION_EXPORT_COLUMNS, CONNECTION_COLUMNS_JA, reader, ["started_local"])]));
  let count = 0;
  for (let start = null as { at: number; id: string } | null; ;) {
    const rows = await readConnections(db, where, "asc", start, BATCH);
    if (rows.length > 0) {
      const exported = rows.map((row) => toExported(row, options.nowMs, options.emailOf));
      await write(
        format === "csv"
          ? stringifySafeCsv(
              exported.map((row) =>
                CONNECTION_EXPORT_COLUMNS.map((column) => (column === "started_local" ? localTimeCell(row.started_at as string, reader) : (row[column] ?? ""))),
              ),
            )
          : exported.map((row) => `${JSON.stringify(Object.fromEntries(NDJSON_COLUMNS.map((column) => [column, row[column]])))}\n`).join(""),
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
