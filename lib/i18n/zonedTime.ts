/**
 * Wall-clock fields and labels of instants in an IANA zone, with Intl alone: no zod, no server
 * code, so that the browser's timeline (components/timeline) formats what the server laid out.
 */

/** A calendar day, month 1-12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of an instant in a zone. */
export function zonedFields(ms: number, timeZone: string): CivilDate & { hour: number; minute: number; second: number } {
  const fields: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(ms)) if (part.type !== "literal") fields[part.type] = Number(part.value);
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour! % 24, minute: fields.minute!, second: fields.second! };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026-11-25". */
export function formatCivil({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/**
 * An instant as "2026-11-25 14:05:09" (or to the minute, or the day) in a zone. Written out field by
 * field, never in the runtime's own locale: the server and every browser, whatever its language,
 * must write the same text, or React rejects the server's page on hydration.
 */
export function formatZonedInstant(ms: number, timeZone: string, precision: "day" | "minute" | "second" = "second"): string {
  const f = zonedFields(ms, timeZone);
  const day = formatCivil(f);
  if (precision === "day") return day;
  const minute = `${day} ${pad2(f.hour)}:${pad2(f.minute)}`;
  return precision === "minute" ? minute : `${minute}:${pad2(f.second)}`;
}

/** "14:05:09": the wall-clock time of an instant in a zone. */
export function formatZonedClock(ms: number, timeZone: string): string {
  const f = zonedFields(ms, timeZone);
  return `${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}`;
}

export const weekday = (date: CivilDate) => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();

/** The calendar date `days` after `date` (months and years roll over). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function offsetMs(ms: number, timeZone: string): number {
  const f = zonedFields(ms, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant the zone's wall clock shows `hour`:00 on `date` (the later one across a DST gap's edge). */
export function zonedInstant(date: CivilDate, hour: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour);
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

/**
 * A date and time as a person types it, read as the wall clock of `timeZone`: "2026/12/02 14:05",
 * "2026-12-02 14:05:09", "2026-12-02T14:05", "2026年12月2日 14:05", full-width digits from a Japanese
 * input method, or a day alone (its midnight). null for text that names no real date and time.
 */
export function parseZonedDateTime(text: string, timeZone: string): number | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\([^)]*\))?(?:(?:T|\s*)(\d{1,2})[:時](\d{2})(?:[:分](\d{2}))?秒?)?$/.exec(
    text
      .normalize("NFKC")
      .trim()
      .replace(/\s*([-/.年月日:時分()])\s*/g, "$1"),
  );
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const probe = new Date(Date.UTC(year!, month! - 1, day!));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month! - 1 || probe.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return zonedInstant({ year: year!, month: month!, day: day! }, hour, timeZone) + minute * 60_000 + second * 1000;
}
