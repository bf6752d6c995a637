import type { SessionPlan } from "./flowPlan";

/**
 * The sessions planned so far, by user and host, so that no one is connected twice to the same
 * computer at once: Parsec's client holds one session per host, and a person who reconnects has
 * ended the previous session first. Each list stays sorted by start and free of overlaps, so a new
 * session need only be checked against its neighbours.
 */
export class SessionBook {
  private readonly byPair = new Map<string, { starts: number[]; ends: number[] }>();

  /** Whether `session`, in a flow starting at `flowStartUs`, overlaps none of the same user's sessions to the same host. */
  fits(session: SessionPlan, flowStartUs: number): boolean {
    const list = this.byPair.get(pairKey(session));
    if (!list) return true;
    const { start, end } = span(session, flowStartUs);
    const i = insertionPoint(list.starts, start);
    const before = i > 0 && (list.ends[i - 1] as number) > start;
    const after = i < list.starts.length && (list.starts[i] as number) < end;
    return !before && !after;
  }

  /** Records `session` (which must fit). */
  add(session: SessionPlan, flowStartUs: number): void {
    const key = pairKey(session);
    let list = this.byPair.get(key);
    if (!list) this.byPair.set(key, (list = { starts: [], ends: [] }));
    const { start, end } = span(session, flowStartUs);
    const i = insertionPoint(list.starts, start);
    list.starts.splice(i, 0, start);
    list.ends.splice(i, 0, end);
  }
}

function pairKey(session: SessionPlan): string {
  return `${session.clientUserId}\u0000${session.hostComputerName}`;
}

/** From the client's offer (the flow's start) until both sides have let go. */
function span(session: SessionPlan, flowStartUs: number): { start: number; end: number } {
  return { start: flowStartUs, end: flowStartUs + session.freeOffsetUs };
}

/** The first index whose value is not below `value`. */
function insertionPoint(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
