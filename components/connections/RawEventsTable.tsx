import { useTranslations } from "next-intl";
import type { StoredEventRow } from "@/lib/events/eventsOf";
import { ExitCode } from "../ExitCode";
import { Duration } from "../Duration";
import { LocalTime } from "../LocalTime";
import { UserLink } from "../UserLink";

/** Fields the table's other columns (or the page itself) already show. */
const SHOWN_ELSEWHERE = new Set(["attempt_id", "exit_code", "duration"]);

/** The rest of an event's `data` in one line, for a glance; the explorer shows it in full. */
function dataSummary(dataJson: string): string {
  const data = JSON.parse(dataJson) as Record<string, unknown> | null;
  const rest = Object.fromEntries(Object.entries(data ?? {}).filter(([key]) => !SHOWN_ELSEWHERE.has(key)));
  const text = JSON.stringify(rest);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** Stored events as they are (a connection's, or a user's admin actions): server-rendered, no browser code but the times. */
export function RawEventsTable({ rows, testId }: { rows: StoredEventRow[]; testId: string }) {
  const t = useTranslations("RawEvents");
  return (
    <div className="table-wrap">
      <table className="table table--events" data-testid={testId}>
        <thead>
          <tr>
            <th>{t("time")}</th>
            <th>{t("event")}</th>
            <th>{t("user")}</th>
            <th>{t("exitCode")}</th>
            <th className="num">{t("duration")}</th>
            <th>{t("data")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-event-id={row.id}>
              <td className="nowrap">
                <LocalTime iso={row.occurredAt} original={row.timestamp} />
              </td>
              <td>
                <code>{row.name}</code>
              </td>
              <td>
                <UserLink userId={row.userId} email={row.userEmail} />
              </td>
              <td className="nowrap">
                <ExitCode code={row.exitCode} />
              </td>
              <td className="num">{row.duration !== null && <Duration seconds={row.duration} />}</td>
              <td className="cell-data">
                <code>{dataSummary(row.data)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
