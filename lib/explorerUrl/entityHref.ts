/**
 * Links to the pages of one user, one host computer and one connection. Computer names are
 * free text (Japanese, spaces, emoji, "/" or "%"), so each is one encoded path segment.
 */

export const USERS_PATH = "/users";
export const HOSTS_PATH = "/hosts";
export const CONNECTION_PATH = "/connections";

/** The span a timeline shows: a day, a week (Monday first) or a month, in the viewer's zone. */
export const TIMELINE_SPANS = ["day", "week", "month"] as const;
export type TimelineSpan = (typeof TIMELINE_SPANS)[number];

/** Which span, and the day (YYYY-MM-DD, in the viewer's zone) it contains; absent: the span holding today. */
export interface TimelineWindowParams {
  span?: TimelineSpan;
  date?: string;
}

function timelineQuery(window: TimelineWindowParams): string {
  const params = new URLSearchParams();
  if (window.span) params.set("span", window.span);
  if (window.date) params.set("date", window.date);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function userHref(userId: number, window: TimelineWindowParams = {}): string {
  return `${USERS_PATH}/${encodeURIComponent(String(userId))}${timelineQuery(window)}`;
}

export function hostHref(hostName: string, window: TimelineWindowParams = {}): string {
  return `${HOSTS_PATH}/${encodeURIComponent(hostName)}${timelineQuery(window)}`;
}

export function connectionHref(attemptId: string): string {
  return `${CONNECTION_PATH}/${encodeURIComponent(attemptId)}`;
}

/** A dynamic route's path segment as it was meant (Next.js hands it over still percent-encoded); null when it is not valid encoding. */
export function decodePathSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** True when a segment of the path is not valid percent-encoding ("%E0%A4%A"): no route can read it. */
export function hasBrokenPercentEncoding(pathname: string): boolean {
  return pathname.split("/").some((segment) => decodePathSegment(segment) === null);
}
