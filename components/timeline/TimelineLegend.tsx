import { useTranslations } from "next-intl";

/** What the timeline's colours and marks mean. */
export function TimelineLegend() {
  const t = useTranslations("Timeline");
  const status = useTranslations("ConnectionStatus");
  return (
    <p className="timeline-legend muted">
      <span className="timeline-legend__swatch timeline__bar--ended" aria-hidden /> {status("label", { status: "ended" })}
      <span className="timeline-legend__swatch timeline__bar--active" aria-hidden /> {status("label", { status: "active" })}
      <span className="timeline-legend__swatch timeline__bar--stale" aria-hidden /> {status("label", { status: "stale" })}
      <span className="timeline-legend__swatch timeline__bar--incomplete" aria-hidden /> {status("label", { status: "incomplete" })}
      <span className="timeline-legend__mark" aria-hidden /> {t("legendFailed")}
    </p>
  );
}
