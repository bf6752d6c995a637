"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import { ZONE_COOKIE } from "@/lib/explorerUrl/zoneCookie";

/**
 * Whether times are shown in the viewer's own zone (the default) or in UTC: one choice for the
 * whole app, remembered by the browser and followed by every open tab.
 */
export type TimeDisplay = "local" | "utc";

const STORAGE_KEY = "parsec-viewer:time-display";
const CHANGE_EVENT = "parsec-viewer:time-display-change";

/**
 * The zone the server rendered this page's times in: the one the viewer's cookie names (see
 * rememberShownZone), else UTC. The browser's first render (hydration) uses it too, so that both
 * write the same text; the browser then switches to its own choice, which is the same zone
 * whenever the cookie was up to date.
 */
export const RenderedZoneContext = createContext("UTC");

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function readTimeDisplay(): TimeDisplay {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "utc" ? "utc" : "local";
  } catch {
    return "local"; // storage can be refused (private mode, policies): the default still works
  }
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function setTimeDisplay(display: TimeDisplay): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, display);
  } catch {
    // not remembered, but this page still switches
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** The viewer's choice; while hydrating, the one the server's rendered zone stands for. */
export function useTimeDisplay(): TimeDisplay {
  const rendered = useContext(RenderedZoneContext);
  return useSyncExternalStore(subscribe, readTimeDisplay, () => (rendered === "UTC" ? "utc" : "local"));
}

/** The browser's own zone; while hydrating, the zone the server rendered in. */
export function useViewerTimeZone(): string {
  const rendered = useContext(RenderedZoneContext);
  return useSyncExternalStore(noSubscription, browserZone, () => rendered);
}
const noSubscription = () => () => {};

/** The zone every time on the page is shown in: UTC or the viewer's own, as the header's switch says. */
export function useShownZone(): string {
  const display = useTimeDisplay();
  const zone = useViewerTimeZone();
  return display === "utc" ? "UTC" : zone;
}

/** Times shown in UTC say so (" UTC"); times in the viewer's own zone need no mark. */
export const utcMark = (zone: string) => (zone === "UTC" ? " UTC" : "");

/**
 * Writes the zone times are shown in into the cookie the server reads (app/layout.tsx, the
 * timelines), so that the next page arrives already in it, and returns that zone. In the browser
 * only (an effect): it reads the choice itself, not a hydrating render's stand-in.
 */
export function rememberShownZone(): string {
  const zone = readTimeDisplay() === "utc" ? "UTC" : browserZone();
  const value = encodeURIComponent(zone);
  if (!document.cookie.split("; ").includes(`${ZONE_COOKIE}=${value}`)) {
    document.cookie = `${ZONE_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
  }
  return zone;
}
