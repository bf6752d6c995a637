"use client";

import { useTimeDisplay } from "./timeDisplay";

const FORMAT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
};
const localFormat = new Intl.DateTimeFormat(undefined, FORMAT);
const utcFormat = new Intl.DateTimeFormat(undefined, { ...FORMAT, timeZone: "UTC" });

/**
 * A stored UTC instant shown in the viewer's time zone (or in UTC, as the header's switch says),
 * with the exact original on hover. The server renders UTC; the browser swaps in its choice.
 */
export function LocalTime({ iso, original }: { iso: string; original?: string }) {
  const display = useTimeDisplay();
  const date = new Date(iso);
  const text =
    display === "server"
      ? `${iso.slice(0, 19).replace("T", " ")} UTC`
      : display === "utc"
        ? `${utcFormat.format(date)} UTC`
        : localFormat.format(date);
  const title = display === "utc" ? `${original ?? iso} (UTC) · ${localFormat.format(date)} your time` : `${original ?? iso} (UTC)`;
  return (
    <time dateTime={iso} title={title}>
      {text}
    </time>
  );
}
