"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Fetches the page again every `seconds` while the tab is visible, so a destination's state stays current. */
export function RefreshEvery({ seconds, label }: { seconds: number; label: string }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return <span className="muted">{label}</span>;
}
