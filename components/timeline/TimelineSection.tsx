import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { timelineBars } from "@/lib/connections/timelineBars";
import type { TimelineConnection, TimelineTotals } from "@/lib/connections/timelineConnections";
import type { TimelineWindow } from "@/lib/connections/timelineWindow";
import type { TimelineWindowParams } from "@/lib/explorerUrl/entityHref";
import { exitCodeView } from "@/lib/parsec/exitCodeView";
import { Timeline } from "./Timeline";
import { TimelineLegend } from "./TimelineLegend";
import { TimelineNav } from "./TimelineNav";
import { TimelineTotalsCards } from "./TimelineTotalsCards";
import { ViewerZoneCookie } from "./ViewerZoneCookie";

/** One lane of the timeline: its name (the counterpart: a host, or a user), how it is shown, its connections. */
export interface TimelineLane {
  key: string;
  label: ReactNode;
  connections: TimelineConnection[];
}

const codeName = (code: number) => exitCodeView(code)?.name ?? "";

/** The window's navigation, totals and lanes: what a user's and a host's page share. */
export function TimelineSection({
  window,
  lanes,
  totals,
  laneTitle,
  counterparts,
  hrefOf,
  nowMs,
}: {
  window: TimelineWindow;
  lanes: TimelineLane[];
  totals: TimelineTotals;
  laneTitle: string;
  counterparts: string;
  hrefOf: (params: TimelineWindowParams) => string;
  nowMs: number;
}) {
  const t = useTranslations("Timeline");
  return (
    <>
      <ViewerZoneCookie usedZone={window.timeZone} />
      <TimelineNav window={window} hrefOf={hrefOf} />
      <TimelineTotalsCards totals={totals} counterparts={counterparts} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{laneTitle}</h2>
        {lanes.length === 0 ? (
          <p className="empty" data-testid="timeline-empty">
            {t("empty", { span: window.span })}
          </p>
        ) : (
          <>
            <Timeline
              frame={{ span: window.span, timeZone: window.timeZone, startMs: window.startMs, endMs: window.endMs, ticks: window.ticks }}
              lanes={lanes.map(({ key, label }) => ({ key, label }))}
              bars={timelineBars(lanes, window.startMs, codeName)}
              nowMs={nowMs}
            />
            <TimelineLegend />
          </>
        )}
      </section>
    </>
  );
}
