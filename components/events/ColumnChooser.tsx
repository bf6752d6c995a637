"use client";

import type { Column } from "@tanstack/react-table";
import type { EventListRow } from "@/lib/events/queryEvents";
import type { eventTableFeatures } from "./eventColumns";
import { Menu } from "./Menu";

type EventColumn = Column<typeof eventTableFeatures, EventListRow, unknown>;

/** Show or hide columns; the choice is remembered by this browser. */
export function ColumnChooser({ columns, onReset }: { columns: EventColumn[]; onReset: () => void }) {
  return (
    <Menu className="menu--end" summary="Columns">
      <div className="menu__panel" role="group" aria-label="Columns to show">
        {columns.map((column) => (
          <label key={column.id} className="check">
            <input type="checkbox" checked={column.getIsVisible()} onChange={(event) => column.toggleVisibility(event.target.checked)} />
            {column.columnDef.meta?.label ?? column.id}
          </label>
        ))}
        <button type="button" className="link-button" onClick={onReset}>
          Show all columns
        </button>
      </div>
    </Menu>
  );
}
