import { z } from "zod";
import type { Db } from "../store/client";
import type { EventCursor } from "../events/eventCursor";
import { readKeysetPage, type KeysetPage } from "../events/keysetPage";
import type { KnownUser } from "../events/listUsers";
import type { KeysetPosition, ScanDirection } from "../events/scanEvents";
import { DEFAULT_CONNECTION_SORT, type ConnectionSort, type EventOrder } from "../explorerUrl/explorerParams";
import { Prisma, type Connection } from "../generated/prisma/client";
import { connectionFiltersSql, hasConnectionFilters, type ConnectionFilters } from "./connectionFilters";
import { connectionPosition, readSortedConnections } from "./connectionSorts";
import { toConnectionListRow, type ConnectionListRow, type EmailOf } from "./connectionRow";

export interface ConnectionPageRequest {
  filters: ConnectionFilters;
  limit: number;
  order: EventOrder;
  /** The column the rows are ordered by (the start when absent), `order` saying which way. */
  sort?: ConnectionSort;
  cursor: EventCursor | null;
  /** The clock that decides active vs incomplete; a parameter so that tests can fix it. */
  nowMs: number;
}

export type ConnectionPage = KeysetPage<ConnectionListRow>;

/**
 * One page of the connections matching the filters in the order of `sort` (newest = descending),
 * by keyset position on (column, "startedAt", "attemptId") through that sort's index, never OFFSET.
 */
export async function queryConnections(db: Db, request: ConnectionPageRequest, emailOf: EmailOf): Promise<ConnectionPage> {
  const where = connectionFiltersSql(request.filters, request.nowMs);
  const sort = request.sort ?? DEFAULT_CONNECTION_SORT;
  const page = await readKeysetPage({
    order: request.order,
    cursor: request.cursor,
    limit: request.limit,
    read: (direction, start, want) => readSortedConnections(db, where, sort, direction, start, want, request.nowMs),
    positionOf: (row: Connection) => connectionPosition(row, sort, request.nowMs),
  });
  return { ...page, rows: page.rows.map((row) => toConnectionListRow(row, request.nowMs, emailOf)) };
}

/** Up to `want` connections matching `where`, strictly past `start` in `direction`, in ("startedAt", "attemptId") order. */
export function readConnections(db: Db, where: Prisma.Sql, direction: ScanDirection, start: KeysetPosition | null, want: number): Promise<Connection[]> {
  // The start order never consults the clock.
  return readSortedConnections(db, where, "start", direction, start, want, 0);
}

const countSchema = z.array(z.object({ n: z.coerce.number().int().min(0) })).length(1);

/** How many connections match the filters: COUNT(*) over the indexes, exact. */
export async function countConnections(db: Db, filters: ConnectionFilters, nowMs: number): Promise<number> {
  const where = hasConnectionFilters(filters) ? connectionFiltersSql(filters, nowMs) : Prisma.sql`1 = 1`;
  const rows = countSchema.parse(await db.$queryRaw`SELECT COUNT(*) AS "n" FROM "Connection" WHERE ${where}`);
  return rows[0]!.n;
}

/** The email of each known user, for rows that carry only user ids. */
export function emailLookup(users: readonly KnownUser[]): EmailOf {
  const emails = new Map(users.map((user) => [user.userId, user.email]));
  return (userId) => emails.get(userId) ?? null;
}
