import { cookies } from "next/headers";
import { connection } from "next/server";
import { timelinePageData } from "@/lib/connections/timelinePage";
import type { TimelineSubject } from "@/lib/connections/timelineConnections";
import { ZONE_COOKIE } from "@/lib/explorerUrl/zoneCookie";

/**
 * What a user's and a host's page both start from: the time they render at and `timelinePageData`
 * for the window their URL and the browser's zone cookie ask for.
 */
export async function timelinePageContext(subject: TimelineSubject, searchParams: Promise<Record<string, string | string[] | undefined>>) {
  await connection(); // rendered per request: connections change as the sync runs
  const nowMs = Date.now();
  return { nowMs, ...(await timelinePageData(subject, await searchParams, (await cookies()).get(ZONE_COOKIE)?.value, nowMs)) };
}
