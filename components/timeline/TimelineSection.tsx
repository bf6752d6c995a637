import type { TimelineConnection, TimelineTotals } from "@/lib/connections/timelineConnections";
import type { TimelineWindow } from "@/lib/connections/timelineWindow";
import type { TimelineWindowParams } from "@/lib/explorerUrl/entityHref";
import { Timeline, type TimelineLane } from "./Timeline";
import { TimelineLegend } from "./TimelineLegend";
import { TimelineNav } from "./TimelineNav";
import { TimelineTotalsCards } from "./TimelineTotalsCards";
import { ViewerZoneCookie } from "./ViewerZoneCookie";

/** The window's navigation, totals and lanes: what a user's and a host's page share. */
export function TimelineSection({
  window,
  lanes,
  totals,
  laneTitle,
  counterparts,
  counterpartOf,
  hrefOf,
  nowMs,
}: {
  window: TimelineWindow;
  lanes: TimelineLane[];
  totals: TimelineTotals;
  laneTitle: string;
  counterparts: string;
  counterpartOf: (connection: TimelineConnection) => string;
  hrefOf: (params: TimelineWindowParams) => string;
  nowMs: number;
}) {
  return (
    <>
      <ViewerZoneCookie usedZone={window.timeZone} />
      <TimelineNav window={window} hrefOf={hrefOf} />
      <TimelineTotalsCards totals={totals} counterparts={counterparts} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{laneTitle}</h2>
        {lanes.length === 0 ? (
          <p className="empty" data-testid="timeline-empty">
            No connections in this {window.span}. Try the previous {window.span}, or a longer span.
          </p>
        ) : (
          <>
            <Timeline window={window} lanes={lanes} counterpartOf={counterpartOf} nowMs={nowMs} />
            <TimelineLegend />
          </>
        )}
      </section>
    </>
  );
}
