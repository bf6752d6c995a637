import Link from "next/link";
import type { TimelineWindow } from "@/lib/connections/timelineWindow";
import { TIMELINE_SPANS, type TimelineWindowParams } from "@/lib/explorerUrl/entityHref";

/** The window's name, previous / next, and day / week / month: plain links, so the URL says what is shown. */
export function TimelineNav({ window, hrefOf }: { window: TimelineWindow; hrefOf: (params: TimelineWindowParams) => string }) {
  return (
    <nav className="timeline-nav" aria-label="Time window">
      <Link className="button" rel="prev" href={hrefOf({ span: window.span, date: window.previousDate })} prefetch={false} scroll={false}>
        ← Previous {window.span}
      </Link>
      <strong className="timeline-nav__label" data-testid="timeline-window">
        {window.label}
      </strong>
      <Link className="button" rel="next" href={hrefOf({ span: window.span, date: window.nextDate })} prefetch={false} scroll={false}>
        Next {window.span} →
      </Link>
      <span className="segmented" role="group" aria-label="Span">
        {TIMELINE_SPANS.map((span) => (
          <Link
            key={span}
            className="button button--small"
            aria-current={span === window.span ? "true" : undefined}
            href={hrefOf({ span, date: window.anchorDate })}
            prefetch={false}
            scroll={false}
          >
            {span[0]!.toUpperCase() + span.slice(1)}
          </Link>
        ))}
      </span>
      <span className="muted timeline-nav__zone">Times in {window.timeZone}</span>
    </nav>
  );
}
