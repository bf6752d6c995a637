import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import type { TimelineWindow } from "@/lib/connections/timelineWindow";
import { TIMELINE_SPANS, type TimelineWindowParams } from "@/lib/explorerUrl/entityHref";
import { formatDayWithYear, formatMonth } from "@/lib/i18n/dateTime";

/** The window's name, previous / next, and day / week / month: plain links, so the URL says what is shown. */
export function TimelineNav({ window, hrefOf }: { window: TimelineWindow; hrefOf: (params: TimelineWindowParams) => string }) {
  const t = useTranslations("Timeline");
  const zone = useTranslations("TimeZone");
  const locale = useLocale();
  const name =
    window.span === "month"
      ? formatMonth(window.first.year, window.first.month, locale)
      : t("windowName", { span: window.span, day: formatDayWithYear(window.first, locale) });
  return (
    <nav className="timeline-nav" aria-label={t("timeWindow")}>
      <Link className="button" rel="prev" href={hrefOf({ span: window.span, date: window.previousDate })} prefetch={false} scroll={false}>
        {t("previous", { span: window.span })}
      </Link>
      <strong className="timeline-nav__label" data-testid="timeline-window">
        {name}
      </strong>
      <Link className="button" rel="next" href={hrefOf({ span: window.span, date: window.nextDate })} prefetch={false} scroll={false}>
        {t("next", { span: window.span })}
      </Link>
      <span className="segmented" role="group" aria-label={t("spanGroup")}>
        {TIMELINE_SPANS.map((span) => (
          <Link
            key={span}
            className="button button--small"
            aria-current={span === window.span ? "true" : undefined}
            href={hrefOf({ span, date: window.anchorDate })}
            prefetch={false}
            scroll={false}
            data-span={span}
          >
            {t("spanName", { span })}
          </Link>
        ))}
      </span>
      <span className="muted timeline-nav__zone">{zone("timesIn", { zone: window.timeZone })}</span>
    </nav>
  );
}
