import Link from "next/link";
import type { ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { KnownUser } from "@/lib/events/listUsers";
import { exitCodeView } from "@/lib/parsec/exitCodeView";
import { isExclusion, type ActiveFilter } from "@/lib/explorerUrl/activeFilters";
import { LocalTime } from "../LocalTime";

/**
 * Every filter that applies to the table below, as the server read it from the URL, each with a
 * link to the same view without it: what the rows are filtered by is always in sight, whatever the
 * filter bar's fields hold while being edited. Rendered on the server (the exit-code catalogue
 * stays there).
 */
export function ActiveFilters({ filters, users }: { filters: readonly ActiveFilter[]; users: readonly KnownUser[] }) {
  const t = useTranslations("ActiveFilters");
  const filterText = useTranslations("Filters");
  const status = useTranslations("ConnectionStatus");
  const locale = useLocale();
  if (filters.length === 0) return null;

  const valueText = (param: string, value: string): string => {
    if (param === "user" || param === "not_user")
      return users.find((user) => String(user.userId) === value)?.email ?? filterText("userFallback", { id: value });
    if (param === "status" || param === "not_status") return status("label", { status: value });
    if (param === "exit" || param === "not_exit") {
      if (value === "success") return t("exitSuccess");
      if (value === "failure") return t("exitFailure");
      const name = exitCodeView(Number(value), locale)?.name;
      return name ? `${value} ${name}` : value;
    }
    return value;
  };
  const chip = (key: string, filter: ActiveFilter, label: ReactNode, plainLabel: string) => (
    <li key={key} className={`chip${filter.kind === "value" && isExclusion(filter.param) ? " chip--not" : ""}`} data-testid="active-filter">
      <span className="chip__label">{label}</span>
      <Link className="chip__remove" href={filter.withoutHref} scroll={false} aria-label={t("remove", { label: plainLabel })}>
        ×
      </Link>
    </li>
  );

  return (
    <div className="active-filters">
      <span className="muted">{t("applied")}</span>
      <ul className="chips active-filters__list" aria-label={t("appliedLabel")}>
        {filters.map((filter, i) => {
          const key = `${i}`;
          switch (filter.kind) {
            case "value": {
              const text = t("value", { param: filter.param, value: valueText(filter.param, filter.value) });
              return chip(key, filter, text, text);
            }
            case "time": {
              const values = { which: filter.from && filter.to ? "both" : filter.from ? "from" : "to" };
              const label = t.rich("time", {
                ...values,
                from: () => (filter.from ? <LocalTime iso={filter.from} /> : null),
                to: () => (filter.to ? <LocalTime iso={filter.to} /> : null),
              });
              return chip(key, filter, label, filterText("timeRange"));
            }
            case "duration": {
              const text = t("duration", {
                which: filter.min && filter.max ? "both" : filter.min ? "min" : "max",
                min: filter.min ?? "",
                max: filter.max ?? "",
              });
              return chip(key, filter, text, text);
            }
          }
        })}
      </ul>
    </div>
  );
}
