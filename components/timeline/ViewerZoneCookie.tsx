"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { rememberShownZone, useShownZone } from "../timeDisplay";

/**
 * Re-renders the page once when the zone times are shown in (the viewer's, or UTC when the
 * header's switch says so) differs from the zone the server laid the timeline out in: a day must
 * start at the viewer's midnight, not the server's. The cookie tells the server that zone.
 */
export function ViewerZoneCookie({ usedZone }: { usedZone: string }) {
  const router = useRouter();
  const shown = useShownZone();
  // Hydration runs this effect twice (the server's zone, then the browser's): one refresh per zone.
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    const zone = rememberShownZone();
    if (zone !== usedZone && refreshedFor.current !== zone) {
      refreshedFor.current = zone;
      router.refresh();
    }
  }, [shown, usedZone, router]);
  return null;
}
