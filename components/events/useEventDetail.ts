"use client";

import { useEffect, useState } from "react";
import { eventDetailHref } from "@/lib/explorerUrl/explorerHref";

/** An opened row's event, as /events/detail gives it: loading, shown, or why it could not be. */
export type EventDetailState = { state: "loading" } | { state: "loaded"; event: Record<string, unknown> } | { state: "failed"; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

async function fetchEventDetail(id: string, signal: AbortSignal): Promise<EventDetailState> {
  let response: Response;
  try {
    response = await fetch(eventDetailHref(id), { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal.aborted) throw error;
    return { state: "failed", message: "The server could not be reached." };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const reason = isRecord(body) && typeof body.message === "string" ? body.message : `The server answered ${response.status}.`;
    return { state: "failed", message: response.status === 401 ? "Your session has ended: reload the page to sign in again." : reason };
  }
  // Checked by hand: zod stays out of the browser (lib/architecture.test.ts).
  if (!isRecord(body) || !isRecord(body.event)) return { state: "failed", message: "The server's answer was not an event." };
  return { state: "loaded", event: body.event };
}

/**
 * The full stored event behind a row, fetched when the row is opened: the page sends only the
 * table's columns. `retry` fetches it again after a failure.
 */
export function useEventDetail(id: string): [EventDetailState, retry: () => void] {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<{ key: string; outcome: EventDetailState } | null>(null);
  const key = `${id}#${attempt}`;
  useEffect(() => {
    const controller = new AbortController();
    fetchEventDetail(id, controller.signal).then(
      (outcome) => setSettled({ key, outcome }),
      () => undefined, // aborted: the row closed, or another attempt replaced this one
    );
    return () => controller.abort();
  }, [id, key]);
  // Until this attempt settles, it is loading (no state is set while the effect starts).
  return [settled?.key === key ? settled.outcome : { state: "loading" }, () => setAttempt((n) => n + 1)];
}
