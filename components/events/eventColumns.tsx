"use client";

import { useTranslations } from "next-intl";
import { use, type ReactNode } from "react";
import { columnOrderingFeature, columnVisibilityFeature, createColumnHelper, rowExpandingFeature, tableFeatures } from "@tanstack/react-table";
import type { EventSort } from "@/lib/explorerUrl/explorerParams";
import type { EventListRow } from "@/lib/events/queryEvents";
import { rangeOf, windowOfRange } from "@/lib/explorerUrl/timelineLinks";
import { useShownZone } from "../timeDisplay";
import { ExitCodeLabel } from "../ExitCodeLabel";
import { UserLink } from "../UserLink";
import { LocalTime } from "../LocalTime";
import { Duration } from "../Duration";
import { AdminSummaryLine } from "./AdminSummaryLine";
import { SortHeader } from "./SortHeader";
import { ExitCodeViewsContext, ExplorerViewContext } from "./explorerViewContext";

export type EventColumnId = "expand" | "time" | "name" | "user" | "host" | "client" | "exit" | "duration" | "attempt";

/** Each column's name in the reader's language, as the column chooser and the headings show it. */
export function useColumnLabels(): Record<EventColumnId, string> {
  const t = useTranslations("EventTable");
  return {
    expand: t("details"),
    time: t("time"),
    name: t("event"),
    user: t("user"),
    host: t("host"),
    client: t("clientLong"),
    exit: t("exitCode"),
    duration: t("duration"),
    attempt: t("attempt"),
  };
}

/** A heading in the reader's language: the columns are made once, outside any component, so they name their heading by id. */
function Heading({ id, short = false }: { id: EventColumnId; short?: boolean }) {
  const t = useTranslations("EventTable");
  const labels = useColumnLabels();
  return <>{short ? t("client") : labels[id]}</>;
}

function ExpandButton({ expanded, rowId, onToggle }: { expanded: boolean; rowId: string; onToggle: () => void }) {
  const t = useTranslations("EventTable");
  return (
    <button
      type="button"
      className="expand-button"
      tabIndex={-1}
      aria-expanded={expanded}
      aria-controls={`event-detail-${rowId}`}
      aria-label={expanded ? t("hideDetails") : t("showDetails")}
      onClick={onToggle}
    >
      {expanded ? "▾" : "▸"}
    </button>
  );
}

export interface EventColumnMeta {
  /** `col-secondary`: left out on a phone, where the row's detail shows it. */
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

/** The address and platform an event carries, said to be the client's or the host's where its side is known. */
function DeviceLine({ row }: { row: EventListRow }) {
  const t = useTranslations("EventTable");
  const { ip, platform, perspective } = row;
  if (!ip && !platform) return null;
  const side = perspective === "host" ? t("hostSide") : perspective === "client" ? t("clientSide") : null;
  return (
    <span
      className="cell-sub"
      data-perspective={perspective ?? "unknown"}
      title={perspective === "host" ? t("hostSideTitle") : perspective === "client" ? t("clientSideTitle") : undefined}
    >
      {[side, ip, platform].filter(Boolean).join(" · ")}
    </span>
  );
}

/** The user, linking to their timeline on the explorer's time range (this week when it has none). */
function UserCell({ userId, email }: { userId: number; email: string | null }) {
  const window = windowOfRange(rangeOf(use(ExplorerViewContext).filters), useShownZone());
  return <UserLink userId={userId} email={email} window={window} />;
}

function ExitCodeCell({ code }: { code: number }) {
  const view = use(ExitCodeViewsContext)[code];
  return view ? <ExitCodeLabel view={view} /> : code;
}

/** The explorer's columns; the table keeps this one array for its whole life. Every column names its id: the chooser stores them. */
export const eventColumns = column.columns([
  column.display({
    id: "expand",
    enableHiding: false,
    meta: { className: "cell-expand" },
    header: () => (
      <span className="visually-hidden">
        <Heading id="expand" />
      </span>
    ),
    cell: ({ row }) => <ExpandButton expanded={row.getIsExpanded()} rowId={row.id} onToggle={() => row.toggleExpanded()} />,
  }),
  column.accessor("occurredAt", {
    id: "time",
    header: () => <SortHeader sort="time" column="time" />,
    enableHiding: false,
    meta: { className: "nowrap col-time", sort: "time" },
    cell: ({ row }) => <LocalTime iso={row.original.occurredAt} original={row.original.timestamp} />,
  }),
  column.accessor("name", {
    id: "name",
    header: () => <SortHeader sort="name" column="name" />,
    meta: { sort: "name" },
    cell: ({ row }) => (
      <>
        <code>{row.original.name}</code>
        {row.original.summary && <AdminSummaryLine summary={row.original.summary} />}
      </>
    ),
  }),
  column.accessor("userId", {
    id: "user",
    header: () => <SortHeader sort="user" column="user" />,
    meta: { sort: "user" },
    cell: ({ row }) => <UserCell userId={row.original.userId} email={row.original.userEmail} />,
  }),
  column.accessor("hostComputerName", {
    id: "host",
    header: () => <SortHeader sort="host" column="host" />,
    meta: { className: "nowrap", sort: "host" },
    cell: ({ row }) => (
      <>
        {row.original.hostComputerName}
        {row.original.perspective === "host" && <DeviceLine row={row.original} />}
      </>
    ),
  }),
  column.display({
    id: "client",
    header: () => <Heading id="client" short />,
    meta: { className: "col-secondary" },
    cell: ({ row }) => {
      // A host's event carries the host's address and platform: they are shown under the host.
      return (
        <>
          <span className="nowrap">{row.original.clientComputerName}</span>
          {row.original.perspective !== "host" && <DeviceLine row={row.original} />}
        </>
      );
    },
  }),
  column.accessor("exitCode", {
    id: "exit",
    header: () => <SortHeader sort="exit" column="exit" />,
    meta: { className: "nowrap col-secondary", sort: "exit" },
    cell: unlessNull((code: number) => <ExitCodeCell code={code} />),
  }),
  column.accessor("duration", {
    id: "duration",
    header: () => <Heading id="duration" />,
    meta: { className: "num col-secondary" },
    cell: unlessNull((seconds: number) => <Duration seconds={seconds} />),
  }),
  column.accessor("attemptId", {
    id: "attempt",
    header: () => <Heading id="attempt" />,
    meta: { className: "cell-attempt col-secondary" },
    cell: unlessNull((attempt: string) => <code title={attempt}>{attempt}</code>),
  }),
]);
