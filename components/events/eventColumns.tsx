"use client";

import { use, type ReactNode } from "react";
import { columnOrderingFeature, columnVisibilityFeature, createColumnHelper, rowExpandingFeature, tableFeatures } from "@tanstack/react-table";
import type { EventSort } from "@/lib/explorerUrl/explorerParams";
import type { EventListRow } from "@/lib/events/queryEvents";
import { ExitCodeLabel } from "../ExitCodeLabel";
import { UserLink } from "../UserLink";
import { LocalTime } from "../LocalTime";
import { Duration } from "../Duration";
import { SortHeader } from "./SortHeader";
import { ExitCodeViewsContext } from "./explorerViewContext";

export interface EventColumnMeta {
  /** Shown in the column chooser. */
  label: string;
  className?: string;
  /** The server-side sort behind the column's heading, for an indexed column. */
  sort?: EventSort;
}

export const eventTableFeatures = tableFeatures({
  columnOrderingFeature,
  columnVisibilityFeature,
  rowExpandingFeature,
  columnMeta: {} as EventColumnMeta,
});

const column = createColumnHelper<typeof eventTableFeatures, EventListRow>();

/** A cell showing `render(value)`, or nothing where the event has no such value. */
const unlessNull =
  <T,>(render: (value: T) => ReactNode) =>
  ({ getValue }: { getValue: () => T | null }) => {
    const value = getValue();
    return value === null ? null : render(value);
  };

function ExitCodeCell({ code }: { code: number }) {
  const view = use(ExitCodeViewsContext)[code];
  return view ? <ExitCodeLabel view={view} /> : code;
}

/** The explorer's columns; the table keeps this one array for its whole life. Every column names its id: the chooser stores them. */
export const eventColumns = column.columns([
  column.display({
    id: "expand",
    enableHiding: false,
    meta: { label: "Details", className: "cell-expand" },
    header: () => <span className="visually-hidden">Details</span>,
    cell: ({ row }) => (
      <button
        type="button"
        className="expand-button"
        tabIndex={-1}
        aria-expanded={row.getIsExpanded()}
        aria-controls={`event-detail-${row.id}`}
        aria-label={row.getIsExpanded() ? "Hide details" : "Show details"}
        onClick={() => row.toggleExpanded()}
      >
        {row.getIsExpanded() ? "▾" : "▸"}
      </button>
    ),
  }),
  column.accessor("occurredAt", {
    id: "time",
    header: () => <SortHeader sort="time" label="Time" />,
    enableHiding: false,
    meta: { label: "Time", className: "nowrap", sort: "time" },
    cell: ({ row }) => <LocalTime iso={row.original.occurredAt} original={row.original.timestamp} />,
  }),
  column.accessor("name", {
    id: "name",
    header: () => <SortHeader sort="name" label="Event" />,
    meta: { label: "Event", sort: "name" },
    cell: ({ getValue }) => <code>{getValue()}</code>,
  }),
  column.accessor("userId", {
    id: "user",
    header: () => <SortHeader sort="user" label="User" />,
    meta: { label: "User", sort: "user" },
    cell: ({ row }) => <UserLink userId={row.original.userId} email={row.original.userEmail} />,
  }),
  column.accessor("hostComputerName", {
    id: "host",
    header: () => <SortHeader sort="host" label="Host computer" />,
    meta: { label: "Host computer", className: "nowrap", sort: "host" },
  }),
  column.display({
    id: "client",
    header: "Client",
    meta: { label: "Client computer, ip, platform" },
    cell: ({ row }) => {
      const { clientComputerName, ip, platform } = row.original;
      return (
        <>
          <span className="nowrap">{clientComputerName}</span>
          {(ip || platform) && <span className="cell-sub">{[ip, platform].filter(Boolean).join(" · ")}</span>}
        </>
      );
    },
  }),
  column.accessor("exitCode", {
    id: "exit",
    header: () => <SortHeader sort="exit" label="Exit code" />,
    meta: { label: "Exit code", className: "nowrap", sort: "exit" },
    cell: unlessNull((code: number) => <ExitCodeCell code={code} />),
  }),
  column.accessor("duration", {
    id: "duration",
    header: "Duration",
    meta: { label: "Duration", className: "num" },
    cell: unlessNull((seconds: number) => <Duration seconds={seconds} />),
  }),
  column.accessor("attemptId", {
    id: "attempt",
    header: "Attempt id",
    meta: { label: "Attempt id", className: "cell-attempt" },
    cell: unlessNull((attempt: string) => <code title={attempt}>{attempt}</code>),
  }),
]);
