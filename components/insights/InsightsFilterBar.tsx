"use client";

import { useTranslations } from "next-intl";
import type { KnownUser } from "@/lib/events/listUsers";
import type { FilterParamValues, INSIGHTS_FILTER_PARAMS } from "@/lib/explorerUrl/explorerParams";
import { TimeRangeFilter } from "../events/TimeRangeFilter";
import { useExplorerNavigation, type ExplorerView } from "../events/useExplorerNavigation";
import { UserFilter } from "../events/UserFilter";
import { ValuesFilter } from "../events/ValuesFilter";
import { asList, FilterBarStatus } from "../events/FilterBarStatus";

/** The insights' time range and the users and hosts every chart is narrowed to, in the URL. */
export function InsightsFilterBar({ current, users, hosts }: { current: ExplorerView; users: readonly KnownUser[]; hosts: readonly string[] }) {
  const t = useTranslations("Filters");
  const { view, pending, setFilters, clearFilters } = useExplorerNavigation(current);
  const values = (param: (typeof INSIGHTS_FILTER_PARAMS)[number]) => (view.filters as FilterParamValues)[param] ?? [];
  return (
    <section className="filter-bar" aria-label={t("filters")} aria-busy={pending}>
      <div className="filter-bar__row">
        <TimeRangeFilter from={values("from")[0]} to={values("to")[0]} onChange={(from, to) => setFilters({ from: asList(from), to: asList(to) })} />
        <FilterBarStatus pending={pending} hasFilters={Object.values(view.filters).some((list) => list.length > 0)} onClear={clearFilters} />
      </div>
      <div className="filter-bar__row">
        <UserFilter users={users} included={values("user")} excluded={[]} canExclude={false} onChange={(user) => setFilters({ user })} />
        <ValuesFilter
          label={t("host")}
          placeholder={t("hostPlaceholder")}
          suggestions={hosts}
          values={values("host")}
          onChange={(host) => setFilters({ host })}
        />
      </div>
    </section>
  );
}
