import type { Quota } from "../parsec/rateLimiter";
import type { SyncPass } from "./syncCheckpoint";

export type PageOrder = "unknown" | "newest-first" | "oldest-first" | "mixed";

export interface SyncProgress {
  mode: SyncPass["mode"];
  pages: number;
  events: number;
  window: { startAt: string | null; endAt: string };
  oldestSeen: string | null;
  newestSeen: string | null;
  order: PageOrder;
  /** This run's own throughput (events per second since it started). */
  eventsPerSecond: number | null;
  /** The most the API can deliver under our quota, so a long backfill's pace is no surprise. */
  quotaCeilingPerHour: number | null;
  /** `basis` in English for the API and the logs; `sharePercent` (the part of the window walked) for the page to say it. */
  estimate: { remainingEvents: number; remainingMs: number; basis: string; sharePercent?: number } | null;
  /** Why there is no estimate, when there is none: one of NO_ESTIMATE's sentences (noEstimateReason names it). */
  noEstimate: string | null;
  waiting: { reason: string; until: string; detail: string } | null;
  updatedAt: string;
}

/**
 * Event ids (and so, likely, pages) are in time order to the second only: a KSUID starts with its
 * second and continues with random bits, so the events of one second come in any order, and two
 * pages that meet inside a second overlap by up to a second.
 */
const ORDER_TOLERANCE_MS = 1_000;

/** Which way pages run, judged from each new page against what came before it. */
export function nextOrder(order: PageOrder, before: { oldest: Date | null; newest: Date | null }, page: { oldest: Date; newest: Date }): PageOrder {
  if (order === "mixed" || !before.oldest || !before.newest) return order;
  const olderThanAll = page.newest.getTime() <= before.oldest.getTime() + ORDER_TOLERANCE_MS;
  const newerThanAll = page.oldest.getTime() >= before.newest.getTime() - ORDER_TOLERANCE_MS;
  // Everything within a second of everything before: this page cannot tell.
  if (olderThanAll && newerThanAll) return order;
  const direction: PageOrder = olderThanAll ? "newest-first" : newerThanAll ? "oldest-first" : "mixed";
  if (order === "unknown" || order === direction) return direction;
  return "mixed";
}

/** Why a running sync has no estimate: English for the API and the logs, named by its key for the overview to say. */
export const NO_ESTIMATE = {
  mixedOrder: "pages do not come in time order",
  measuring: "measuring…",
  historyUnknown: "the start of the team's history is not known yet",
} as const;

export type NoEstimateReason = keyof typeof NO_ESTIMATE;

/** The key of a stored progress's `noEstimate`; null for a sentence this version does not know. */
export function noEstimateReason(text: string): NoEstimateReason | null {
  return (Object.keys(NO_ESTIMATE) as NoEstimateReason[]).find((key) => NO_ESTIMATE[key] === text) ?? null;
}

/**
 * How much of the pass is left, assuming activity is spread evenly over the window: the share of
 * the window already walked (pages come in time order) scales what was fetched to a total.
 * Returns a reason instead when that assumption cannot be checked.
 */
export function estimateRemaining(input: {
  pass: Pick<SyncPass, "startAt" | "endAt" | "events" | "oldestAt" | "newestAt">;
  order: PageOrder;
  historyStartsAt: Date | null;
  pageSize: number;
  quota: Quota | null;
  msPerPage: number | null;
}): { estimate: SyncProgress["estimate"]; noEstimate: string | null } {
  const { pass, order } = input;
  if (order !== "newest-first" && order !== "oldest-first") {
    return { estimate: null, noEstimate: order === "mixed" ? NO_ESTIMATE.mixedOrder : NO_ESTIMATE.measuring };
  }
  const windowStart = pass.startAt ? new Date(pass.startAt) : input.historyStartsAt;
  if (!windowStart || !pass.oldestAt || !pass.newestAt) {
    return { estimate: null, noEstimate: NO_ESTIMATE.historyUnknown };
  }
  const windowMs = new Date(pass.endAt).getTime() - windowStart.getTime();
  const walkedMs = order === "newest-first" ? new Date(pass.endAt).getTime() - pass.oldestAt.getTime() : pass.newestAt.getTime() - windowStart.getTime();
  if (windowMs <= 0 || walkedMs <= 0) return { estimate: null, noEstimate: NO_ESTIMATE.measuring };
  const share = Math.min(1, walkedMs / windowMs);
  const remainingEvents = Math.max(0, Math.round(pass.events / share - pass.events));
  const remainingPages = Math.ceil(remainingEvents / input.pageSize);
  const quotaMsPerPage = input.quota ? input.quota.windowMs / input.quota.requests : 0;
  const msPerPage = Math.max(input.msPerPage ?? 0, quotaMsPerPage);
  return {
    estimate: {
      remainingEvents,
      remainingMs: remainingPages * msPerPage,
      basis: `${Math.round(share * 100)}% of the time window walked; assumes activity is spread evenly over time`,
      sharePercent: Math.round(share * 100),
    },
    noEstimate: null,
  };
}

export function quotaCeilingPerHour(quota: Quota | null, pageSize: number): number | null {
  return quota ? Math.floor((3_600_000 / quota.windowMs) * quota.requests * pageSize) : null;
}
