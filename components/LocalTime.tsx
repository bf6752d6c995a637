"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatInstant } from "@/lib/i18n/dateTime";
import { useShownZone, useViewerTimeZone, utcMark } from "./timeDisplay";

/**
 * A stored UTC instant shown in the viewer's time zone (or in UTC, as the header's switch says),
 * with the exact original on hover, written the reader's language's way. The server renders it in
 * the zone the viewer's cookie names (UTC without one), and the browser's first render does the
 * same (see RenderedZoneContext).
 */
export function LocalTime({ iso, original }: { iso: string; original?: string }) {
  const t = useTranslations("Time");
  const locale = useLocale();
  const zone = useShownZone();
  const viewerZone = useViewerTimeZone();
  const ms = Date.parse(iso);
  const text = `${formatInstant(ms, zone, locale)}${utcMark(zone)}`;
  const exact = t("original", { original: original ?? iso });
  const yourTime = zone === "UTC" && viewerZone !== "UTC" ? ` · ${t("yourTime", { time: formatInstant(ms, viewerZone, locale) })}` : "";
  return (
    <time dateTime={iso} title={`${exact}${yourTime}`}>
      {text}
    </time>
  );
}
