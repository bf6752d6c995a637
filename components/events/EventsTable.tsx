"use client";

import { Fragment, type ReactNode } from "react";
import { useTable } from "@tanstack/react-table";
import type { EventListRow } from "@/lib/events/queryEvents";
import type { ExitCodeView } from "@/lib/parsec/exitCodeView";
import { ColumnChooser } from "./ColumnChooser";
import { EventDetail } from "./EventDetail";
import { eventColumns, eventTableFeatures } from "./eventColumns";
import { ExitCodeViewsContext, ExplorerViewContext } from "./explorerViewContext";
import type { ExplorerView } from "./useExplorerNavigation";
import { useRowKeyboard } from "./useRowKeyboard";
import { sortStateOf } from "./SortHeader";
import { useStoredColumnOrder, useStoredColumnVisibility } from "./useStoredColumnVisibility";

/** Stays first: the row's expand button. */
const FIXED_COLUMN = "expand";
const DEFAULT_ORDER = eventColumns.flatMap((column) => (column.id ? [column.id] : []));

/**
 * One page of events, as the server fetched it: the table only lays rows out, hides the columns
 * this browser chose to hide, and opens a row's detail (fetched then). `toolbar` is server-rendered
 * (count, export); `exitCodes` has the meaning of each exit code on the page (exitCodeViewsOf).
 */
export function EventsTable({
  rows,
  exitCodes,
  view,
  toolbar,
}: {
  rows: EventListRow[];
  exitCodes: Record<number, ExitCodeView>;
  view: ExplorerView;
  toolbar: ReactNode;
}) {
  const [columnVisibility, setColumnVisibility] = useStoredColumnVisibility();
  const [storedOrder, setColumnOrder] = useStoredColumnOrder();
  // The stored order, then any column it does not know (one added since), the expand button first.
  const movable = [...storedOrder.filter((id) => DEFAULT_ORDER.includes(id)), ...DEFAULT_ORDER.filter((id) => !storedOrder.includes(id))].filter(
    (id) => id !== FIXED_COLUMN,
  );
  const columnOrder = [FIXED_COLUMN, ...movable];
  const move = (id: string, by: -1 | 1) => {
    const next = [...movable];
    const from = next.indexOf(id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= next.length) return;
    [next[from], next[to]] = [next[to]!, next[from]!];
    setColumnOrder(next);
  };
  const table = useTable({
    features: eventTableFeatures,
    columns: eventColumns,
    data: rows,
    getRowId: (row) => row.id,
    getRowCanExpand: () => true,
    state: { columnVisibility, columnOrder },
    onColumnVisibilityChange: setColumnVisibility,
  });
  const tableRows = table.getRowModel().rows;
  const rowProps = useRowKeyboard(tableRows.length, (index) => tableRows[index]?.toggleExpanded());
  const columnCount = table.getVisibleLeafColumns().length;
  return (
    <ExplorerViewContext value={view}>
      <ExitCodeViewsContext value={exitCodes}>
        <div className="results-bar">
          {toolbar}
          <ColumnChooser
            columns={movable.map((id) => table.getColumn(id)!).filter(Boolean)}
            onMove={move}
            onReset={() => {
              setColumnVisibility({});
              setColumnOrder([]);
            }}
          />
        </div>
        <div className="table-wrap table-wrap--events">
          <table className="table table--events table--keys" data-testid="events-table">
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th key={header.id} className={header.column.columnDef.meta?.className} aria-sort={sortStateOf(view, header.column.columnDef.meta?.sort)}>
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
      </ExitCodeViewsContext>
    </ExplorerViewContext>
  );
}
