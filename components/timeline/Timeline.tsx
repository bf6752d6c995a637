"use client";

import { useInBrowser } from "../useInBrowser";
import { type FocusEvent, type PointerEvent, type ReactNode } from "react";
import { STATUS_OF_LETTER, type TimelineBars } from "@/lib/connections/timelineBars";
import type { TimelineTick } from "@/lib/connections/timelineWindow";
import { connectionHref } from "@/lib/explorerUrl/entityHref";
import { useLocale, useTranslations } from "next-intl";
import { formatDayLabel, formatDayTime, formatSeconds } from "@/lib/i18n/dateTime";

export interface TimelineLaneLabel {
  key: string;
  label: ReactNode;
}

/** What the timeline needs of its window (lib/connections/timelineWindow TimelineWindow). */
export interface TimelineFrame {
  span: string;
  timeZone: string;
  startMs: number;
  endMs: number;
  ticks: TimelineTick[];
}

/** Nothing changes where the page runs: the server renders no bars, the browser all of them. */

const percent = (value: number) => `${(Math.min(1, Math.max(0, value)) * 100).toFixed(3)}%`;

/**
 * Connections as bars on lanes (one lane per host computer, or per user), from compact columns
 * (lib/connections/timelineBars): a failed attempt is a red mark at its start, every bar a link to
 * its connection. The server renders the lanes, their names and the grid; the bars are drawn in
 * the browser, as the charts of /insights are: a month of a busy user is 1,500 of them, and
 * rendering them into the HTML as well took the server longer than all of the page's queries
 * (and tripled the page). The grid lines are drawn once behind all lanes, and a bar's details
 * (when, how long, how it went, from which client) are written into its tooltip when the pointer
 * or the focus reaches it.
 */
export function Timeline({ frame, lanes, bars, nowMs }: { frame: TimelineFrame; lanes: TimelineLaneLabel[]; bars: TimelineBars; nowMs: number }) {
  const inBrowser = useInBrowser();
  const locale = useLocale();
  const t = useTranslations("TimelineBars");
  const statusLabel = useTranslations("ConnectionStatus");
  const dayTime = (ms: number) => formatDayTime(ms, frame.timeZone, locale);
  const tickLabel = ({ at }: TimelineTick) =>
    "hour" in at ? `${String(at.hour).padStart(2, "0")}:00` : frame.span === "week" ? formatDayLabel(at.date, locale) : String(at.date.day);
  const spanMs = frame.endMs - frame.startMs;
  const at = (ms: number) => (ms - frame.startMs) / spanMs;
  const atSeconds = (seconds: number) => (seconds * 1000) / spanMs;

  /** The hover text of bar `index` of lane `laneIndex`. */
  const describe = (laneIndex: number, index: number): string => {
    const lane = bars.lanes[laneIndex]!;
    const status = STATUS_OF_LETTER[lane.statuses[index]!] ?? "incomplete";
    const time = (seconds: number) => dayTime(frame.startMs + seconds * 1000);
    const when = status === "failed" ? time(lane.from[index]!) : `${time(lane.from[index]!)} – ${status === "active" ? t("now") : time(lane.to[index]!)}`;
    const duration = lane.durations[index];
    const length = duration !== null && duration !== undefined ? ` (${formatSeconds(duration, locale)})` : "";
    const code = lane.codes[index];
    const name = code === null || code === undefined ? "" : bars.codeNames[code];
    const verdict =
      status === "failed" && code !== null && code !== undefined
        ? t("failedWith", { code: `${code}${name ? ` ${name}` : ""}` })
        : statusLabel("label", { status });
    const client = bars.clients[lane.clients[index]!];
    return `${lanes[laneIndex]!.key}\n${when}${length}\n${verdict} · ${client === undefined ? t("unknownClient") : t("fromClient", { client })}`;
  };

  /** Writes the details into the bar's title as the pointer or the focus reaches it (one handler for every bar). */
  const showDetails = (event: PointerEvent<HTMLDivElement> | FocusEvent<HTMLDivElement>) => {
    const bar = (event.target as Element).closest?.("a.timeline__bar, a.timeline__mark");
    const track = bar?.parentElement;
    const laneIndex = Number(track?.getAttribute("data-lane-index"));
    if (!bar || !track || !Number.isInteger(laneIndex)) return;
    bar.setAttribute("title", describe(laneIndex, Array.prototype.indexOf.call(track.children, bar)));
  };

  return (
    <div className="timeline" data-testid="timeline" data-span={frame.span} onPointerOver={showDetails} onFocus={showDetails}>
      <div className="timeline__row timeline__row--axis" style={{ gridRow: 1 }} aria-hidden>
        <span className="timeline__label" />
        <div className="timeline__track timeline__track--axis">
          {frame.ticks.map((tick) => (
            <span key={tick.atMs} className="timeline__tick" style={{ left: percent(at(tick.atMs)) }}>
              {tickLabel(tick)}
            </span>
          ))}
        </div>
      </div>
      <div className="timeline__grid-layer" style={{ gridRow: `2 / span ${Math.max(1, lanes.length)}` }} aria-hidden>
        {frame.ticks.map((tick) => (
          <span key={tick.atMs} className={`timeline__grid${tick.major ? " timeline__grid--major" : ""}`} style={{ left: percent(at(tick.atMs)) }} />
        ))}
        {nowMs >= frame.startMs && nowMs < frame.endMs && <span className="timeline__now" style={{ left: percent(at(nowMs)) }} title={t("now")} />}
      </div>
      {lanes.map((lane, laneIndex) => {
        const laneBars = bars.lanes[laneIndex]!;
        return (
          <div
            key={lane.key}
            className="timeline__row"
            style={{ gridRow: laneIndex + 2 }}
            role="group"
            aria-label={t("laneLabel", { lane: lane.key, count: laneBars.attemptIds.length })}
            data-lane={lane.key}
          >
            <span className="timeline__label">{lane.label}</span>
            <div className="timeline__track" data-lane-index={laneIndex}>
              {inBrowser &&
                laneBars.attemptIds.map((attemptId, i) => {
                  const status = STATUS_OF_LETTER[laneBars.statuses[i]!] ?? "incomplete";
                  const left = atSeconds(laneBars.from[i]!);
                  const failed = status === "failed";
                  return (
                    <a
                      key={attemptId}
                      href={connectionHref(attemptId)}
                      className={failed ? "timeline__mark" : `timeline__bar timeline__bar--${status}`}
                      style={failed ? { left: percent(left) } : { left: percent(left), width: percent(atSeconds(laneBars.to[i]!) - Math.max(0, left)) }}
                      aria-label={`${dayTime(frame.startMs + laneBars.from[i]! * 1000)} ${statusLabel("label", { status })}`}
                    />
                  );
                })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
