import type { Db } from "../db/client";
import { Prisma, type Connection } from "../generated/prisma/client";
import { displayStatusCondition } from "./connectionStatus";
import { toConnectionListRow, type ConnectionListRow, type EmailOf } from "./connectionRow";

/** Whose connections a timeline shows: one client user's, or one host computer's. */
export type TimelineSubject = { userId: number } | { hostComputerName: string };

/** A connection on a timeline: the table's row, and the stretch of time it covers. */
export interface TimelineConnection extends ConnectionListRow {
  /** Unix ms: from the start of the attempt to its end (disconnect, failure, or now while active). */
  fromMs: number;
  toMs: number;
  /** Connected time inside the window, ms (0 for an attempt that never connected). */
  connectedMsInWindow: number;
}

/**
 * Every connection of the subject that overlaps [startMs, endMs), oldest first. Walks the
 * subject's index on ("clientUserId"|"hostComputerName", "startedAt") up to the window's end;
 * a connection that started before the window counts if it ended (or is still active) inside it.
 */
export async function timelineConnections(
  db: Db,
  subject: TimelineSubject,
  window: { startMs: number; endMs: number },
  nowMs: number,
  emailOf: EmailOf,
): Promise<TimelineConnection[]> {
  const who = "userId" in subject ? Prisma.sql`"clientUserId" = ${subject.userId}` : Prisma.sql`"hostComputerName" = ${subject.hostComputerName}`;
  const rows = await db.$queryRaw<Connection[]>`
    SELECT * FROM "Connection"
    WHERE ${who} AND "startedAt" < ${window.endMs}
      AND (COALESCE("endedAt", "lastEventAt") >= ${window.startMs} OR ${Prisma.raw(displayStatusCondition("active", new Date(nowMs)))})
    ORDER BY "startedAt", "attemptId"`;
  return rows.map((row) => toTimelineConnection(row, window, nowMs, emailOf));
}

function toTimelineConnection(row: Connection, window: { startMs: number; endMs: number }, nowMs: number, emailOf: EmailOf): TimelineConnection {
  const shown = toConnectionListRow(row, nowMs, emailOf);
  const fromMs = row.startedAt.getTime();
  const toMs = shown.status === "active" ? nowMs : (row.endedAt ?? row.completedAt ?? row.lastEventAt).getTime();
  const connected = shown.status !== "failed" && shown.status !== "connecting" && row.completedAt !== null;
  const connectedFrom = Math.max(row.completedAt?.getTime() ?? fromMs, window.startMs);
  const connectedTo = Math.min(toMs, window.endMs);
  return { ...shown, fromMs, toMs: Math.max(toMs, fromMs), connectedMsInWindow: connected ? Math.max(0, connectedTo - connectedFrom) : 0 };
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
export function timelineTotals(connections: readonly TimelineConnection[], window: { startMs: number }, counterpartOf: (c: TimelineConnection) => string): TimelineTotals {
  const started = connections.filter((c) => c.fromMs >= window.startMs);
  const failures = started.filter((c) => c.status === "failed").length;
  const sessions = started.filter((c) => c.completionExitCode?.code === 0).length;
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
