import { formatInstant } from "../i18n/dateTime";
import type { Locale } from "../i18n/locales";

/**
 * CSV is for people (issue 17): it opens in Excel, which reads a file without a byte-order mark
 * in the system's code page (会議室PC becomes 莨夊ｭｰ螳､PC in Japan), so every CSV starts with
 * the UTF-8 BOM; beside each UTC time it gives the time in the reader's zone, and its header row
 * is in the reader's language. NDJSON is for machines and stays as it was.
 */
export interface CsvReader {
  /** The zone of the local time column: the one the pages use (the viewer's zone cookie). */
  zone: string;
  /** The language of the header row. */
  locale: Locale;
}

export const UTF8_BOM = "\uFEFF";

export const DEFAULT_CSV_READER: CsvReader = { zone: "UTC", locale: "en" };

/** An instant of the store (ISO text) in the reader's zone, the reader's language's way; empty for none. */
export function localTimeCell(iso: string | null, reader: CsvReader): string {
  if (iso === null) return "";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? "" : formatInstant(ms, reader.zone, reader.locale);
}

/** The header row: each column's name in the reader's language (`names` for ja), a local time column naming its zone. */
export function csvHeader<C extends string>(columns: readonly C[], names: Record<C, string>, reader: CsvReader, localColumns: readonly C[]): string[] {
  return columns.map((column) => {
    const name = reader.locale === "ja" ? names[column] : column;
    return localColumns.includes(column) ? `${name} (${reader.zone})` : name;
  });
}
