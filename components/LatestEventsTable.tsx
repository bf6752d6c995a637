import { useTranslations } from "next-intl";
import type { LatestEvent } from "@/lib/events/latestEvents";
import { ExitCode } from "./ExitCode";
import { Duration } from "./Duration";
import { LocalTime } from "./LocalTime";
import { UserLink } from "./UserLink";

/** The newest events on the overview; on a phone only their time, name, user and host (the explorer has the rest). */
export function LatestEventsTable({ events }: { events: LatestEvent[] }) {
  const t = useTranslations("LatestEvents");
  if (events.length === 0) {
    return <p className="empty">{t("none")}</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table table--keys" data-testid="latest-events">
        <thead>
          <tr>
            <th className="col-time">{t("time")}</th>
            <th>{t("event")}</th>
            <th>{t("user")}</th>
            <th>{t("host")}</th>
            <th className="col-secondary">{t("client")}</th>
            <th className="col-secondary" title={t("exitCodeTitle")}>
              {t("exitCode")}
            </th>
            <th className="num col-secondary">{t("duration")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap col-time">
                <LocalTime iso={new Date(event.timestamp).toISOString()} original={event.timestamp} />
              </td>
              <td>
                <code>{event.name}</code>
              </td>
              <td>
                <UserLink userId={event.userId} email={event.userEmail} />
              </td>
              <td className="nowrap">{event.hostComputerName ?? ""}</td>
              <td className="nowrap col-secondary">{event.clientComputerName ?? ""}</td>
              <td className="nowrap col-secondary">
                <ExitCode code={event.exitCode} />
              </td>
              <td className="num col-secondary">{event.duration !== null ? <Duration seconds={event.duration} /> : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
