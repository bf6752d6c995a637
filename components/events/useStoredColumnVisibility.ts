"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";

/** Which columns this browser hides, kept in localStorage: `{ "<column id>": false }`. */
const STORAGE_KEY = "parsec-viewer:events:columns";
export type ColumnVisibility = Record<string, boolean>;

/**
 * The stored value is checked by hand, not with zod: zod/mini adds 15 KB gzipped to this page's
 * browser code (measured: 31 KB instead of 16 KB), for one preference that falls back to
 * "show every column" when it is anything unexpected.
 */
function isColumnVisibility(value: unknown): value is ColumnVisibility {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "boolean");
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changing the choice changes it here too.
  const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the defaults apply
  }
}

function parseStored(text: string | null): ColumnVisibility {
  if (text === null) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isColumnVisibility(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * The column chooser's state, remembered per browser. The server renders every column; the
 * browser then applies the stored choice (no hydration mismatch: React renders the server
 * snapshot first).
 */
export function useStoredColumnVisibility(): [ColumnVisibility, (update: ColumnVisibility | ((old: ColumnVisibility) => ColumnVisibility)) => void] {
  const stored = useSyncExternalStore(subscribe, readStored, () => null);
  const visibility = useMemo(() => parseStored(stored), [stored]);
  const setVisibility = useCallback((update: ColumnVisibility | ((old: ColumnVisibility) => ColumnVisibility)) => {
    const next = typeof update === "function" ? update(parseStored(readStored())) : update;
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage full or disabled: the choice lasts until the page is left.
    }
    for (const listener of listeners) listener();
  }, []);
  return [visibility, setVisibility];
}
