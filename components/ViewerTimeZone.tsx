"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** The zone every time on the page is shown in: the browser's own. */
export function ViewerTimeZone() {
  const zone = useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => "UTC",
  );
  return (
    <span className="time-zone" title="Times are shown in your browser's time zone; hover a time to see it in UTC.">
      Times in {zone}
    </span>
  );
}
