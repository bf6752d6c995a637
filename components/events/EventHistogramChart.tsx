"use client";

import { useMemo, useRef, useState, type PointerEvent } from "react";
import type { EventHistogram } from "@/lib/events/eventHistogram";
import { formatZonedInstant } from "@/lib/connections/zonedTime";
import { useShownZone, utcMark } from "@/components/timeDisplay";
import { useExplorerNavigation, type ExplorerView } from "./useExplorerNavigation";

const number = new Intl.NumberFormat("en");
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

  const format = instantFormat(stepMs, zone);
  const qualifier = countQualifier(histogram);
  // Two labels per bar, written once per histogram and zone rather than on every pointer move of a drag.
  const titles = useMemo(() => {
    const label = instantFormat(histogram.stepMs, zone);
    const how = countQualifier(histogram);
    return histogram.buckets.map((bucket) => `${label(bucket.start)} – ${label(bucket.start + histogram.stepMs)}: ${how}${number.format(bucket.count)}`);
  }, [histogram, zone]);
  const selected = drag && { first: Math.min(drag.from, drag.to), last: Math.max(drag.from, drag.to) };
  return (
    <figure className="histogram" data-testid="histogram" aria-busy={pending}>
      <svg
        ref={svgRef}
        className="histogram__chart"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Matching events per ${describeStep(stepMs)}; drag across the bars to narrow the time range`}
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
        <span>
          {qualifier}
          {number.format(max)} per {describeStep(stepMs)} at the highest · drag to zoom
        </span>
        <span>{format(histogram.end)}</span>
      </figcaption>
    </figure>
  );
}

function describeStep(stepMs: number): string {
  const units: [number, string][] = [
    [365 * 86_400_000, "year"],
    [30 * 86_400_000, "30 days"],
    [7 * 86_400_000, "week"],
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1_000, "second"],
  ];
  for (const [ms, name] of units) {
    if (stepMs % ms === 0) return stepMs === ms ? name : `${stepMs / ms} ${name}s`;
  }
  return `${stepMs} ms`;
}

/** Counts that are not exact say what they are (see EventHistogram.exact). */
function countQualifier(histogram: EventHistogram): string {
  return histogram.exact ? "" : histogram.estimated ? "about " : "at most ";
}

/** An axis label: the date for day-sized buckets, the time to the minute or second below that. */
function instantFormat(stepMs: number, zone: string): (ms: number) => string {
  const precision = stepMs >= 86_400_000 ? "day" : stepMs < 60_000 ? "second" : "minute";
  return (ms) => formatZonedInstant(ms, zone, precision) + utcMark(zone);
}
