import type { SqliteConnection } from "../store/sqlite";
import { displayStatus, displayStatusCondition, type DisplayStatus } from "./connectionStatus";
import type { EmailOf } from "./connectionRow";

/** Whose connections a timeline shows: one client user's, or one host computer's. */
export type TimelineSubject = { userId: number } | { hostComputerName: string };

/**
 * A connection on a timeline: what its bar, its hover details and the window's totals need, and
 * no more (a month of a busy user is 1,500 of them, read and sent on every view).
 */
export interface TimelineConnection {
  attemptId: string;
  /** As shown: "active", "stale" and "incomplete" decided against the clock. */
  status: DisplayStatus;
  /** Unix ms: from the start of the attempt to its end (disconnect, failure, or now while active). */
  fromMs: number;
  toMs: number;
  /** Connected time inside the window, ms (0 for an attempt that never connected). */
  connectedMsInWindow: number;
  durationSeconds: number | null;
  completionExitCode: number | null;
  clientUserId: number | null;
  /** The client user's current email, where any event of theirs carried one. */
  clientEmail: string | null;
  clientComputerName: string | null;
  hostComputerName: string | null;
}

interface TimelineRow {
  attemptId: string;
  status: string;
  startedAt: number;
  completedAt: number | null;
  endedAt: number | null;
  lastEventAt: number;
  durationSeconds: number | null;
  completionExitCode: number | null;
  clientUserId: number | null;
  clientComputerName: string | null;
  hostComputerName: string | null;
}

/**
 * Every connection of the subject that overlaps [startMs, endMs), oldest first. Walks the
 * subject's index on ("clientUserId"|"hostComputerName", "startedAt") up to the window's end;
 * a connection that started before the window counts if it ended (or is still active) inside it.
 * Raw SQL of the columns above: Prisma's SELECT * of a month of a busy user took 60-80 ms.
 */
export function timelineConnections(
  sqlite: SqliteConnection,
  subject: TimelineSubject,
  window: { startMs: number; endMs: number },
  nowMs: number,
  emailOf: EmailOf,
): TimelineConnection[] {
  const [who, key] = "userId" in subject ? [`"clientUserId" = ?`, subject.userId] : [`"hostComputerName" = ?`, subject.hostComputerName];
  const rows = sqlite
    .prepare(
      `SELECT "attemptId", "status", "startedAt", "completedAt", "endedAt", "lastEventAt", "durationSeconds", "completionExitCode",
              "clientUserId", "clientComputerName", "hostComputerName"
       FROM "Connection"
       WHERE ${who} AND "startedAt" < ?
         AND (COALESCE("endedAt", "lastEventAt") >= ? OR ${displayStatusCondition("active", new Date(nowMs))})
       ORDER BY "startedAt", "attemptId"`,
    )
    .all(key, window.endMs, window.startMs) as TimelineRow[];
  return rows.map((row) => toTimelineConnection(row, window, nowMs, emailOf));
}

function toTimelineConnection(row: TimelineRow, window: { startMs: number; endMs: number }, nowMs: number, emailOf: EmailOf): TimelineConnection {
  const status = displayStatus(row, new Date(nowMs));
  const fromMs = row.startedAt;
  const toMs = status === "active" ? nowMs : (row.endedAt ?? row.completedAt ?? row.lastEventAt);
  const connected = status !== "failed" && status !== "connecting" && row.completedAt !== null;
  const connectedFrom = Math.max(row.completedAt ?? fromMs, window.startMs);
  const connectedTo = Math.min(toMs, window.endMs);
  return {
    attemptId: row.attemptId,
    status,
    fromMs,
    toMs: Math.max(toMs, fromMs),
    connectedMsInWindow: connected ? Math.max(0, connectedTo - connectedFrom) : 0,
    durationSeconds: row.durationSeconds,
    completionExitCode: row.completionExitCode,
    clientUserId: row.clientUserId,
    clientEmail: row.clientUserId === null ? null : emailOf(row.clientUserId),
    clientComputerName: row.clientComputerName,
    hostComputerName: row.hostComputerName,
  };
}

export interface TimelineTotals {
  /** Every attempt that started in the window. */
  attempts: number;
  /** Of those, the ones that connected. */
  sessions: number;
  failures: number;
  /** failures / (sessions + failures), or null when nothing had a verdict. */
  failureRate: number | null;
  connectedHours: number;
  /** Distinct host computers (or users, on a host's page) among the attempts. */
  counterparts: number;
}

/** The window's totals, for the cards above a timeline. */
export function timelineTotals(
  connections: readonly TimelineConnection[],
  window: { startMs: number },
  counterpartOf: (c: TimelineConnection) => string,
): TimelineTotals {
  const started = connections.filter((c) => c.fromMs >= window.startMs);
  const failures = started.filter((c) => c.status === "failed").length;
  const sessions = started.filter((c) => c.completionExitCode === 0).length;
  const connectedMs = connections.reduce((sum, c) => sum + c.connectedMsInWindow, 0);
  return {
    attempts: started.length,
    sessions,
    failures,
    failureRate: sessions + failures === 0 ? null : failures / (sessions + failures),
    connectedHours: connectedMs / 3_600_000,
    counterparts: new Set(started.map(counterpartOf)).size,
  };
}

/** Connections grouped into the timeline's lanes (by host, or by user), lanes in name order, connections kept in order. */
export function groupByLane<C>(connections: readonly C[], laneOf: (connection: C) => string): { key: string; connections: C[] }[] {
  const byKey = new Map<string, C[]>();
  for (const connection of connections) {
    const key = laneOf(connection);
    const lane = byKey.get(key);
    if (lane) lane.push(connection);
    else byKey.set(key, [connection]);
  }
  return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) => ({ key, connections: list }));
}
