"use client";

import { setTimeDisplay, useTimeDisplay, useViewerTimeZone } from "./timeDisplay";

/** The zone every time on the page is shown in, and the switch between it and UTC. */
export function ViewerTimeZone() {
  const zone = useViewerTimeZone();
  const display = useTimeDisplay();
  const utc = display === "utc";
  return (
    <span className="time-zone">
      <span data-testid="time-zone">Times in {utc || display === "server" ? "UTC" : zone}</span>{" "}
      <button
        type="button"
        className="link-button"
        aria-pressed={utc}
        title={utc ? `Show times in your time zone (${zone})` : "Show times in UTC"}
        onClick={() => setTimeDisplay(utc ? "local" : "utc")}
      >
        {utc ? `show ${zone}` : "show UTC"}
      </button>
    </span>
  );
}
