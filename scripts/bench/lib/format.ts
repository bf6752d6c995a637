// Figures for people: thousands separators, units, aligned tables.

export const int = (n: number): string => Math.round(n).toLocaleString("en-US");
export const mb = (kb: number | null | undefined): string => (kb == null ? "–" : `${(kb / 1024).toFixed(0)} MB`);
export const seconds = (ms: number | null | undefined): string => (ms == null ? "–" : `${(ms / 1000).toFixed(1)} s`);
export const ratio = (r: number | null | undefined): string => (r == null ? "–" : r.toFixed(2));
export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
export const passFail = (ok: boolean | null): string => (ok === null ? "n/a" : ok ? "PASS" : "FAIL");

/** Left-aligned first column, right-aligned others; a rule under the header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
