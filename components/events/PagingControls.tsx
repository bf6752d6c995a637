"use client";

import { EVENT_ORDERS, PAGE_SIZES, type EventOrder, type PageSize } from "@/lib/explorerUrl/explorerParams";
import { useExplorerNavigation, type ExplorerView } from "./useExplorerNavigation";

const ORDER_LABELS: Record<EventOrder, string> = { newest: "Newest first", oldest: "Oldest first" };
/** Sorted by another column than time, the same two orders read as directions. */
const DIRECTION_LABELS: Record<EventOrder, string> = { newest: "Descending", oldest: "Ascending" };

/** Order and page size; changing either starts again at the first page. */
export function PagingControls({ current }: { current: ExplorerView }) {
  const { view, pending, setPaging } = useExplorerNavigation(current);
  return (
    <span className="paging-controls" aria-busy={pending}>
      <label className="inline-label">
        Order
        <select value={view.paging.order} onChange={(event) => setPaging({ order: event.target.value as EventOrder })}>
          {EVENT_ORDERS.map((order) => (
            <option key={order} value={order}>
              {(view.paging.sort ?? "time") === "time" ? ORDER_LABELS[order] : DIRECTION_LABELS[order]}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-label">
        Per page
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
