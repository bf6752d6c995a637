import Link from "next/link";
import { explorerHref } from "@/lib/explorerUrl/explorerHref";
import type { FilterParamValues, PagingParamValues } from "@/lib/explorerUrl/explorerParams";

/**
 * Previous and next page by keyset cursor. Which way is "newer" depends on the order shown;
 * "First page" returns to the start of the order (the newest events, by default).
 */
export function Pager({
  filters,
  paging,
  previousCursor,
  nextCursor,
  onFirstPage,
}: {
  filters: FilterParamValues;
  paging: Required<Pick<PagingParamValues, "limit" | "order">>;
  previousCursor: string | null;
  nextCursor: string | null;
  onFirstPage: boolean;
}) {
  const newestFirst = paging.order === "newest";
  const link = (cursor: string | null, label: string, rel: "prev" | "next") =>
    cursor ? (
      <Link className="button" rel={rel} href={explorerHref(filters, { ...paging, cursor })} prefetch={false} scroll={false}>
        {label}
      </Link>
    ) : (
      <span className="button" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <nav className="pager" aria-label="Pages">
      {!onFirstPage && (
        <Link className="button" href={explorerHref(filters, paging)} prefetch={false} scroll={false}>
          First page
        </Link>
      )}
      {link(previousCursor, newestFirst ? "← Newer" : "← Older", "prev")}
      {link(nextCursor, newestFirst ? "Older →" : "Newer →", "next")}
    </nav>
  );
}
