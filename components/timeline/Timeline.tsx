import type { ReactNode } from "react";
import type { TimelineConnection } from "@/lib/connections/timelineConnections";
import { formatZonedTime, type TimelineWindow } from "@/lib/connections/timelineWindow";
import { connectionHref } from "@/lib/explorerUrl/entityHref";
import { formatSeconds } from "../formatSeconds";

export interface TimelineLane {
  key: string;
  label: ReactNode;
  connections: TimelineConnection[];
}

const percent = (value: number) => `${(Math.min(1, Math.max(0, value)) * 100).toFixed(3)}%`;

/** What hovering a bar says: when, how long, how it went, with whom. */
function describe(connection: TimelineConnection, window: TimelineWindow, counterpart: string): string {
  const zone = window.timeZone;
  const when =
    connection.status === "failed"
      ? formatZonedTime(connection.fromMs, zone)
      : `${formatZonedTime(connection.fromMs, zone)} – ${connection.status === "active" ? "now" : formatZonedTime(connection.toMs, zone)}`;
  const length = connection.durationSeconds !== null ? ` (${formatSeconds(connection.durationSeconds)})` : "";
  const exit = connection.completionExitCode;
  const verdict = connection.status === "failed" && exit ? `failed: ${exit.code}${exit.name ? ` ${exit.name}` : ""}` : connection.status;
  return `${counterpart}\n${when}${length}\n${verdict} · from ${connection.clientComputerName ?? "unknown client"}`;
}

/**
 * Connections as bars on lanes (one lane per host computer, or per user), laid out on the server
 * as plain HTML: no chart library, no browser code. A failed attempt is a red mark at its start.
 * Hovering shows the details (a native tooltip), and every bar is a link to the connection: a
 * plain <a>, not next/link, so that a month of a busy user's connections (1,500 bars) is not as
 * many client components for the browser to hydrate.
 */
export function Timeline({
  window,
  lanes,
  counterpartOf,
  nowMs,
}: {
  window: TimelineWindow;
  lanes: TimelineLane[];
  counterpartOf: (connection: TimelineConnection) => string;
  nowMs: number;
}) {
  const spanMs = window.endMs - window.startMs;
  const at = (ms: number) => (ms - window.startMs) / spanMs;
  const grid = window.ticks.map((tick) => (
    <span key={tick.atMs} className={`timeline__grid${tick.major ? " timeline__grid--major" : ""}`} style={{ left: percent(at(tick.atMs)) }} aria-hidden />
  ));
  const nowLine = nowMs >= window.startMs && nowMs < window.endMs && <span className="timeline__now" style={{ left: percent(at(nowMs)) }} title="now" aria-hidden />;
  return (
    <div className="timeline" data-testid="timeline" data-span={window.span}>
      <div className="timeline__row timeline__row--axis" aria-hidden>
        <span className="timeline__label" />
        <div className="timeline__track timeline__track--axis">
          {window.ticks.map((tick) => (
            <span key={tick.atMs} className="timeline__tick" style={{ left: percent(at(tick.atMs)) }}>
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      {lanes.map((lane) => (
        <div key={lane.key} className="timeline__row" role="group" aria-label={`${lane.key}: ${lane.connections.length} connections`} data-lane={lane.key}>
          <span className="timeline__label">{lane.label}</span>
          <div className="timeline__track">
            {grid}
            {nowLine}
            {lane.connections.map((connection) => {
              const text = describe(connection, window, counterpartOf(connection));
              const failed = connection.status === "failed";
              const left = at(connection.fromMs);
              return (
                <a
                  key={connection.attemptId}
                  href={connectionHref(connection.attemptId)}
                  className={failed ? "timeline__mark" : `timeline__bar timeline__bar--${connection.status}`}
                  style={failed ? { left: percent(left) } : { left: percent(left), width: percent(at(connection.toMs) - Math.max(0, left)) }}
                  title={text}
                  data-attempt-id={connection.attemptId}
                  data-status={connection.status}
                />
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
