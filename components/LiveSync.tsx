"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { LiveSyncStatus } from "@/lib/sync/liveSyncStatus";
import type { SyncRunView } from "@/lib/sync/getSyncStatus";
import { SyncStatusPanel } from "./SyncStatusPanel";
import { SyncRunsTable } from "./SyncRunsTable";

export const SYNC_STATUS_URL = "/api/sync/status";

/** How often the overview asks: while a sync runs (or one was just asked for), often enough to follow its pages; otherwise, to notice one starting. */
const POLL_RUNNING_MS = 1_500;
const POLL_IDLE_MS = 15_000;

/**
 * What the poll answered, if it is a snapshot. Our own route's answer, so the check is of its
 * outline only (zod stays out of the browser's bundle): a proxy's error page or a sign-in
 * redirect's HTML is what this refuses.
 */
function asSnapshot(value: unknown): LiveSyncStatus | null {
  const v = value as Partial<LiveSyncStatus> | null;
  return typeof v?.readAt === "string" && Array.isArray(v.runs) && typeof v.next?.kind === "string" && typeof v.eventsStored === "number"
    ? (v as LiveSyncStatus)
    : null;
}

interface LiveSync {
  status: LiveSyncStatus;
  /** The sync run the overview follows: the one Sync now started, or the one running when it was seen. */
  followed: SyncRunView | null;
  /** Sync now was pressed and its run is not in a snapshot yet. */
  awaiting: boolean;
  /** Follows a run Sync now started (its id), or whichever runs next (null: one was already running). */
  follow(runId: number | null): void;
}

const LiveSyncContext = createContext<LiveSync | null>(null);

export function useLiveSync(): LiveSync {
  const live = useContext(LiveSyncContext);
  if (!live) throw new Error("useLiveSync needs a LiveSyncProvider above it");
  return live;
}

/**
 * The overview's sync state, kept current while the page is open: it polls GET /api/sync/status,
 * often while a sync runs (its pages, its waits) and rarely otherwise, not at all while the tab
 * is hidden. Everything it shows comes from the store, where the ingest runner's thread records
 * its runs. When the run it follows ends, the page's server parts (the latest events) are fetched
 * again; the newer of that render and the last poll is what shows.
 */
export function LiveSyncProvider({ initial, children }: { initial: LiveSyncStatus; children: ReactNode }) {
  const router = useRouter();
  const [polled, setPolled] = useState<LiveSyncStatus | null>(null);
  const status = polled !== null && polled.readAt >= initial.readAt ? polled : initial;
  const [followId, setFollowId] = useState<number | null>(initial.running?.id ?? null);
  const refreshedFor = useRef<number | null>(null);

  const followed = followId === null ? null : (status.runs.find((run) => run.id === followId) ?? (status.running?.id === followId ? status.running : null));
  const awaiting = followId !== null && followed === null;

  // A run that starts while none is followed or the followed one has ended (the schedule's, another
  // admin's, the one going when Sync now was refused) is followed from then on: adjusted in render.
  if (status.running !== null && status.running.id !== followId && !awaiting && followed?.status !== "running") setFollowId(status.running.id);

  // Once the followed run has ended: the latest events (rendered on the server) are read again, once per run.
  const endedId = followed && followed.status !== "running" ? followed.id : null;
  useEffect(() => {
    if (endedId === null || refreshedFor.current === endedId) return;
    refreshedFor.current = endedId;
    router.refresh();
  }, [endedId, router]);

  const delay = status.running || awaiting ? POLL_RUNNING_MS : POLL_IDLE_MS;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let busy = false;
    const poll = async () => {
      timer = undefined;
      if (busy || document.visibilityState !== "visible") return;
      busy = true;
      try {
        const response = await fetch(SYNC_STATUS_URL, { cache: "no-store", headers: { accept: "application/json" } });
        // Signed out: the next navigation asks to sign in; polling on would only be refused again.
        if (response.status === 401 || response.status === 403) return;
        if (response.ok) {
          const snapshot = asSnapshot(await response.json());
          if (snapshot && !stopped) setPolled(snapshot);
        }
      } catch {
        // The server restarting or the network gone: the next poll tries again.
      }
      busy = false;
      if (!stopped && timer === undefined) timer = setTimeout(poll, delay);
    };
    const onVisibility = () => {
      if (document.visibilityState !== "visible") {
        clearTimeout(timer);
        timer = undefined;
      } else if (timer === undefined && !busy) void poll();
    };
    timer = setTimeout(poll, delay);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [delay]);

  const follow = useCallback((runId: number | null) => setFollowId(runId), []);

  return <LiveSyncContext.Provider value={{ status, followed, awaiting, follow }}>{children}</LiveSyncContext.Provider>;
}

export function LiveSyncStatusPanel({ intervalSeconds }: { intervalSeconds: number }) {
  return <SyncStatusPanel status={useLiveSync().status} intervalSeconds={intervalSeconds} />;
}

export function LiveSyncRunsTable() {
  return <SyncRunsTable runs={useLiveSync().status.runs} />;
}
