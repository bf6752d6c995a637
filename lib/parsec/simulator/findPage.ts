import type { EventLog } from "./eventLog";
import type { PageRequest } from "./eventsQuery";
import { KSUID_EPOCH_SECONDS } from "./ksuid";

/**
 * Finds one page: filters apply first, then paging, and the next cursor is the id of the next
 * *matching* event. Ids start with their second, so a time filter narrows the scan to a slice found
 * by binary search; a cursor is found by binary search too. The scan itself reads typed arrays
 * only; just the events of the page get rendered.
 */

export type PageOrder = "newest-first" | "oldest-first";

export interface Page {
  /** Store positions of the page's events, in served order. */
  positions: number[];
  /** Store position of the next matching event, or -1. */
  next: number;
}

export function findPage(log: EventLog, request: PageRequest, order: PageOrder): Page | "invalid cursor" {
  const { store } = log;
  let lo = 0;
  let hi = store.length;
  if (request.startUs !== undefined) lo = store.lowerBoundSeconds(secondsOf(request.startUs));
  if (request.endUs !== undefined) hi = store.lowerBoundSeconds(secondsOf(request.endUs) + 1);

  const forward = order === "oldest-first";
  let from = forward ? lo : hi - 1;
  const anchor = request.cursor ?? request.after;
  if (anchor) {
    const at = store.indexOf(anchor);
    if (at < 0) return "invalid cursor";
    const start = request.after ? (forward ? at + 1 : at - 1) : at;
    from = forward ? Math.max(lo, start) : Math.min(hi - 1, start);
  }

  // The scan reads plain typed arrays in a tight loop: a filter that matches nothing still has to
  // look at every event in range, and a million of them should cost a millisecond or two.
  const { us, user, name } = store;
  const startUs = request.startUs ?? -Infinity;
  const endUs = request.endUs ?? Infinity;
  const filterUser = request.userId !== undefined;
  const userId = request.userId ?? 0;
  const names = nameMask(log, request.eventNames);
  const positions: number[] = [];
  const step = forward ? 1 : -1;
  for (let i = from; i >= lo && i < hi; i += step) {
    const t = us[i] as number;
    if (t < startUs || t > endUs) continue;
    if (filterUser && user[i] !== userId) continue;
    if (names !== null && names[name[i] as number] !== 1) continue;
    if (positions.length === request.limit) return { positions, next: i };
    positions.push(i);
  }
  return { positions, next: -1 };
}

function secondsOf(unixMicros: number): number {
  return Math.floor(unixMicros / 1_000_000) - KSUID_EPOCH_SECONDS;
}

/** A lookup by name index; names the log has never seen match nothing. */
function nameMask(log: EventLog, eventNames: string[] | undefined): Uint8Array | null {
  if (!eventNames) return null;
  const mask = new Uint8Array(Math.max(1, log.names.size));
  for (const name of eventNames) {
    const index = log.names.find(name);
    if (index >= 0) mask[index] = 1;
  }
  return mask;
}
