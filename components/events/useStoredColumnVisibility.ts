"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";

/**
 * The column chooser's choices, remembered per browser in localStorage: which columns are hidden
 * (`{ "<column id>": false }`) and in which order they stand (column ids, first to last).
 * Stored values are checked by hand, not with zod: zod/mini adds 15 KB gzipped to this page's
 * browser code (measured: 31 KB instead of 16 KB), for preferences that fall back to the
 * defaults when they are anything unexpected.
 */
const VISIBILITY_KEY = "parsec-viewer:events:columns";
const ORDER_KEY = "parsec-viewer:events:column-order";
export type ColumnVisibility = Record<string, boolean>;
export type ColumnOrder = string[];

function isColumnVisibility(value: unknown): value is ColumnVisibility {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "boolean");
}

function isColumnOrder(value: unknown): value is ColumnOrder {
  return Array.isArray(value) && value.length <= 50 && value.every((v) => typeof v === "string");
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changing the choice changes it here too.
  const onStorage = (event: StorageEvent) => (event.key === VISIBILITY_KEY || event.key === ORDER_KEY) && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the defaults apply
  }
}

function parseStored<T>(text: string | null, isValid: (value: unknown) => value is T, fallback: T): T {
  if (text === null) return fallback;
  try {
    const parsed: unknown = JSON.parse(text);
    return isValid(parsed) ? parsed : fallback;
  } catch {
    return fallback;
  }
}

type Setter<T> = (update: T | ((old: T) => T)) => void;

/**
 * One stored preference. The server renders the defaults; the browser then applies the stored
 * choice (no hydration mismatch: React renders the server snapshot first).
 */
function useStoredPreference<T>(key: string, isValid: (value: unknown) => value is T, fallback: T): [T, Setter<T>] {
  const stored = useSyncExternalStore(
    subscribe,
    () => readStored(key),
    () => null,
  );
  const value = useMemo(() => parseStored(stored, isValid, fallback), [stored, isValid, fallback]);
  const setValue = useCallback<Setter<T>>(
    (update) => {
      const next = typeof update === "function" ? (update as (old: T) => T)(parseStored(readStored(key), isValid, fallback)) : update;
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice lasts until the page is left.
      }
      for (const listener of listeners) listener();
    },
    [key, isValid, fallback],
  );
  return [value, setValue];
}

const ALL_VISIBLE: ColumnVisibility = {};
const DEFAULT_ORDER: ColumnOrder = [];

export function useStoredColumnVisibility(): [ColumnVisibility, Setter<ColumnVisibility>] {
  return useStoredPreference(VISIBILITY_KEY, isColumnVisibility, ALL_VISIBLE);
}

/** An empty order is the columns' own order; ids it leaves out follow in theirs. */
export function useStoredColumnOrder(): [ColumnOrder, Setter<ColumnOrder>] {
  return useStoredPreference(ORDER_KEY, isColumnOrder, DEFAULT_ORDER);
}
