"use client";

import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { explorerHref, type ExplorerTable } from "@/lib/explorerUrl/explorerHref";
import type { FilterParamValues, PagingParamValues } from "@/lib/explorerUrl/explorerParams";

export interface ExplorerView {
  filters: FilterParamValues;
  /** `sort` only on the events explorer (time when absent). */
  paging: Required<Pick<PagingParamValues, "limit" | "order">> & Pick<PagingParamValues, "sort">;
  /** Which table the view filters: the events explorer unless said otherwise. */
  table?: ExplorerTable;
}

/**
 * Changes what the explorer shows by changing its URL (router.push: back and forward work, and a
 * reload shows the same view). Any change starts again at the first page. Until the server's
 * page arrives, `view` already shows the change, and `pending` says that it is on its way.
 */
export function useExplorerNavigation(current: ExplorerView) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [view, showOptimistically] = useOptimistic(current);
  const navigate = (next: ExplorerView) =>
    startTransition(() => {
      showOptimistically(next);
      router.push(explorerHref(next.filters, next.paging, next.table), { scroll: false });
    });
  return {
    view,
    pending,
    setFilters: (changes: FilterParamValues) => navigate({ ...view, filters: { ...view.filters, ...changes } }),
    clearFilters: () => navigate({ ...view, filters: {} }),
    setPaging: (changes: Partial<ExplorerView["paging"]>) => navigate({ ...view, paging: { ...view.paging, ...changes } }),
  };
}
