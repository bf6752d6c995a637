import { stringify } from "csv-stringify/sync";

/**
 * CSV for spreadsheets, safe against formula injection: a text cell that starts with = + - @ (or
 * a tab or carriage return, which some spreadsheets skip before reading a formula) is prefixed
 * with an apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of running
 * it. Event fields are written by whoever names a computer or an account: "=HYPERLINK(...)" must
 * stay a name. Numbers ("-5", an exit code) are left as they are: they are not formulas.
 * NDJSON exports are untouched and stay the lossless format.
 */
export function neutraliseCell(value: unknown): unknown {
  if (typeof value !== "string" || !/^[=+\-@\t\r]/.test(value)) return value;
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return value;
  return `'${value}`;
}

/** csv-stringify's `stringify` with every cell passed through `neutraliseCell`. */
export function stringifySafeCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((row) => row.map(neutraliseCell)));
}
