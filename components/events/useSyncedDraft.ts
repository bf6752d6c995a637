"use client";

import { useState } from "react";

/**
 * Text being typed into a filter field: starts from the applied value and follows it when the URL
 * changes (back, forward, a link), without remounting the field, so the field keeps its focus.
 */
export function useSyncedDraft(applied: string): [string, (draft: string) => void] {
  const [draft, setDraft] = useState(applied);
  const [synced, setSynced] = useState(applied);
  if (applied !== synced) {
    setSynced(applied);
    setDraft(applied);
  }
  return [draft, setDraft];
}
