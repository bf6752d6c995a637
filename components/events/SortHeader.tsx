"use client";

import { useTranslations } from "next-intl";
import { use } from "react";
import { DEFAULT_EVENT_SORT, type EventSort } from "@/lib/explorerUrl/explorerParams";
import { useColumnLabels, type EventColumnId } from "./eventColumns";
import { ExplorerViewContext } from "./explorerViewContext";
import { useExplorerNavigation, type ExplorerView } from "./useExplorerNavigation";

/** Whether the view is sorted by `sort`, and which way, as aria-sort says it. */
export function sortStateOf(view: ExplorerView, sort: EventSort | undefined): "ascending" | "descending" | undefined {
  if (sort === undefined || (view.paging.sort ?? DEFAULT_EVENT_SORT) !== sort) return undefined;
  return view.paging.order === "newest" ? "descending" : "ascending";
}

/**
 * A column heading that sorts the explorer by its column: the first click sorts descending (as
 * time is, newest first), the next one ascending. The server sorts (keyset pages, ties broken by
 * time and id), so the choice is in the URL like the filters.
 */
export function SortHeader({ sort, column }: { sort: EventSort; column: EventColumnId }) {
  const t = useTranslations("EventTable");
  const label = useColumnLabels()[column];
  const { view, setPaging } = useExplorerNavigation(use(ExplorerViewContext));
  const state = sortStateOf(view, sort);
  const next = state === "descending" ? "oldest" : "newest";
  return (
    <button
      type="button"
      className="sort-header"
      data-sort={sort}
      data-state={state ?? "none"}
      title={t("sortBy", { label, direction: next === "newest" ? "descending" : "ascending" })}
      onClick={() => setPaging({ sort, order: next })}
    >
      {label}
      <span aria-hidden="true" className="sort-header__arrow">
        {state === "descending" ? " ↓" : state === "ascending" ? " ↑" : " ↕"}
      </span>
    </button>
  );
}
