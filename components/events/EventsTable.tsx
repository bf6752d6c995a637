"use client";

import { Fragment, type ReactNode } from "react";
import { useTable } from "@tanstack/react-table";
import type { EventListRow } from "@/lib/events/queryEvents";
import { ColumnChooser } from "./ColumnChooser";
import { EventDetail } from "./EventDetail";
import { eventColumns, eventTableFeatures } from "./eventColumns";
import { ExplorerViewContext } from "./explorerViewContext";
import type { ExplorerView } from "./useExplorerNavigation";
import { useRowKeyboard } from "./useRowKeyboard";
import { useStoredColumnVisibility } from "./useStoredColumnVisibility";

/**
 * One page of events, as the server fetched it: the table only lays rows out, hides the columns
 * this browser chose to hide, and opens a row's detail. `toolbar` is server-rendered (count, export).
 */
export function EventsTable({ rows, view, toolbar }: { rows: EventListRow[]; view: ExplorerView; toolbar: ReactNode }) {
  const [columnVisibility, setColumnVisibility] = useStoredColumnVisibility();
  const table = useTable({
    features: eventTableFeatures,
    columns: eventColumns,
    data: rows,
    getRowId: (row) => row.id,
    getRowCanExpand: () => true,
    state: { columnVisibility },
    onColumnVisibilityChange: setColumnVisibility,
  });
  const tableRows = table.getRowModel().rows;
  const rowProps = useRowKeyboard(tableRows.length, (index) => tableRows[index]?.toggleExpanded());
  const columnCount = table.getVisibleLeafColumns().length;
  return (
    <ExplorerViewContext value={view}>
      <div className="results-bar">
        {toolbar}
        <ColumnChooser columns={table.getAllLeafColumns().filter((column) => column.getCanHide())} onReset={() => setColumnVisibility({})} />
      </div>
      <div className="table-wrap table-wrap--events">
        <table className="table table--events" data-testid="events-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} className={header.column.columnDef.meta?.className}>
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {tableRows.map((row, index) => (
              <Fragment key={row.id}>
                <tr {...rowProps(index)} data-event-id={row.id} className={row.getIsExpanded() ? "is-expanded" : undefined}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.className}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
                {row.getIsExpanded() && (
                  <tr className="detail-row">
                    <td colSpan={columnCount}>
                      <EventDetail row={row.original} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </ExplorerViewContext>
  );
}
