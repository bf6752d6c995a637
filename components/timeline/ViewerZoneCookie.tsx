"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ZONE_COOKIE } from "@/lib/explorerUrl/zoneCookie";
import { useTimeDisplay, useViewerTimeZone } from "../timeDisplay";

/**
 * Tells the server which zone to lay the timeline out in (the viewer's, or UTC when the header's
 * switch says so), through a cookie, and re-renders the page once when that differs from the zone
 * the server used: a day must start at the viewer's midnight, not the server's.
 */
export function ViewerZoneCookie({ usedZone }: { usedZone: string }) {
  const router = useRouter();
  const display = useTimeDisplay();
  const zone = useViewerTimeZone();
  useEffect(() => {
    if (display === "server") return;
    const wanted = display === "utc" ? "UTC" : zone;
    document.cookie = `${ZONE_COOKIE}=${encodeURIComponent(wanted)}; path=/; max-age=31536000; samesite=lax`;
    if (wanted !== usedZone) router.refresh();
  }, [display, zone, usedZone, router]);
  return null;
}
