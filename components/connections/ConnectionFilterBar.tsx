"use client";

import { useTranslations } from "next-intl";
import type { KnownUser } from "@/lib/events/listUsers";
import { CONNECTION_STATUSES, type ConnectionFilterParam } from "@/lib/explorerUrl/explorerParams";
import { Menu } from "../events/Menu";
import { TimeRangeFilter } from "../events/TimeRangeFilter";
import { useExplorerNavigation, type ExplorerView } from "../events/useExplorerNavigation";
import { UserFilter } from "../events/UserFilter";
import { useSyncedDraft } from "../events/useSyncedDraft";
import { ValuesFilter } from "../events/ValuesFilter";
import { asList, FilterBarStatus } from "../events/FilterBarStatus";
import { isEnterToAct } from "../events/enterKey";

const EXIT_SUGGESTIONS = ["success", "failure"] as const;

/**
 * The connections table's filters, written to the URL as soon as they change (text fields on
 * Enter), with the events explorer's pieces; the server parses the URL with the same schema as
 * the export and names what it ignored.
 */
export function ConnectionFilterBar({ current, users, hosts }: { current: ExplorerView; users: readonly KnownUser[]; hosts: readonly string[] }) {
  const t = useTranslations("Filters");
  const status = useTranslations("ConnectionStatus");
  const { view, pending, setFilters, clearFilters } = useExplorerNavigation(current);
  const values = (param: ConnectionFilterParam) => view.filters[param] ?? [];
  const hasFilters = Object.values(view.filters).some((list) => list.length > 0);
  const statuses = values("status");
  return (
    <section className="filter-bar" aria-label={t("filters")} aria-busy={pending}>
      <div className="filter-bar__row">
        <TimeRangeFilter from={values("from")[0]} to={values("to")[0]} onChange={(from, to) => setFilters({ from: asList(from), to: asList(to) })} />
        <FilterBarStatus pending={pending} hasFilters={hasFilters} onClear={clearFilters} />
      </div>
      <div className="filter-bar__row">
        <UserFilter
          users={users}
          included={values("user")}
          excluded={values("not_user")}
          onChange={(user, notUser) => setFilters({ user, not_user: notUser })}
        />
        <ValuesFilter
          label={t("host")}
          placeholder={t("hostPlaceholder")}
          suggestions={hosts}
          values={values("host")}
          onChange={(host) => setFilters({ host })}
        />
      </div>
      <div className="filter-bar__row">
        <Menu
          className="filter-field"
          summary={t("status", { which: statuses.length === 0 ? "all" : "some", list: statuses.map((s) => status("label", { status: s })).join(", ") })}
        >
          <div className="menu__panel" role="group" aria-label={t("statusesToShow")}>
            {CONNECTION_STATUSES.map((value) => (
              <label key={value} className="check">
                <input
                  type="checkbox"
                  checked={statuses.includes(value)}
                  onChange={(event) => setFilters({ status: event.target.checked ? [...statuses, value] : statuses.filter((s) => s !== value) })}
                />
                {status("label", { status: value })}
              </label>
            ))}
          </div>
        </Menu>
        <ValuesFilter
          label={t("exit")}
          placeholder={t("exitPlaceholder")}
          suggestions={EXIT_SUGGESTIONS}
          values={values("exit")}
          onChange={(exit) => setFilters({ exit })}
        />
        <DurationRange
          min={values("min_duration")[0] ?? ""}
          max={values("max_duration")[0] ?? ""}
          onChange={(min, max) => setFilters({ min_duration: asList(min), max_duration: asList(max) })}
        />
      </div>
    </section>
  );
}

/** Bounds on the duration, as typed ("90", "5m", "1.5h"); Enter applies both. */
function DurationRange({ min, max, onChange }: { min: string; max: string; onChange: (min: string, max: string) => void }) {
  const [minDraft, setMinDraft] = useSyncedDraft(min);
  const [maxDraft, setMaxDraft] = useSyncedDraft(max);
  const t = useTranslations("Filters");
  const apply = () => onChange(minDraft, maxDraft);
  const field = (label: string, value: string, set: (v: string) => void) => (
    <label className="inline-label">
      {label}
      <input
        className="filter-field__input filter-field__input--short"
        value={value}
        placeholder={t("durationPlaceholder")}
        aria-label={t("durationLabel", { bound: label })}
        onChange={(event) => set(event.target.value)}
        onKeyDown={(event) => isEnterToAct(event) && apply()}
      />
    </label>
  );
  return (
    <div className="filter-field" role="group" aria-label={t("duration")}>
      <span className="filter-field__label">{t("duration")}</span>
      {field(t("atLeast"), minDraft, setMinDraft)}
      {field(t("atMost"), maxDraft, setMaxDraft)}
      <button type="button" className="button button--small" onClick={apply}>
        {t("apply")}
      </button>
    </div>
  );
}
