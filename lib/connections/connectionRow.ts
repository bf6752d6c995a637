import type { Connection } from "../generated/prisma/client";
import type { ConnectionStatus } from "../explorerUrl/explorerParams";
import { exitCodeView, type ExitCodeView } from "../parsec/exitCodeView";
import { displayStatus } from "./connectionStatus";

/** One connection as the table, the timelines and the detail show it: plain values, ready for the browser. */
export interface ConnectionListRow {
  attemptId: string;
  /** As shown: "active", "stale" and "incomplete" decided against the clock. */
  status: ConnectionStatus;
  /** ISO strings in UTC. */
  startedAt: string;
  completedAt: string | null;
  endedAt: string | null;
  lastEventAt: string;
  clientUserId: number | null;
  /** The client user's current email, where any event of theirs carried one. */
  clientEmail: string | null;
  clientComputerName: string | null;
  clientIp: string | null;
  clientPlatform: string | null;
  hostComputerName: string | null;
  hostUserId: number | null;
  hostIsShared: boolean | null;
  completionExitCode: ExitCodeView | null;
  disconnectExitCode: ExitCodeView | null;
  durationSeconds: number | null;
  /** Names of the flow's events not seen (yet). */
  missingEvents: string[];
}

export type EmailOf = (userId: number) => string | null;

export function toConnectionListRow(row: Connection, nowMs: number, emailOf: EmailOf): ConnectionListRow {
  return {
    attemptId: row.attemptId,
    status: displayStatus(row, new Date(nowMs)),
    startedAt: row.startedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    lastEventAt: row.lastEventAt.toISOString(),
    clientUserId: row.clientUserId,
    clientEmail: row.clientUserId === null ? null : emailOf(row.clientUserId),
    clientComputerName: row.clientComputerName,
    clientIp: row.clientIp,
    clientPlatform: row.clientPlatform,
    hostComputerName: row.hostComputerName,
    hostUserId: row.hostUserId,
    hostIsShared: row.hostIsShared,
    completionExitCode: exitCodeView(row.completionExitCode),
    disconnectExitCode: exitCodeView(row.disconnectExitCode),
    durationSeconds: row.durationSeconds,
    missingEvents: row.missingEvents ? row.missingEvents.split(",").filter(Boolean) : [],
  };
}
