import Link from "next/link";
import type { ReactNode } from "react";

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
  noun: string;
  testId: string;
  pastTheEnd: boolean;
  filtered: boolean;
  firstPageHref: string;
  clearHref: string;
  emptyStore: ReactNode;
}) {
  return (
    <div className="empty" data-testid={testId}>
      {pastTheEnd ? (
        <>
          No {noun} on this page. <Link href={firstPageHref}>Go to the first page</Link>
        </>
      ) : filtered ? (
        <>
          <strong>No {noun} match.</strong> Widen the time range or remove a filter.{" "}
          <Link className="button" href={clearHref}>
            Clear filters
          </Link>
        </>
      ) : (
        emptyStore
      )}
    </div>
  );
}
