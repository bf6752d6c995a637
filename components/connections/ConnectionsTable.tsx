import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ConnectionListRow } from "@/lib/connections/connectionRow";
import { connectionHref } from "@/lib/explorerUrl/entityHref";
import { explorerHref } from "@/lib/explorerUrl/explorerHref";
import { rangeOf, windowOfRange } from "@/lib/explorerUrl/timelineLinks";
import { ExitCode } from "../ExitCode";
import { Duration } from "../Duration";
import { HostLink } from "../HostLink";
import { LocalTime } from "../LocalTime";
import { UserLink } from "../UserLink";
import type { ConnectionSort } from "@/lib/explorerUrl/explorerParams";
import { ConnectionSortHeader, connectionSortState, type ConnectionsView } from "./ConnectionSortHeader";
import { ConnectionStatusBadge } from "./ConnectionStatusBadge";

/**
 * One page of connections, rendered on the server: a plain table needs no browser code beyond
 * the times (shown in the viewer's zone). A connection's start opens its detail (on a phone, all
 * the table keeps of a row is its start, user, host and status); the attempt id opens its raw
 * events in the explorer. The headings of the sortable columns sort the table.
 */
export function ConnectionsTable({ rows, view, zone }: { rows: ConnectionListRow[]; view: ConnectionsView; zone: string }) {
  const t = useTranslations("Connections");
  // A table narrowed to a time range opens timelines on it.
  const window = windowOfRange(rangeOf(view.filters), zone);
  const heading = (sort: ConnectionSort, label: string) => <ConnectionSortHeader view={view} sort={sort} label={label} />;
  return (
    <div className="table-wrap">
      <table className="table table--events table--connections table--keys" data-testid="connections-table">
        <thead>
          <tr>
            <th className="col-time" aria-sort={connectionSortState(view, "start")}>
              {heading("start", t("started"))}
            </th>
            <th aria-sort={connectionSortState(view, "user")}>{heading("user", t("user"))}</th>
            <th aria-sort={connectionSortState(view, "host")}>{heading("host", t("host"))}</th>
            <th className="col-secondary">{t("client")}</th>
            <th aria-sort={connectionSortState(view, "status")}>{heading("status", t("status"))}</th>
            <th className="col-secondary" title={t("exitCodeTitle")} aria-sort={connectionSortState(view, "exit")}>
              {heading("exit", t("exitCode"))}
            </th>
            <th className="num col-secondary" aria-sort={connectionSortState(view, "duration")}>
              {heading("duration", t("duration"))}
            </th>
            <th className="col-secondary" title={t("disconnectTitle")}>
              {t("disconnect")}
            </th>
            <th className="col-secondary">{t("attempt")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.attemptId} data-attempt-id={row.attemptId} data-status={row.status}>
              <td className="nowrap col-time">
                <Link href={connectionHref(row.attemptId)} prefetch={false} title={t("openConnection")}>
                  <LocalTime iso={row.startedAt} />
                </Link>
              </td>
              <td>
                {row.clientUserId === null ? (
                  <span className="muted">{t("unknownUser")}</span>
                ) : (
                  <UserLink userId={row.clientUserId} email={row.clientEmail} window={window} />
                )}
              </td>
              <td className="nowrap">
                {row.hostComputerName && <HostLink name={row.hostComputerName} window={window} />}
                {row.hostIsShared && <span className="cell-sub">{t("shared")}</span>}
              </td>
              <td className="col-secondary">
                <span className="nowrap">{row.clientComputerName}</span>
                {(row.clientIp || row.clientPlatform) && <span className="cell-sub">{[row.clientIp, row.clientPlatform].filter(Boolean).join(" · ")}</span>}
              </td>
              <td>
                <ConnectionStatusBadge status={row.status} />
              </td>
              <td className="nowrap col-secondary">
                <ExitCode code={row.completionExitCode?.code} />
              </td>
              <td className="num col-secondary" data-seconds={row.durationSeconds ?? undefined}>
                {row.durationSeconds !== null && <Duration seconds={row.durationSeconds} />}
              </td>
              <td className="nowrap col-secondary">
                <ExitCode code={row.disconnectExitCode?.code} />
              </td>
              <td className="cell-attempt col-secondary">
                <Link href={explorerHref({ attempt: [row.attemptId] })} prefetch={false} title={t("attemptEvents", { attempt: row.attemptId })}>
                  <code>{row.attemptId}</code>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
