"use client";

import { useTranslations } from "next-intl";
/** A single filter value as the URL's list of values: an empty field is no filter. */
export const asList = (value: string | undefined) => (value === undefined || value.trim() === "" ? [] : [value.trim()]);

/** The end of a filter bar's first row: whether the next view is on its way, and the way back to no filters. */
export function FilterBarStatus({ pending, hasFilters, onClear }: { pending: boolean; hasFilters: boolean; onClear: () => void }) {
  const t = useTranslations("Filters");
  return (
    <>
      <span className="filter-bar__status" role="status">
        {pending ? t("loading") : ""}
      </span>
      <button type="button" className="button" disabled={!hasFilters} onClick={onClear}>
        {t("clear")}
      </button>
    </>
  );
}
