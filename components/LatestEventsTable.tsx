import type { LatestEvent } from "@/lib/events/latestEvents";
import { ExitCode } from "./ExitCode";
import { formatSeconds } from "./formatSeconds";
import { LocalTime } from "./LocalTime";
import { UserLink } from "./UserLink";

export function LatestEventsTable({ events }: { events: LatestEvent[] }) {
  if (events.length === 0) {
    return <p className="empty">No events stored yet. The first sync starts with the server; this page shows its progress.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="latest-events">
        <thead>
          <tr>
            <th>Time</th>
            <th>Event</th>
            <th>User</th>
            <th>Host computer</th>
            <th>Client computer</th>
            <th title="Hover a code for its meaning and the usual fix">Exit code</th>
            <th className="num">Duration</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">
                <LocalTime iso={new Date(event.timestamp).toISOString()} original={event.timestamp} />
              </td>
              <td>
                <code>{event.name}</code>
              </td>
              <td>
                <UserLink userId={event.userId} email={event.userEmail} />
              </td>
              <td className="nowrap">{event.hostComputerName ?? ""}</td>
              <td className="nowrap">{event.clientComputerName ?? ""}</td>
              <td className="nowrap">
                <ExitCode code={event.exitCode} />
              </td>
              <td className="num">{event.duration !== null ? formatSeconds(event.duration) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
