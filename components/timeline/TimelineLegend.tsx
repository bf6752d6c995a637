/** What the timeline's colours and marks mean. */
export function TimelineLegend() {
  return (
    <p className="timeline-legend muted">
      <span className="timeline-legend__swatch timeline__bar--ended" aria-hidden /> ended
      <span className="timeline-legend__swatch timeline__bar--active" aria-hidden /> active
      <span className="timeline-legend__swatch timeline__bar--incomplete" aria-hidden /> incomplete
      <span className="timeline-legend__mark" aria-hidden /> failed attempt · hover a bar for details, click it to open the connection
    </p>
  );
}
