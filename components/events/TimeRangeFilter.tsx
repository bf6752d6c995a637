"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { CALENDAR_RANGES, calendarRange } from "@/lib/connections/calendarRanges";
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

const subscribe = () => () => {};
/** Only the browser knows the viewer's time zone: the server renders the fields empty and the browser fills them. */
const useInBrowser = () =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );

/** An RFC 3339 instant as a datetime-local field's value, in the viewer's zone, to the second. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A datetime-local value (the viewer's zone) as RFC 3339 in UTC; an empty field is no bound. */
function fromLocalInput(value: string): string | undefined {
  const date = new Date(value);
  return value === "" || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
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
  const inBrowser = useInBrowser();
  const [fromDraft, setFromDraft] = useSyncedDraft(inBrowser ? toLocalInput(from) : "");
  const [toDraft, setToDraft] = useSyncedDraft(inBrowser ? toLocalInput(to) : "");
  // A field left as it was keeps its exact instant (the field shows whole seconds only).
  const apply = () =>
    onChange(fromDraft === toLocalInput(from) ? from : fromLocalInput(fromDraft), toDraft === toLocalInput(to) ? to : fromLocalInput(toDraft));
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
      <label className="inline-label">
        {t("from")}
        <input
          type="datetime-local"
          step={1}
          value={fromDraft}
          onChange={(event) => setFromDraft(event.target.value)}
          onKeyDown={(event) => isEnterToAct(event) && apply()}
        />
      </label>
      <label className="inline-label">
        {t("to")}
        <input
          type="datetime-local"
          step={1}
          value={toDraft}
          onChange={(event) => setToDraft(event.target.value)}
          onKeyDown={(event) => isEnterToAct(event) && apply()}
        />
      </label>
      <button type="button" className="button button--small" onClick={apply}>
        {t("apply")}
      </button>
    </div>
  );
}
