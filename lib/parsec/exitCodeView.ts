import type { Locale } from "../i18n/locales";
import { describeExitCode, type ExitCodeSeverity } from "./exitCodes";

/** What a table cell shows of an exit code: plain values, so a server can hand them to the browser without the catalogue. */
export interface ExitCodeView {
  code: number;
  severity: ExitCodeSeverity;
  /** The documented name shown beside the number; empty for 0 (the green 0 says it) and for unknown codes. */
  name: string;
  /** The meaning and the usual fix, for the tooltip. */
  title: string;
}

/**
 * The views of the distinct codes among `codes`, keyed by code: a table of many rows sends each
 * code's meaning once instead of once per row (a meaning is up to ~450 characters).
 */
export function exitCodeViewsOf(codes: Iterable<number | null>, locale: Locale = "en"): Record<number, ExitCodeView> {
  const views: Record<number, ExitCodeView> = {};
  for (const code of codes) {
    if (code === null || code in views) continue;
    const view = exitCodeView(code, locale);
    if (view) views[code] = view;
  }
  return views;
}

/** `locale`: the language of its meaning and fix (English for the API's JSON). */
export function exitCodeView(code: number | null | undefined, locale: Locale = "en"): ExitCodeView | null {
  const info = describeExitCode(code, locale);
  if (!info) return null;
  return {
    code: info.code,
    severity: info.severity,
    name: info.known && info.code !== 0 ? [info.name, info.socketError?.name].filter(Boolean).join(" ") : "",
    title: `${info.name ?? info.label}: ${info.meaning} ${info.fix}`,
  };
}
