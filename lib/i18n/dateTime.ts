/**
 * The one way each language writes instants, days and durations, for the server and the browser
 * alike. Written out field by field from Intl's zone arithmetic, never with the runtime's locale
 * data (Node's ICU and a browser's may differ by a space or a comma), so that the server's HTML and
 * the browser's hydration always write the same text.
 */
import { formatCivil, zonedFields, weekday, type CivilDate } from "./zonedTime";
import type { Locale } from "./locales";

export type InstantPrecision = "day" | "minute" | "second";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** en "2026-11-25 14:05:09" (ISO's order, readable everywhere); ja "2026/11/25 14:05:09", as Japanese admins write it. */
export function formatInstant(ms: number, timeZone: string, locale: Locale, precision: InstantPrecision = "second"): string {
  const f = zonedFields(ms, timeZone);
  const civil = formatCivil(f);
  const day = locale === "ja" ? civil.replaceAll("-", "/") : civil;
  if (precision === "day") return day;
  const minute = `${day} ${pad2(f.hour)}:${pad2(f.minute)}`;
  return precision === "minute" ? minute : `${minute}:${pad2(f.second)}`;
}

const WEEKDAYS: Record<Locale, readonly string[]> = {
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  ja: ["日", "月", "火", "水", "木", "金", "土"],
};
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const WEEKDAY_ORDER = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/**
 * Days of the week as a schedule names them, Monday first, three or more in a row as a span:
 * en "Mon–Fri", "Mon, Wed, Sat"; ja "月〜金", "月・水・土".
 */
export function formatWeekdays(days: readonly (typeof WEEKDAY_ORDER)[number][], locale: Locale): string {
  const chosen = new Set(days);
  const name = (index: number) => WEEKDAYS[locale][(index + 1) % 7]!;
  const parts: string[] = [];
  for (let start = 0; start < 7; start++) {
    if (!chosen.has(WEEKDAY_ORDER[start]!)) continue;
    let end = start;
    while (end + 1 < 7 && chosen.has(WEEKDAY_ORDER[end + 1]!)) end++;
    if (end - start >= 2) parts.push(`${name(start)}${locale === "ja" ? "〜" : "–"}${name(end)}`);
    else for (let day = start; day <= end; day++) parts.push(name(day));
    start = end;
  }
  return parts.join(locale === "ja" ? "・" : ", ");
}

/** A calendar day with its weekday, where a day is meant: en "Tue 25 Nov", ja "11月25日(火)". */
export function formatDayLabel(date: CivilDate, locale: Locale): string {
  const day = WEEKDAYS[locale][weekday(date)]!;
  return locale === "ja" ? `${date.month}月${date.day}日(${day})` : `${day} ${date.day} ${MONTHS_EN[date.month - 1]}`;
}

/** A calendar day with its weekday and year: en "Tue 25 Nov 2026", ja "2026年11月25日(火)". */
export function formatDayWithYear(date: CivilDate, locale: Locale): string {
  return locale === "ja" ? `${date.year}年${formatDayLabel(date, locale)}` : `${formatDayLabel(date, locale)} ${date.year}`;
}

/** A calendar month: en "Nov 2026", ja "2026年11月". */
export function formatMonth(year: number, month: number, locale: Locale): string {
  return locale === "ja" ? `${year}年${month}月` : `${MONTHS_EN[month - 1]} ${year}`;
}

/** A day without its year, as an axis names it: en "25 Nov", ja "11/25". */
export function formatShortDay(date: CivilDate, locale: Locale): string {
  return locale === "ja" ? `${date.month}/${date.day}` : `${date.day} ${MONTHS_EN[date.month - 1]}`;
}

/** An instant in a zone as a day and a wall-clock minute, where the day matters: en "Thu 26 Nov 01:00", ja "11月26日(木) 01:00". */
export function formatDayTime(ms: number, timeZone: string, locale: Locale): string {
  const f = zonedFields(ms, timeZone);
  return `${formatDayLabel(f, locale)} ${pad2(f.hour)}:${pad2(f.minute)}`;
}

/** A duration for a table cell: en "42s", "3m 05s", "1h 07m"; ja "42秒", "3分05秒", "1時間07分". */
export function formatSeconds(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const units = locale === "ja" ? { h: "時間", m: "分", s: "秒" } : { h: "h ", m: "m ", s: "s" };
  if (h > 0) return `${h}${units.h}${pad2(m)}${units.m.trim()}`;
  if (m > 0) return `${m}${units.m}${pad2(s % 60)}${units.s}`;
  return `${s}${units.s}`;
}

/** A duration bucket's bound on an axis, rounded to its largest unit: en "45s", "12m", "3.5h"; ja "45秒", "12分", "3.5時間". */
export function formatShortDuration(seconds: number, locale: Locale): string {
  const units = locale === "ja" ? { h: "時間", m: "分", s: "秒" } : { h: "h", m: "m", s: "s" };
  if (seconds < 60) return `${Math.round(seconds)}${units.s}`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}${units.m}`;
  const hours = seconds / 3600;
  return `${hours < 10 ? hours.toFixed(1).replace(/\.0$/, "") : Math.round(hours)}${units.h}`;
}

/**
 * A duration bucket's range with its two ends told apart: en "32s–45s", and "1m 31s–2m 08s" where
 * both would round to "2m" (a label "2m–2m" says nothing).
 */
export function formatDurationRange(fromSeconds: number, toSeconds: number, locale: Locale): string {
  const [from, to] = [formatShortDuration(fromSeconds, locale), formatShortDuration(toSeconds, locale)];
  if (from !== to) return `${from}–${to}`;
  const precise = (seconds: number) =>
    seconds < 60 ? `${seconds.toFixed(1).replace(/\.0$/, "")}${locale === "ja" ? "秒" : "s"}` : formatSeconds(seconds, locale);
  return `${precise(fromSeconds)}–${precise(toSeconds)}`;
}
