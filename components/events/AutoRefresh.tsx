"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { formatZonedClock } from "@/lib/i18n/zonedTime";
import { useShownZone, utcMark } from "../timeDisplay";

const INTERVAL_MS = 10_000;

/**
 * Off by default: when on, the page is fetched again every ten seconds (router.refresh: the same
 * URL, so the same filters), showing what the background sync stored meanwhile. Only the first
 * page newest first has new events to show, so elsewhere it says so instead.
 */
export function AutoRefresh({ available }: { available: boolean }) {
  const t = useTranslations("AutoRefresh");
  const router = useRouter();
  const [on, setOn] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [lastAt, setLastAt] = useState<number | null>(null);
  const zone = useShownZone();
  useEffect(() => {
    if (!on || !available) return;
    const timer = setInterval(() => {
      // Not while the tab is hidden: nobody is looking, and the database need not be asked.
      if (document.visibilityState !== "visible") return;
      startRefresh(() => router.refresh());
      setLastAt(Date.now());
    }, INTERVAL_MS);
    return () => clearInterval(timer);
  }, [on, available, router]);
  return (
    <span className="auto-refresh" data-testid="auto-refresh" data-state={on && available ? "on" : "off"}>
      <label className="inline-label">
        <input type="checkbox" checked={on} disabled={!available} onChange={(event) => setOn(event.target.checked)} />
        {t("label")}
      </label>
      {on && available && (
        <span className="auto-refresh__status muted" role="status" aria-busy={refreshing}>
          <span className="auto-refresh__dot" aria-hidden="true" /> {t("every", { seconds: INTERVAL_MS / 1000 })}
          {lastAt !== null && t("updated", { time: `${formatZonedClock(lastAt, zone)}${utcMark(zone)}` })}
        </span>
      )}
      {!available && <span className="muted">{t("firstPageOnly")}</span>}
    </span>
  );
}
