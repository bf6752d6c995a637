"use client";

import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { TimeRangeFilter } from "../events/TimeRangeFilter";

/**
 * The alert log's time range, the explorers' own (presets, calendar ranges, fields written as the
 * app writes times, in the viewer's zone), inside the log's plain GET form: the instants it picks
 * go in hidden fields and the form is sent at once, with the other filters as they are set.
 */
export function AlertLogTimeRange({ from, to }: { from: string | undefined; to: string | undefined }) {
  const [range, setRange] = useState({ from, to });
  const holder = useRef<HTMLDivElement>(null);
  return (
    <div
      ref={holder}
      className="alert-log__time"
      // Enter in a time field applies the range (TimeRangeFilter); the form's own submit on Enter
      // would go first, with the instants as they were.
      onKeyDown={(event) => {
        if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
      }}
    >
      <TimeRangeFilter
        from={from}
        to={to}
        onChange={(start, end) => {
          flushSync(() => setRange({ from: start, to: end }));
          holder.current?.closest("form")?.requestSubmit();
        }}
      />
      {range.from && <input type="hidden" name="from" value={range.from} />}
      {range.to && <input type="hidden" name="to" value={range.to} />}
    </div>
  );
}
