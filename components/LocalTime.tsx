"use client";

import { formatZonedInstant } from "@/lib/connections/zonedTime";
import { useShownZone, useViewerTimeZone, utcMark } from "./timeDisplay";

/**
 * A stored UTC instant shown in the viewer's time zone (or in UTC, as the header's switch says),
 * with the exact original on hover. The server renders it in the zone the viewer's cookie names
 * (UTC without one), and the browser's first render does the same (see RenderedZoneContext).
 */
export function LocalTime({ iso, original }: { iso: string; original?: string }) {
  const zone = useShownZone();
  const viewerZone = useViewerTimeZone();
  const ms = Date.parse(iso);
  const text = `${formatZonedInstant(ms, zone)}${utcMark(zone)}`;
  const yourTime = zone === "UTC" && viewerZone !== "UTC" ? ` · ${formatZonedInstant(ms, viewerZone)} your time` : "";
  return (
    <time dateTime={iso} title={`${original ?? iso} (UTC)${yourTime}`}>
      {text}
    </time>
  );
}
