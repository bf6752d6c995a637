"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useInBrowser } from "../useInBrowser";
import { CALENDAR_RANGES, calendarRange } from "@/lib/connections/calendarRanges";
import { formatInstant } from "@/lib/i18n/dateTime";
import type { Locale } from "@/lib/i18n/locales";
import { parseZonedDateTime } from "@/lib/i18n/zonedTime";
import { useShownZone } from "../timeDisplay";
import { useSyncedDraft } from "./useSyncedDraft";
import { isEnterToAct } from "./enterKey";

const PRESETS = [
  ["preset15m", 15 * 60_000],
  ["preset1h", 3_600_000],
  ["preset24h", 86_400_000],
  ["preset7d", 7 * 86_400_000],
  ["preset30d", 30 * 86_400_000],
] as const;

/**
 * An RFC 3339 instant as the field shows it: written as the app writes every time in the reader's
 * language (2026/12/02 14:05 in Japanese, 2026-12-02 14:05 in English), in the zone the times are
 * shown in, to the second only when it has seconds. The browser's own date fields would follow the
 * computer's locale instead (mm/dd/yyyy in a Japanese page on an American computer) and its zone.
 */
function toFieldText(iso: string | undefined, timeZone: string, locale: Locale): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  return formatInstant(ms, timeZone, locale, ms % 60_000 === 0 ? "minute" : "second");
}

/**
 * The time range: a preset sets `from` to that long before now (and no `to`), so the URL holds
 * fixed instants that the export command takes as they are; or from/to typed in the viewer's zone.
 */
export function TimeRangeFilter({
  from,
  to,
  onChange,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
}) {
  const t = useTranslations("Filters");
  // Written out, one call per key, so that the catalogue check sees every key used.
  const presetLabels = { preset15m: t("preset15m"), preset1h: t("preset1h"), preset24h: t("preset24h"), preset7d: t("preset7d"), preset30d: t("preset30d") };
  const calendarLabels = {
    today: t("today"),
    yesterday: t("yesterday"),
    thisWeek: t("thisWeek"),
    lastWeek: t("lastWeek"),
    thisMonth: t("thisMonth"),
    lastMonth: t("lastMonth"),
  };
  // The zone the times are shown in (the viewer's, or UTC when the header says so): a day is that zone's day.
  const zone = useShownZone();
  const locale = useLocale() as Locale;
  // Only the browser knows the viewer's time zone: the server renders the fields empty and the browser fills them.
  const inBrowser = useInBrowser();
  const shown = (iso: string | undefined) => (inBrowser ? toFieldText(iso, zone, locale) : "");
  const [fromDraft, setFromDraft] = useSyncedDraft(shown(from));
  const [toDraft, setToDraft] = useSyncedDraft(shown(to));
  const [invalid, setInvalid] = useState<"from" | "to" | null>(null);
  // A field left as it was keeps its exact instant (the field shows whole seconds only); an empty
  // one is no bound; text that names no date and time is said so, never dropped as "no bound".
  const read = (draft: string, current: string | undefined): string | undefined | null => {
    if (draft === shown(current)) return current;
    if (draft.trim() === "") return undefined;
    const ms = parseZonedDateTime(draft, zone);
    return ms === null ? null : new Date(ms).toISOString();
  };
  const apply = () => {
    const start = read(fromDraft, from);
    const end = read(toDraft, to);
    setInvalid(start === null ? "from" : end === null ? "to" : null);
    if (start !== null && end !== null) onChange(start, end);
  };
  return (
    <div className="filter-field filter-field--time" role="group" aria-label={t("timeRange")}>
      <span className="filter-field__label">{t("time")}</span>
      <span className="segmented">
        {PRESETS.map(([preset, ms]) => (
          <button key={preset} type="button" className="button button--small" onClick={() => onChange(new Date(Date.now() - ms).toISOString(), undefined)}>
            {presetLabels[preset]}
          </button>
        ))}
        <button type="button" className="button button--small" aria-pressed={!from && !to} onClick={() => onChange(undefined, undefined)}>
          {t("all")}
        </button>
      </span>
      <span className="segmented" role="group" aria-label={t("calendarRanges")}>
        {CALENDAR_RANGES.map((range) => {
          const pick = () => calendarRange(range, Date.now(), zone);
          return (
            <button
              key={range}
              type="button"
              className="button button--small"
              data-range={range}
              onClick={() => {
                const { from: start, to: end } = pick();
                onChange(start, end);
              }}
            >
              {calendarLabels[range]}
            </button>
          );
        })}
      </span>
      {(["from", "to"] as const).map((field) => (
        <label key={field} className="inline-label">
          {field === "from" ? t("from") : t("to")}
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            size={19}
            placeholder={t("dateTimePlaceholder")}
            aria-invalid={invalid === field || undefined}
            aria-describedby={invalid === field ? "time-range-problem" : undefined}
            value={field === "from" ? fromDraft : toDraft}
            onChange={(event) => (field === "from" ? setFromDraft : setToDraft)(event.target.value)}
            onKeyDown={(event) => isEnterToAct(event) && apply()}
          />
        </label>
      ))}
      <button type="button" className="button button--small" onClick={apply}>
        {t("apply")}
      </button>
      {invalid && (
        <span id="time-range-problem" className="filter-field__problem" role="alert">
          {t("badDateTime", { field: invalid === "from" ? t("from") : t("to"), example: t("dateTimePlaceholder") })}
        </span>
      )}
    </div>
  );
}
