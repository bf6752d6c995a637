/**
 * Time is kept as integer microseconds since the Unix epoch: a double holds that exactly for
 * centuries, and it is the finest precision the simulator writes. Parsec's example uses
 * milliseconds, but more fractional digits are legal, so a share of events carries six.
 */

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
/** "YYYY-MM-DDT" by day number: a page's events share a handful of days. */
const dayPrefixes = new Map<number, string>();

/** RFC 3339 UTC with three (or, when `micro`, six) fractional digits. */
export function formatTimestamp(unixMicros: number, micro: boolean): string {
  const ms = Math.floor(unixMicros / 1000);
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size > 10_000) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = PAD3[rest - s * 1000] as string;
  const sub = micro ? (PAD3[unixMicros - ms * 1000] as string) : "";
  return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${frac}${sub}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2})?)$/;

/**
 * Microseconds of an RFC 3339 date-time, or null. Digits beyond the sixth are rounded up for a
 * lower bound and down for an upper bound, so inclusive filters never admit an event outside them.
 */
export function parseTimestampMicros(text: string, rounding: "floor" | "ceil" = "floor"): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = "", z, sign, oh = "0", om = "0"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  let micros = Number(frac.slice(0, 6).padEnd(6, "0"));
  if (rounding === "ceil" && /[1-9]/.test(frac.slice(6))) micros += 1;
  const offsetMinutes = z ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const seconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetMinutes * 60;
  return seconds * 1_000_000 + micros;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
