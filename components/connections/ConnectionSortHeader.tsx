import Link from "next/link";
import { useTranslations } from "next-intl";
import { connectionsHref } from "@/lib/explorerUrl/explorerHref";
import { DEFAULT_CONNECTION_SORT, type ConnectionSort, type FilterParamValues, type PageSize, type EventOrder } from "@/lib/explorerUrl/explorerParams";

export interface ConnectionsView {
  filters: FilterParamValues;
  paging: { limit: PageSize; order: EventOrder; sort: ConnectionSort };
}

/** Whether the table is sorted by `sort`, and which way, as aria-sort says it. */
export function connectionSortState(view: ConnectionsView, sort: ConnectionSort): "ascending" | "descending" | undefined {
  if ((view.paging.sort ?? DEFAULT_CONNECTION_SORT) !== sort) return undefined;
  return view.paging.order === "newest" ? "descending" : "ascending";
}

/**
 * A column heading that sorts the connections by its column: a link (so a keyboard, a new tab
 * and a shared URL all work), descending first as the start is, ascending on the next click.
 * Sorting starts again at the first page; the filters stay.
 */
export function ConnectionSortHeader({ view, sort, label }: { view: ConnectionsView; sort: ConnectionSort; label: string }) {
  const t = useTranslations("EventTable");
  const state = connectionSortState(view, sort);
  const next: EventOrder = state === "descending" ? "oldest" : "newest";
  return (
    <Link
      className="sort-header"
      data-sort={sort}
      data-state={state ?? "none"}
      href={connectionsHref(view.filters, { limit: view.paging.limit, order: next, sort })}
      prefetch={false}
      scroll={false}
      title={t("sortBy", { label, direction: next === "newest" ? "descending" : "ascending" })}
    >
      {label}
      <span aria-hidden="true" className="sort-header__arrow">
        {state === "descending" ? " ↓" : state === "ascending" ? " ↑" : " ↕"}
      </span>
    </Link>
  );
}
