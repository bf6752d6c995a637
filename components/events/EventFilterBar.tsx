"use client";

import { useTranslations } from "next-intl";
import type { EventNameGroupList } from "@/lib/events/listEventNames";
import type { KnownUser } from "@/lib/events/listUsers";
import type { FilterParam } from "@/lib/explorerUrl/explorerParams";
import { EventNameFilter } from "./EventNameFilter";
import { SearchField } from "./SearchField";
import { TimeRangeFilter } from "./TimeRangeFilter";
import { useExplorerNavigation, type ExplorerView } from "./useExplorerNavigation";
import { UserFilter } from "./UserFilter";
import { ValuesFilter } from "./ValuesFilter";
import { asList, FilterBarStatus } from "./FilterBarStatus";

const EXIT_SUGGESTIONS = ["success", "failure"] as const;

/**
 * Every filter of the explorer, written to the URL as soon as it changes (text fields on Enter).
 * The server parses the URL with the same schema as the export command and shows what it ignored.
 */
export function EventFilterBar({
  current,
  users,
  eventNames,
}: {
  current: ExplorerView;
  users: readonly KnownUser[];
  eventNames: readonly EventNameGroupList[];
}) {
  const t = useTranslations("Filters");
  const { view, pending, setFilters, clearFilters } = useExplorerNavigation(current);
  const values = (param: FilterParam) => view.filters[param] ?? [];
  const hasFilters = Object.values(view.filters).some((list) => list.length > 0);
  return (
    <section className="filter-bar" aria-label={t("filters")} aria-busy={pending}>
      <div className="filter-bar__row">
        <SearchField applied={values("q")[0] ?? ""} onSearch={(q) => setFilters({ q: asList(q) })} />
        <FilterBarStatus pending={pending} hasFilters={hasFilters} onClear={clearFilters} />
      </div>
      <div className="filter-bar__row">
        <TimeRangeFilter from={values("from")[0]} to={values("to")[0]} onChange={(from, to) => setFilters({ from: asList(from), to: asList(to) })} />
      </div>
      <div className="filter-bar__row">
        <EventNameFilter groups={eventNames} selected={values("name")} onChange={(name) => setFilters({ name })} />
        <UserFilter
          users={users}
          included={values("user")}
          excluded={values("not_user")}
          onChange={(user, notUser) => setFilters({ user, not_user: notUser })}
        />
      </div>
      <div className="filter-bar__row">
        <ValuesFilter label={t("host")} placeholder={t("hostPlaceholder")} values={values("host")} onChange={(host) => setFilters({ host })} />
        <ValuesFilter
          label={t("exit")}
          placeholder={t("exitPlaceholder")}
          suggestions={EXIT_SUGGESTIONS}
          values={values("exit")}
          onChange={(exit) => setFilters({ exit })}
        />
        <ValuesFilter label={t("attempt")} placeholder={t("attemptPlaceholder")} values={values("attempt")} onChange={(attempt) => setFilters({ attempt })} />
        <ValuesFilter label={t("ip")} placeholder={t("ipPlaceholder")} values={values("ip")} onChange={(ip) => setFilters({ ip })} />
      </div>
    </section>
  );
}
