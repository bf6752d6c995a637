import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

/**
 * What a filtered table shows instead of rows: a page past the end, nothing matching the filters
 * (with the way out), or an empty store. Never confused with a failure, which error.tsx shows.
 */
export function NoResults({
  noun,
  testId,
  pastTheEnd,
  filtered,
  firstPageHref,
  clearHref,
  emptyStore,
}: {
  noun: "events" | "connections";
  testId: string;
  pastTheEnd: boolean;
  filtered: boolean;
  firstPageHref: string;
  clearHref: string;
  emptyStore: ReactNode;
}) {
  const t = useTranslations("NoResults");
  return (
    <div className="empty" data-testid={testId}>
      {pastTheEnd ? (
        <>{t.rich("pastTheEnd", { noun, link: (chunks) => <Link href={firstPageHref}>{chunks}</Link> })}</>
      ) : filtered ? (
        <>
          {t.rich("noMatch", { noun, strong: (chunks) => <strong>{chunks}</strong> })}{" "}
          <Link className="button" href={clearHref}>
            {t("clear")}
          </Link>
        </>
      ) : (
        emptyStore
      )}
    </div>
  );
}
