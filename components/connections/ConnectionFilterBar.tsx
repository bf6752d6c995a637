"use client";

import type { KnownUser } from "@/lib/events/listUsers";
import { CONNECTION_STATUSES, type ConnectionFilterParam } from "@/lib/explorerUrl/explorerParams";
import { Menu } from "../events/Menu";
import { TimeRangeFilter } from "../events/TimeRangeFilter";
import { useExplorerNavigation, type ExplorerView } from "../events/useExplorerNavigation";
import { UserFilter } from "../events/UserFilter";
import { useSyncedDraft } from "../events/useSyncedDraft";
import { ValuesFilter } from "../events/ValuesFilter";
import { asList, FilterBarStatus } from "../events/FilterBarStatus";

const EXIT_SUGGESTIONS = ["success", "failure"] as const;

/**
 * The connections table's filters, written to the URL as soon as they change (text fields on
 * Enter), with the events explorer's pieces; the server parses the URL with the same schema as
 * the export and names what it ignored.
 */
export function ConnectionFilterBar({ current, users, hosts }: { current: ExplorerView; users: readonly KnownUser[]; hosts: readonly string[] }) {
  const { view, pending, setFilters, clearFilters } = useExplorerNavigation(current);
  const values = (param: ConnectionFilterParam) => view.filters[param] ?? [];
  const hasFilters = Object.values(view.filters).some((list) => list.length > 0);
  const statuses = values("status");
  return (
    <section className="filter-bar" aria-label="Filters" aria-busy={pending}>
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
        <ValuesFilter label="Host" placeholder="computer name" suggestions={hosts} values={values("host")} onChange={(host) => setFilters({ host })} />
      </div>
      <div className="filter-bar__row">
        <Menu className="filter-field" summary={`Status: ${statuses.length === 0 ? "all" : statuses.join(", ")}`}>
          <div className="menu__panel" role="group" aria-label="Statuses to show">
            {CONNECTION_STATUSES.map((status) => (
              <label key={status} className="check">
                <input
                  type="checkbox"
                  checked={statuses.includes(status)}
                  onChange={(event) => setFilters({ status: event.target.checked ? [...statuses, status] : statuses.filter((s) => s !== status) })}
                />
                {status}
              </label>
            ))}
          </div>
        </Menu>
        <ValuesFilter
          label="Exit"
          placeholder="success, failure or a code"
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
  const apply = () => onChange(minDraft, maxDraft);
  const field = (label: string, value: string, set: (v: string) => void) => (
    <label className="inline-label">
      {label}
      <input
        className="filter-field__input filter-field__input--short"
        value={value}
        placeholder="e.g. 5m"
        aria-label={`Duration ${label}: seconds, or a number with s, m or h`}
        onChange={(event) => set(event.target.value)}
        onKeyDown={(event) => event.key === "Enter" && apply()}
      />
    </label>
  );
  return (
    <div className="filter-field" role="group" aria-label="Duration">
      <span className="filter-field__label">Duration</span>
      {field("at least", minDraft, setMinDraft)}
      {field("at most", maxDraft, setMaxDraft)}
      <button type="button" className="button button--small" onClick={apply}>
        Apply
      </button>
    </div>
  );
}
