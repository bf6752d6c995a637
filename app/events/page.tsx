import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { countEvents } from "@/lib/events/countEvents";
import { filtersToParams, hasFilters } from "@/lib/events/eventFilters";
import { groupEventNames } from "@/lib/events/listEventNames";
import { parseExplorerParams } from "@/lib/events/parseExplorerParams";
import { pickerOptions } from "@/lib/events/pickerOptions";
import { queryEvents } from "@/lib/events/queryEvents";
import { explorerHref, exportHref } from "@/lib/explorerUrl/explorerHref";
import { EventFilterBar } from "@/components/events/EventFilterBar";
import { EventsTable } from "@/components/events/EventsTable";
import { Pager } from "@/components/events/Pager";
import { PagingControls } from "@/components/events/PagingControls";
import { ParamProblems } from "@/components/events/ParamProblems";
import { ResultCount } from "@/components/events/ResultCount";

export const metadata: Metadata = { title: "Events · Parsec audit log" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection(); // rendered per request: the store changes as the sync runs
  const { filters, paging, problems } = parseExplorerParams(await searchParams);
  const config = getConfig();
  const db = await getDatabase(config.databaseFile);
  const cursor = paging.cursor ?? null;
  const [page, count, options] = await Promise.all([
    queryEvents(db, { filters, limit: paging.limit, order: paging.order, cursor }),
    countEvents(db, filters),
    pickerOptions(db),
  ]);
  const view = { filters: filtersToParams(filters), paging: { limit: paging.limit, order: paging.order } };
  // A new page is a new table: the row detail and keyboard position start afresh.
  const pageKey = `${explorerHref(view.filters, view.paging)}#${page.rows[0]?.id ?? ""}`;

  return (
    <>
      <h1>Events</h1>
      <ParamProblems problems={problems} />
      <EventFilterBar current={view} users={options.users} eventNames={groupEventNames(options.eventNames, filters.name)} />
      {page.rows.length === 0 ? (
        <div className="empty" data-testid="events-empty">
          {cursor ? (
            <>
              No events on this page. <Link href={explorerHref(view.filters, view.paging)}>Go to the first page</Link>
            </>
          ) : hasFilters(filters) ? (
            <>
              <strong>No events match.</strong> Widen the time range or remove a filter.{" "}
              <Link className="button" href={explorerHref({}, view.paging)}>
                Clear filters
              </Link>
            </>
          ) : (
            "No events stored yet. The first sync starts with the server; the overview shows its progress."
          )}
        </div>
      ) : (
        <>
          <EventsTable
            key={pageKey}
            rows={page.rows}
            view={view}
            toolbar={
              <>
                <ResultCount count={count} shown={page.rows.length} />
                <PagingControls current={view} />
                <span className="export-links">
                  <a className="button" href={exportHref(view.filters, "csv")} download>
                    Export CSV
                  </a>
                  <a className="button" href={exportHref(view.filters, "ndjson")} download>
                    Export NDJSON
                  </a>
                </span>
              </>
            }
          />
          <div className="results-footer">
            <p className="muted keyboard-hint">
              <kbd>/</kbd> search · <kbd>j</kbd> <kbd>k</kbd> or arrows move · <kbd>Enter</kbd> details
            </p>
            <Pager filters={view.filters} paging={view.paging} previousCursor={page.previousCursor} nextCursor={page.nextCursor} onFirstPage={cursor === null} />
          </div>
        </>
      )}
    </>
  );
}
