import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { filtersToParams, hasFilters } from "@/lib/events/eventFilters";
import { explorerPageData } from "@/lib/events/explorerPage";
import { groupEventNames } from "@/lib/events/listEventNames";
import { exitCodeViewsOf } from "@/lib/parsec/exitCodeView";
import { explorerHref, exportHref } from "@/lib/explorerUrl/explorerHref";
import { activeFilters } from "@/lib/explorerUrl/activeFilters";
import { ActiveFilters } from "@/components/events/ActiveFilters";
import { FilterFold } from "@/components/events/FilterFold";
import { AutoRefresh } from "@/components/events/AutoRefresh";
import { CodeSearchNote } from "@/components/events/CodeSearchNote";
import { EventFilterBar } from "@/components/events/EventFilterBar";
import { StreamedFacetPanel } from "@/components/facets/FacetPanel";
import { EventHistogramChart } from "@/components/events/EventHistogramChart";
import { EventsTable } from "@/components/events/EventsTable";
import { NoResults } from "@/components/events/NoResults";
import { Pager } from "@/components/events/Pager";
import { PagingControls } from "@/components/events/PagingControls";
import { ParamProblems } from "@/components/events/ParamProblems";
import { ResultCount } from "@/components/events/ResultCount";
import { requireAdmin } from "@/app/_auth/requireAdmin";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Pages")]);
  return { title: t("pageTitle", { page: page("events") }) };
}

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  await connection(); // rendered per request: the store changes as the sync runs
  const { filters, paging, problems, cursor, searchKind, codeSearch, page, count, histogram, options, facets } = await explorerPageData(
    await searchParams,
    Date.now(),
  );
  const view = { filters: filtersToParams(filters), paging: { limit: paging.limit, order: paging.order, sort: paging.sort } };
  // A new page is a new table: the row detail and keyboard position start afresh.
  const pageKey = `${explorerHref(view.filters, view.paging)}#${page.rows[0]?.id ?? ""}`;
  const [t, pages, locale] = await Promise.all([getTranslations("Explorer"), getTranslations("Pages"), getLocale()]);
  const applied = activeFilters(view.filters, view.paging, "events");

  return (
    <div className="explorer-page">
      <h1>{pages("events")}</h1>
      <ParamProblems problems={problems} />
      <FilterFold active={applied.length}>
        <EventFilterBar current={view} users={options.users} eventNames={groupEventNames(options.eventNames, filters.name)} />
      </FilterFold>
      <ActiveFilters filters={applied} users={options.users} />
      {codeSearch && filters.q !== undefined && <CodeSearchNote term={filters.q} search={codeSearch} />}
      {searchKind === "scan" && (
        <p className="muted search-note" data-testid="search-scan-note">
          {t("scanNote")}
        </p>
      )}
      {/* Also over no results: the facets of the other filters show what one left out hides. */}
      {facets && (page.rows.length > 0 || hasFilters(filters)) && (
        <Suspense fallback={null}>
          <StreamedFacetPanel facets={facets()} view={{ ...view, table: "events" }} users={options.users} />
        </Suspense>
      )}
      {page.rows.length === 0 ? (
        <NoResults
          noun="events"
          testId="events-empty"
          pastTheEnd={cursor !== null}
          filtered={hasFilters(filters)}
          firstPageHref={explorerHref(view.filters, view.paging)}
          clearHref={explorerHref({}, view.paging)}
          emptyStore={t("emptyStore")}
        />
      ) : (
        <>
          <div className="auto-refresh-bar">
            {/* Outside the table: the table starts afresh when new events arrive, this keeps its state. */}
            <AutoRefresh available={cursor === null && paging.order === "newest" && paging.sort === "time"} />
          </div>
          {histogram && <EventHistogramChart histogram={histogram} view={view} />}
          <EventsTable
            key={pageKey}
            rows={page.rows}
            exitCodes={exitCodeViewsOf(
              page.rows.map((row) => row.exitCode),
              locale,
            )}
            view={view}
            toolbar={
              <>
                <ResultCount count={count} shown={page.rows.length} />
                <PagingControls current={view} />
                <span className="export-links">
                  <a className="button" href={exportHref(view.filters, "csv")} download>
                    {t("exportCsv")}
                  </a>
                  <a className="button" href={exportHref(view.filters, "ndjson")} download>
                    {t("exportNdjson")}
                  </a>
                </span>
              </>
            }
          />
          <div className="results-footer">
            <p className="muted keyboard-hint">{t.rich("keyboardHint", { kbd: (chunks) => <kbd>{chunks}</kbd> })}</p>
            <Pager
              filters={view.filters}
              paging={view.paging}
              previousCursor={page.previousCursor}
              nextCursor={page.nextCursor}
              onFirstPage={cursor === null}
            />
          </div>
        </>
      )}
    </div>
  );
}
