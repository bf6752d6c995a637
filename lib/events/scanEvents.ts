import { preparedStatements, type SqliteConnection } from "../store/sqlite";
import type { Event, Prisma } from "../generated/prisma/client";
import type { EventSort } from "../explorerUrl/explorerParams";
import type { SortKey } from "./eventCursor";
import type { SqlCondition } from "./eventFiltersSql";

/** The columns the explorer and the export read: Parsec's event, and the columns pulled out of `data`. */
export const SCANNED_EVENT_COLUMNS = [
  "id",
  "name",
  "timestamp",
  "occurredAt",
  "userId",
  "teamId",
  "userEmail",
  "data",
  "extra",
  "attemptId",
  "exitCode",
  "duration",
  "hostComputerName",
  "clientComputerName",
  "ip",
  "platform",
] as const satisfies readonly (keyof Event)[];

export type ScannedEvent = Pick<Event, (typeof SCANNED_EVENT_COLUMNS)[number]>;

/** The same columns as a Prisma selection, for reads that go through Prisma. */
export const SCANNED_EVENT_SELECT = Object.fromEntries(SCANNED_EVENT_COLUMNS.map((column) => [column, true])) as {
  [Column in (typeof SCANNED_EVENT_COLUMNS)[number]]: true;
} satisfies Prisma.EventSelect;

/** A row as SQLite returns it: DateTime columns are Unix milliseconds. */
type ScannedRow = Omit<ScannedEvent, "occurredAt"> & { occurredAt: number };

const SELECT_LIST = SCANNED_EVENT_COLUMNS.map((column) => `"${column}"`).join(", ");

const fromSqlite = (row: ScannedRow): ScannedEvent => ({ ...row, occurredAt: new Date(row.occurredAt) });

const byIdStatement = (sqlite: SqliteConnection) => sqlite.prepare<[string], ScannedRow>(`SELECT ${SELECT_LIST} FROM "Event" WHERE "id" = ?`);

/** One stored event, with the columns a scan reads; null when no event has this id. */
export function findScannedEvent(sqlite: SqliteConnection, id: string): ScannedEvent | null {
  const row = preparedStatements(sqlite, byIdStatement).get(id);
  return row ? fromSqlite(row) : null;
}

/** A place in the explorer's order: occurredAt in Unix milliseconds, then id; first the sort column's value when sorted by one. */
export interface KeysetPosition {
  at: number;
  id: string;
  key?: SortKey;
}

export type ScanDirection = "asc" | "desc";

/** The column behind each sort other than time. */
const SORT_COLUMNS = { name: "name", user: "userId", host: "hostComputerName", exit: "exitCode" } as const satisfies Record<
  Exclude<EventSort, "time">,
  (typeof SCANNED_EVENT_COLUMNS)[number]
>;

export function positionOf(row: ScannedEvent, sort: EventSort = "time"): KeysetPosition {
  const position = { at: row.occurredAt.getTime(), id: row.id };
  return sort === "time" ? position : { ...position, key: { sort, value: row[SORT_COLUMNS[sort]] } };
}

/**
 * The events matching `where` in the explorer's order, from just past `start` (exclusive), a batch
 * at a time: keyset paging, never OFFSET, so the millionth row costs what the first does, and
 * equal values are neither skipped nor repeated. The order is (occurredAt, id), or with `sort`
 * (column, occurredAt, id): the id breaks every tie, and SQLite puts NULL first going up.
 */
export async function* scanEvents(
  sqlite: SqliteConnection,
  where: SqlCondition,
  options: { direction: ScanDirection; start: KeysetPosition | null; batchSize: number; sort?: EventSort },
): AsyncGenerator<ScannedEvent[]> {
  const { direction, batchSize } = options;
  const sort = options.sort ?? "time";
  const column = sort === "time" ? null : SORT_COLUMNS[sort];
  const dir = direction === "asc" ? "ASC" : "DESC";
  const orderBy = `${column ? `"${column}" ${dir}, ` : ""}"occurredAt" ${dir}, "id" ${dir}`;
  const first = sqlite.prepare(`SELECT ${SELECT_LIST} FROM "Event" WHERE ${where.sql} ORDER BY ${orderBy} LIMIT @limit`);
  let position = options.start;
  if (position && (position.key?.sort ?? "time") !== sort) throw new Error(`a ${position.key?.sort ?? "time"} position cannot start a ${sort} scan`);
  for (;;) {
    const beyondKey = position?.key && column ? keyBeyond(column, position.key.value, direction) : null;
    const rows = (
      position
        ? sqlite
            .prepare(
              `SELECT ${SELECT_LIST} FROM "Event" WHERE (${where.sql}) AND ${beyondKey ? beyondKey.sql : beyond(direction)} ORDER BY ${orderBy} LIMIT @limit`,
            )
            .all({
              ...where.params,
              limit: batchSize,
              at: position.at,
              id: position.id,
              ...(beyondKey && beyondKey.value !== null ? { key: beyondKey.value } : {}),
            })
        : first.all({ ...where.params, limit: batchSize })
    ) as ScannedRow[];
    if (rows.length > 0) yield rows.map(fromSqlite);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    position = positionOf(fromSqlite(last), sort);
  }
}

/**
 * Rows strictly past (@at, @id) in `direction`. The plain range on occurredAt is implied by the OR
 * but lets SQLite bound its walk of the (occurredAt, id) index instead of testing every row.
 */
function beyond(direction: ScanDirection): string {
  return direction === "asc" ? `"occurredAt" >= @at AND ("occurredAt" > @at OR "id" > @id)` : `"occurredAt" <= @at AND ("occurredAt" < @at OR "id" < @id)`;
}

/**
 * Rows strictly past (@key, @at, @id) in `direction`, NULL being the lowest value (as SQLite sorts
 * it). Where it is exact, a plain range on the column lets SQLite bound its walk of the index.
 */
function keyBeyond(column: string, value: string | number | null, direction: ScanDirection): { sql: string; value: string | number | null } {
  const c = `"${column}"`;
  const tie = `(${beyond(direction)})`;
  if (value === null) {
    return direction === "asc" ? { sql: `(${c} IS NOT NULL OR (${c} IS NULL AND ${tie}))`, value } : { sql: `(${c} IS NULL AND ${tie})`, value };
  }
  return direction === "asc"
    ? { sql: `${c} >= @key AND (${c} > @key OR ${tie})`, value }
    : { sql: `(${c} < @key OR ${c} IS NULL OR (${c} = @key AND ${tie}))`, value };
}
