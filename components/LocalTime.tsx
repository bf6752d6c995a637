"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const localFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * A stored UTC instant shown in the viewer's time zone, with the exact UTC original on hover.
 * The server renders UTC (it cannot know the zone); the browser swaps in local time.
 */
export function LocalTime({ iso, original }: { iso: string; original?: string }) {
  const local = useSyncExternalStore(
    subscribe,
    () => localFormat.format(new Date(iso)),
    () => `${iso.slice(0, 19).replace("T", " ")} UTC`,
  );
  return (
    <time dateTime={iso} title={`${original ?? iso} (UTC)`}>
      {local}
    </time>
  );
}
