import type { Connection } from "../generated/prisma/client";
import type { RollupSource } from "./rollupContributions";
import type { StitchedConnection } from "./stitchConnection";

/**
 * The Connection table as raw SQL sees it: DateTime columns are Unix ms, Booleans 0/1.
 * Writes go through raw better-sqlite3 inside the events' own transaction (lib/store/sqlite.ts says
 * why the write path is raw).
 */

export const CONNECTION_COLUMNS = [
  "attemptId",
  "status",
  "startedAt",
  "requestedAt",
  "relayedAt",
  "completedAt",
  "endedAt",
  "lastEventAt",
  "durationSeconds",
  "clientUserId",
  "clientComputerName",
  "clientIp",
  "clientOs",
  "clientOsVersion",
  "clientPlatform",
  "clientAppVersion",
  "hostComputerName",
  "hostPeerId",
  "hostUserId",
  "hostIsShared",
  "hostIsTeamComputer",
  "hostIp",
  "hostPlatform",
  "hostAppVersion",
  "connectingToSelf",
  "completionExitCode",
  "hostCompletionExitCode",
  "disconnectExitCode",
  "hostDisconnectExitCode",
  "hostDurationSeconds",
  "eventCount",
  "missingEvents",
  "disagreements",
  "updatedAt",
] as const satisfies readonly (keyof Connection)[];

// Every column of the model is listed above: this line fails to compile when one is added to the schema only.
const everyColumn: Record<Exclude<keyof Connection, (typeof CONNECTION_COLUMNS)[number]>, never> = {};
void everyColumn;

export type ConnectionColumn = (typeof CONNECTION_COLUMNS)[number];
export type RawConnectionRow = Record<ConnectionColumn, string | number | null>;

/** A stitched connection as the values raw SQL binds. */
export function toRawConnectionRow(connection: StitchedConnection, updatedAtMs: number): RawConnectionRow {
  const row = {} as RawConnectionRow;
  for (const column of CONNECTION_COLUMNS) {
    if (column === "updatedAt") continue;
    const value = connection[column];
    row[column] = value instanceof Date ? value.getTime() : typeof value === "boolean" ? (value ? 1 : 0) : value;
  }
  row.updatedAt = updatedAtMs;
  return row;
}

/** Whether two raw rows say the same, their write times aside. */
export function sameConnection(a: RawConnectionRow, b: RawConnectionRow): boolean {
  return CONNECTION_COLUMNS.every((column) => column === "updatedAt" || a[column] === b[column]);
}

export function rollupSourceOf(row: RawConnectionRow): RollupSource {
  return {
    status: row.status as string,
    startedAtMs: row.startedAt as number,
    endedAtMs: row.endedAt as number | null,
    durationSeconds: row.durationSeconds as number | null,
    clientUserId: row.clientUserId as number | null,
    hostComputerName: row.hostComputerName as string | null,
    completionExitCode: row.completionExitCode as number | null,
  };
}
