import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { requestZone } from "@/app/_timeline/requestZone";
import { connectionFiltersToParams, hasConnectionFilters } from "@/lib/connections/connectionFilters";
import { connectionsPageData } from "@/lib/connections/connectionsPage";
import { connectionsHref, exportHref } from "@/lib/explorerUrl/explorerHref";
import { activeFilters } from "@/lib/explorerUrl/activeFilters";
import { ConnectionFilterBar } from "@/components/connections/ConnectionFilterBar";
import { StreamedFacetPanel } from "@/components/facets/FacetPanel";
import { ActiveFilters } from "@/components/events/ActiveFilters";
import { FilterFold } from "@/components/events/FilterFold";
import { ConnectionsTable } from "@/components/connections/ConnectionsTable";
import { NoResults } from "@/components/events/NoResults";
import { Pager } from "@/components/events/Pager";
import { PagingControls } from "@/components/events/PagingControls";
import { ParamProblems } from "@/components/events/ParamProblems";
import { ResultCount } from "@/components/events/ResultCount";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Pages")]);
  return { title: t("pageTitle", { page: page("connections") }) };
}

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  await connection(); // rendered per request: connections change as the sync runs
  const { filters, paging, problems, cursor, page, count, users, hosts, facets } = await connectionsPageData(await searchParams, Date.now());
  const view = {
    filters: connectionFiltersToParams(filters),
    paging: { limit: paging.limit, order: paging.order, sort: paging.sort },
    table: "connections" as const,
  };
  const [t, pages, explorer] = await Promise.all([getTranslations("Connections"), getTranslations("Pages"), getTranslations("Explorer")]);
  const applied = activeFilters(view.filters, view.paging, "connections");

  return (
    <div className="explorer-page">
      <h1>{pages("connections")}</h1>
      <p className="page-intro muted">{t("intro")}</p>
      <ParamProblems problems={problems} />
      <FilterFold active={applied.length}>
        <ConnectionFilterBar current={view} users={users} hosts={hosts} />
      </FilterFold>
      <ActiveFilters filters={applied} users={users} />
      {/* Also over no results: the facets of the other filters show what one left out hides. */}
      {facets && (page.rows.length > 0 || hasConnectionFilters(filters)) && (
        <Suspense fallback={null}>
          <StreamedFacetPanel facets={facets()} view={view} users={users} />
        </Suspense>
      )}
      {page.rows.length === 0 ? (
        <NoResults
          noun="connections"
          testId="connections-empty"
          pastTheEnd={cursor !== null}
          filtered={hasConnectionFilters(filters)}
          firstPageHref={connectionsHref(view.filters, view.paging)}
          clearHref={connectionsHref({}, view.paging)}
          emptyStore={t("emptyStore")}
        />
      ) : (
        <>
          <div className="results-bar">
            <ResultCount count={{ count, exact: true }} shown={page.rows.length} noun="connection" />
            <PagingControls current={view} />
            <span className="export-links">
              <a className="button" href={exportHref(view.filters, "csv", "connections")} download>
                {explorer("exportCsv")}
              </a>
              <a className="button" href={exportHref(view.filters, "ndjson", "connections")} download>
                {explorer("exportNdjson")}
              </a>
            </span>
          </div>
          <ConnectionsTable rows={page.rows} view={view} zone={await requestZone()} />
          <div className="results-footer">
            <span />
            <Pager
              filters={view.filters}
              paging={view.paging}
              previousCursor={page.previousCursor}
              nextCursor={page.nextCursor}
              onFirstPage={cursor === null}
              table="connections"
            />
          </div>
        </>
      )}
    </div>
  );
}
