/**
 * Checks on sessions shared by the simulator's tests and the tests that hold the stitched
 * connections against its ground truth. Only tests import this file.
 */

export interface SessionSpan {
  clientUserId: number | null;
  hostComputerName: string | null;
  fromMs: number;
  /** Infinity: still open. */
  toMs: number;
}

/** "user → host at <start>" for every session that began while the same user was still connected to the same host. */
export function parallelSessions(sessions: readonly SessionSpan[]): string[] {
  const byPair = new Map<string, SessionSpan[]>();
  for (const s of sessions) {
    const key = `${s.clientUserId} → ${s.hostComputerName}`;
    byPair.set(key, [...(byPair.get(key) ?? []), s]);
  }
  const found: string[] = [];
  for (const [pair, list] of byPair) {
    list.sort((a, b) => a.fromMs - b.fromMs);
    let openUntil = -Infinity;
    for (const s of list) {
      if (s.fromMs < openUntil) found.push(`${pair} at ${new Date(s.fromMs).toISOString()}`);
      openUntil = Math.max(openUntil, s.toMs);
    }
  }
  return found.sort();
}
