"use client";

import { useMemo, useRef, useState, type PointerEvent } from "react";
import type { EventHistogram } from "@/lib/events/eventHistogram";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { formatInstant } from "@/lib/i18n/dateTime";
import type { Locale } from "@/lib/i18n/locales";
import { useShownZone, utcMark } from "@/components/timeDisplay";
import { useExplorerNavigation, type ExplorerView } from "./useExplorerNavigation";

const HEIGHT = 80;

/**
 * Matching events over time, one bar per bucket. Dragging across it (or clicking a bar) narrows
 * the time range to what was covered: `from`/`to` in the URL, like any other filter.
 * Plain SVG rather than Recharts: Recharts' bar chart is about 118 KB of gzipped JavaScript, more
 * than the room this page's 200 KB budget leaves, for what is a row of rectangles.
 */
export function EventHistogramChart({ histogram, view }: { histogram: EventHistogram; view: ExplorerView }) {
  const { setFilters, pending } = useExplorerNavigation(view);
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const zone = useShownZone();
  const t = useTranslations("Histogram");
  const locale = useLocale();
  const { number } = useFormatter();
  const { buckets, stepMs } = histogram;
  const max = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const width = buckets.length;

  /** The bucket index under the pointer. */
  const bucketAt = (event: PointerEvent<SVGSVGElement>) => {
    const box = svgRef.current!.getBoundingClientRect();
    return Math.min(width - 1, Math.max(0, Math.floor(((event.clientX - box.left) / box.width) * width)));
  };
  const narrow = (a: number, b: number) => {
    const [first, last] = a <= b ? [a, b] : [b, a];
    setFilters({
      from: [new Date(buckets[first]!.start).toISOString()],
      // The last millisecond of the last bucket: `to` is inclusive.
      to: [new Date(buckets[last]!.start + stepMs - 1).toISOString()],
    });
  };

  const format = instantFormat(stepMs, zone, locale);
  const qualifier = countQualifier(histogram);
  const step = t("step", stepOf(stepMs));
  // Two labels per bar, written once per histogram and zone rather than on every pointer move of a drag.
  const titles = useMemo(() => {
    const label = instantFormat(histogram.stepMs, zone, locale);
    const how = countQualifier(histogram);
    return histogram.buckets.map((bucket) =>
      t("bar", { from: label(bucket.start), to: label(bucket.start + histogram.stepMs), qualifier: how, count: number(bucket.count) }),
    );
  }, [histogram, zone, locale, t, number]);
  const selected = drag && { first: Math.min(drag.from, drag.to), last: Math.max(drag.from, drag.to) };
  return (
    <figure className="histogram" data-testid="histogram" aria-busy={pending}>
      <svg
        ref={svgRef}
        className="histogram__chart"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t("ariaLabel", { step })}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          const at = bucketAt(event);
          setDrag({ from: at, to: at });
        }}
        onPointerMove={(event) => drag && setDrag({ ...drag, to: bucketAt(event) })}
        onPointerUp={() => {
          if (drag) narrow(drag.from, drag.to);
          setDrag(null);
        }}
        onPointerCancel={() => setDrag(null)}
      >
        {selected && <rect className="histogram__selection" x={selected.first} y={0} width={selected.last - selected.first + 1} height={HEIGHT} />}
        {buckets.map((bucket, i) => {
          const height = bucket.count === 0 ? 0 : Math.max(1, (bucket.count / max) * (HEIGHT - 2));
          return (
            <rect key={bucket.start} className="histogram__bar" x={i + 0.1} y={HEIGHT - height} width={0.8} height={height}>
              <title>{titles[i]}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="histogram__axis muted">
        <span>{format(histogram.start)}</span>
        <span>{t("axis", { qualifier, max: number(max), step })}</span>
        <span>{format(histogram.end)}</span>
      </figcaption>
    </figure>
  );
}

/** A bucket's length as a count of the largest unit that divides it, for the "step" message. */
function stepOf(stepMs: number): { count: number; unit: string } {
  const units: [number, string][] = [
    [365 * 86_400_000, "year"],
    [30 * 86_400_000, "days30"],
    [7 * 86_400_000, "week"],
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1_000, "second"],
  ];
  for (const [ms, unit] of units) {
    if (stepMs % ms === 0) return { count: stepMs / ms, unit };
  }
  return { count: stepMs, unit: "ms" };
}

/** Counts that are not exact say what they are (see EventHistogram.exact). */
function countQualifier(histogram: EventHistogram): "exact" | "about" | "atMost" {
  return histogram.exact ? "exact" : histogram.estimated ? "about" : "atMost";
}

/** An axis label: the date for day-sized buckets, the time to the minute or second below that. */
function instantFormat(stepMs: number, zone: string, locale: Locale): (ms: number) => string {
  const precision = stepMs >= 86_400_000 ? "day" : stepMs < 60_000 ? "second" : "minute";
  return (ms) => formatInstant(ms, zone, locale, precision) + utcMark(zone);
}
