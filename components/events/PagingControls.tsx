"use client";

import { useTranslations } from "next-intl";
import { EVENT_ORDERS, isTimeSort, PAGE_SIZES, type EventOrder, type PageSize } from "@/lib/explorerUrl/explorerParams";
import { useExplorerNavigation, type ExplorerView } from "./useExplorerNavigation";

/** Order and page size; changing either starts again at the first page. */
export function PagingControls({ current }: { current: ExplorerView }) {
  const t = useTranslations("Paging");
  const { view, pending, setPaging } = useExplorerNavigation(current);
  const orderLabels: Record<EventOrder, string> = { newest: t("newest"), oldest: t("oldest") };
  // Sorted by another column than time, the same two orders read as directions.
  const directionLabels: Record<EventOrder, string> = { newest: t("descending"), oldest: t("ascending") };
  return (
    <span className="paging-controls" aria-busy={pending}>
      <label className="inline-label">
        {t("order")}
        <select value={view.paging.order} onChange={(event) => setPaging({ order: event.target.value as EventOrder })}>
          {EVENT_ORDERS.map((order) => (
            <option key={order} value={order}>
              {isTimeSort(view.paging.sort) ? orderLabels[order] : directionLabels[order]}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-label">
        {t("perPage")}
        <select value={view.paging.limit} onChange={(event) => setPaging({ limit: Number(event.target.value) as PageSize })}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </span>
  );
}
