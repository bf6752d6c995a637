import { isKnownTimeZone } from "./timelineWindow";

/** The zone a timeline is laid out in: the one the browser's cookie names, if this runtime knows it, else UTC. */
export function viewerZone(cookieValue: string | undefined): string {
  if (!cookieValue) return "UTC";
  let zone: string;
  try {
    zone = decodeURIComponent(cookieValue);
  } catch {
    return "UTC";
  }
  return zone.length <= 64 && isKnownTimeZone(zone) ? zone : "UTC";
}
