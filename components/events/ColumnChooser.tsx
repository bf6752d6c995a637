"use client";

import { useTranslations } from "next-intl";
import type { Column } from "@tanstack/react-table";
import type { EventListRow } from "@/lib/events/queryEvents";
import { useColumnLabels, type EventColumnId, type eventTableFeatures } from "./eventColumns";
import { Menu } from "./Menu";

type EventColumn = Column<typeof eventTableFeatures, EventListRow, unknown>;

/** Show, hide and reorder columns; the choices are remembered by this browser. */
export function ColumnChooser({
  columns,
  onMove,
  onReset,
}: {
  /** In the order shown. */
  columns: EventColumn[];
  onMove: (id: string, by: -1 | 1) => void;
  onReset: () => void;
}) {
  const t = useTranslations("EventTable");
  const labels = useColumnLabels();
  return (
    <Menu className="menu--end" summary={t("columns")}>
      <div className="menu__panel" role="group" aria-label={t("columnsToShow")}>
        {columns.map((column, index) => {
          const label = labels[column.id as EventColumnId] ?? column.id;
          return (
            <div key={column.id} className="column-choice" data-column={column.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={column.getIsVisible()}
                  disabled={!column.getCanHide()}
                  onChange={(event) => column.toggleVisibility(event.target.checked)}
                />
                {label}
              </label>
              <span className="column-choice__move">
                <button
                  type="button"
                  className="link-button"
                  aria-label={t("moveLeft", { label })}
                  disabled={index === 0}
                  onClick={() => onMove(column.id, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t("moveRight", { label })}
                  disabled={index === columns.length - 1}
                  onClick={() => onMove(column.id, 1)}
                >
                  ↓
                </button>
              </span>
            </div>
          );
        })}
        <button type="button" className="link-button" onClick={onReset}>
          {t("resetColumns")}
        </button>
      </div>
    </Menu>
  );
}
