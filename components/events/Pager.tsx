import Link from "next/link";
import { useTranslations } from "next-intl";
import { explorerHref, type ExplorerTable } from "@/lib/explorerUrl/explorerHref";
import { isTimeSort, type FilterParamValues, type PagingParamValues } from "@/lib/explorerUrl/explorerParams";

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
  table = "events",
}: {
  filters: FilterParamValues;
  paging: Required<Pick<PagingParamValues, "limit" | "order">> & Pick<PagingParamValues, "sort">;
  previousCursor: string | null;
  nextCursor: string | null;
  onFirstPage: boolean;
  table?: ExplorerTable;
}) {
  const t = useTranslations("Paging");
  const newestFirst = paging.order === "newest";
  // Sorted by another column than time, pages are simply before and after.
  const byTime = isTimeSort(paging.sort);
  const link = (cursor: string | null, label: string, rel: "prev" | "next") =>
    cursor ? (
      <Link className="button" rel={rel} href={explorerHref(filters, { ...paging, cursor }, table)} prefetch={false} scroll={false}>
        {label}
      </Link>
    ) : (
      <span className="button" aria-disabled="true">
        {label}
      </span>
    );
  return (
    <nav className="pager" aria-label={t("pages")}>
      {!onFirstPage && (
        <Link className="button" href={explorerHref(filters, paging, table)} prefetch={false} scroll={false}>
          {t("first")}
        </Link>
      )}
      {link(previousCursor, !byTime ? t("previous") : newestFirst ? t("newer") : t("older"), "prev")}
      {link(nextCursor, !byTime ? t("next") : newestFirst ? t("olderNext") : t("newerNext"), "next")}
    </nav>
  );
}
