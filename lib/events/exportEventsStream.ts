import type { CsvReader } from "../csv/csvReader";
import type { SqliteConnection } from "../store/sqlite";
import { writtenStream } from "../http/writtenStream";
import type { EventFilters } from "./eventFilters";
import { exportEvents, type ExportFormat } from "./exportEvents";

/**
 * `exportEvents` as a byte stream for an HTTP answer: it waits while the reader is behind and
 * stops reading the database when the reader goes away (see `writtenStream`).
 */
export function exportEventsStream(
  sqlite: SqliteConnection,
  filters: EventFilters,
  format: ExportFormat,
  onError: (error: unknown) => void = () => undefined,
  reader?: CsvReader,
): ReadableStream<Uint8Array> {
  return writtenStream((write) => exportEvents(sqlite, filters, format, write, reader), onError);
}
