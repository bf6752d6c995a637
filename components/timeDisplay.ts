"use client";

import { useSyncExternalStore } from "react";

/**
 * Whether times are shown in the viewer's own zone (the default) or in UTC: one choice for the
 * whole app, remembered by the browser and followed by every open tab.
 */
export type TimeDisplay = "local" | "utc";

const STORAGE_KEY = "parsec-viewer:time-display";
const CHANGE_EVENT = "parsec-viewer:time-display-change";

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

export function setTimeDisplay(display: TimeDisplay): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, display);
  } catch {
    // not remembered, but this page still switches
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** The server renders UTC: it cannot know the viewer's zone. */
export function useTimeDisplay(): TimeDisplay | "server" {
  return useSyncExternalStore(subscribe, readTimeDisplay, () => "server" as const);
}

export function useViewerTimeZone(): string {
  return useSyncExternalStore(
    () => () => {},
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => "UTC",
  );
}
