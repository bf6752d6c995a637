"use client";

import Link from "next/link";
import { useContext, type ReactNode } from "react";
import { columnVisibilityFeature, createColumnHelper, rowExpandingFeature, tableFeatures } from "@tanstack/react-table";
import type { EventListRow } from "@/lib/events/queryEvents";
import { explorerHref } from "@/lib/explorerUrl/explorerHref";
import type { ExitCodeView } from "@/lib/parsec/exitCodeView";
import { ExitCodeLabel } from "../ExitCodeLabel";
import { LocalTime } from "../LocalTime";
import { formatSeconds } from "../formatSeconds";
import { ExplorerViewContext } from "./explorerViewContext";

export interface EventColumnMeta {
  /** Shown in the column chooser. */
  label: string;
  className?: string;
}

export const eventTableFeatures = tableFeatures({
  columnVisibilityFeature,
  rowExpandingFeature,
  columnMeta: {} as EventColumnMeta,
});

const column = createColumnHelper<typeof eventTableFeatures, EventListRow>();

/** A user's email (or id), linking to this view narrowed to that user. */
function UserLink({ userId, email }: { userId: number; email: string | null }) {
  const { filters, paging } = useContext(ExplorerViewContext);
  const id = String(userId);
  const href = explorerHref({ ...filters, user: [id], not_user: (filters.not_user ?? []).filter((v) => v !== id) }, paging);
  return (
    <Link href={href} prefetch={false} title={`Show only user ${id}'s events`} className={email ? undefined : "muted"}>
      {email ? <BreakableEmail email={email} /> : `user ${id}`}
    </Link>
  );
}

/** An email that may wrap before its "@" rather than widen the table. */
function BreakableEmail({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at <= 0) return email;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}

/** A cell showing `render(value)`, or nothing where the event has no such value. */
const unlessNull =
  <T,>(render: (value: T) => ReactNode) =>
  ({ getValue }: { getValue: () => T | null }) => {
    const value = getValue();
    return value === null ? null : render(value);
  };

/** The explorer's columns; the table keeps this one array for its whole life. */
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
    header: "Time",
    enableHiding: false,
    meta: { label: "Time", className: "nowrap" },
    cell: ({ row }) => <LocalTime iso={row.original.occurredAt} original={row.original.timestamp} />,
  }),
  column.accessor("name", {
    header: "Event",
    meta: { label: "Event" },
    cell: ({ getValue }) => <code>{getValue()}</code>,
  }),
  column.accessor("userId", {
    id: "user",
    header: "User",
    meta: { label: "User" },
    cell: ({ row }) => <UserLink userId={row.original.userId} email={row.original.userEmail} />,
  }),
  column.accessor("hostComputerName", {
    id: "host",
    header: "Host computer",
    meta: { label: "Host computer", className: "nowrap" },
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
  column.accessor("exitCodeView", {
    id: "exit",
    header: "Exit code",
    meta: { label: "Exit code", className: "nowrap" },
    cell: unlessNull((view: ExitCodeView) => <ExitCodeLabel view={view} />),
  }),
  column.accessor("duration", {
    header: "Duration",
    meta: { label: "Duration", className: "num" },
    cell: unlessNull(formatSeconds),
  }),
  column.accessor("attemptId", {
    id: "attempt",
    header: "Attempt id",
    meta: { label: "Attempt id", className: "cell-attempt" },
    cell: unlessNull((attempt: string) => <code title={attempt}>{attempt}</code>),
  }),
]);
