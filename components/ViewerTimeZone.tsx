"use client";

import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { rememberShownZone, setTimeDisplay, useShownZone, useTimeDisplay, useViewerTimeZone } from "./timeDisplay";

/** The zone every time on the page is shown in, and the switch between it and UTC. */
export function ViewerTimeZone() {
  const t = useTranslations("TimeZone");
  const zone = useViewerTimeZone();
  const utc = useTimeDisplay() === "utc";
  const shown = useShownZone();
  // On every page, so that the server renders the next one in this zone already.
  useEffect(() => void rememberShownZone(), [shown]);
  return (
    <span className="time-zone">
      <span data-testid="time-zone">{t("timesIn", { zone: shown })}</span>{" "}
      <button
        type="button"
        className="link-button"
        aria-pressed={utc}
        title={utc ? t("showZoneTitle", { zone }) : t("showUtcTitle")}
        onClick={() => setTimeDisplay(utc ? "local" : "utc")}
      >
        {utc ? t("showZone", { zone }) : t("showUtc")}
      </button>
    </span>
  );
}
