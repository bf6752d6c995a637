import type { Db } from "../store/client";
import type { KeysetPosition, ScanDirection } from "../events/scanEvents";
import { CONNECTION_STATUSES, type ConnectionSort } from "../explorerUrl/explorerParams";
import { Prisma, type Connection } from "../store/sqlFragments";
import { displayStatus, displayStatusParts, type DisplayStatus } from "./connectionStatus";

/**
 * The sorts of /connections. Each walks one index of "Connection" in order, never a sort of the
 * matching rows, and pages by keyset: (column, "startedAt", "attemptId"), the start and the
 * attempt id breaking every tie (prisma/schema.prisma has an index on each triple).
 * - a column sort reads, from the page's position, a few index ranges one after the other:
 *   SQLite puts NULL lowest, and an "IS NULL OR ..." condition would make it walk from the
 *   start of the index instead of seeking the position;
 * - the status sort goes through the statuses in the order of CONNECTION_STATUSES, each one read
 *   from the (status, startedAt, attemptId) index: "active", "stale", "connecting" and "incomplete"
 *   are decided against the clock (connectionStatus.ts), so "incomplete" is two stored statuses,
 *   read one by one and merged by start.
 */

/** The column behind each sort by a column. */
const SORT_COLUMNS = {
  duration: "durationSeconds",
  user: "clientUserId",
  host: "hostComputerName",
  exit: "completionExitCode",
} as const satisfies Record<Exclude<ConnectionSort, "start" | "status">, keyof Connection>;

type ColumnSort = keyof typeof SORT_COLUMNS;

/** Where a row stands in the order of `sort`: its start and attempt id, and first the sorted value. */
export function connectionPosition(row: Connection, sort: ConnectionSort, nowMs: number): KeysetPosition {
  const position = { at: row.startedAt.getTime(), id: row.attemptId };
  if (sort === "start") return position;
  const value = sort === "status" ? displayStatus(row, new Date(nowMs)) : row[SORT_COLUMNS[sort]];
  return { ...position, key: { sort, value: typeof value === "boolean" ? Number(value) : (value ?? null) } };
}

/** Rows strictly past (at, id) in `direction`; the plain range on "startedAt" bounds SQLite's walk of the index. */
function startPast(direction: ScanDirection, start: KeysetPosition): Prisma.Sql {
  return direction === "asc"
    ? Prisma.sql`"startedAt" >= ${start.at} AND ("startedAt" > ${start.at} OR "attemptId" > ${start.id})`
    : Prisma.sql`"startedAt" <= ${start.at} AND ("startedAt" < ${start.at} OR "attemptId" < ${start.id})`;
}

/** A stretch of the order: rows meeting each of `parts` (merged by start when several), in the segment's order. */
interface Segment {
  parts: Prisma.Sql[];
  /** The column the order begins with, or null for start then attempt id. */
  column: string | null;
}

/**
 * The stretches of the order from `start` on, as index ranges SQLite can seek: for a column sort
 * the rows equal to the position's value past its start, then the values beyond it, with NULL
 * (the lowest) before the rest going up and after it going down.
 */
function columnSegments(sort: ColumnSort, direction: ScanDirection, start: KeysetPosition | null): Segment[] {
  const column = SORT_COLUMNS[sort];
  const c = Prisma.raw(`"${column}"`);
  const segment = (part: Prisma.Sql): Segment => ({ parts: [part], column });
  if (start === null) return [segment(Prisma.sql`1 = 1`)];
  const value = start.key?.value ?? null;
  const past = startPast(direction, start);
  if (value === null) {
    const nulls = segment(Prisma.sql`${c} IS NULL AND ${past}`);
    return direction === "asc" ? [nulls, segment(Prisma.sql`${c} IS NOT NULL`)] : [nulls];
  }
  if (direction === "asc") return [segment(Prisma.sql`${c} >= ${value} AND (${c} > ${value} OR (${c} = ${value} AND ${past}))`)];
  return [segment(Prisma.sql`${c} <= ${value} AND (${c} < ${value} OR (${c} = ${value} AND ${past}))`), segment(Prisma.sql`${c} IS NULL`)];
}

/** The stored statuses (and ages) that make up one display status, each served by the status index. */
function statusParts(status: DisplayStatus, nowMs: number): Prisma.Sql[] {
  return displayStatusParts(status, new Date(nowMs)).map((part) => Prisma.raw(part));
}

function statusSegments(direction: ScanDirection, start: KeysetPosition | null, nowMs: number): Segment[] {
  const statuses = direction === "asc" ? [...CONNECTION_STATUSES] : [...CONNECTION_STATUSES].reverse();
  const from = start ? statuses.indexOf(start.key?.value as DisplayStatus) : 0;
  // A position of no known status (a cursor from an older page) starts the order again.
  return statuses.slice(Math.max(from, 0)).map((status, i) => {
    const parts = statusParts(status, nowMs);
    return { column: null, parts: start && i === 0 && from >= 0 ? parts.map((part) => Prisma.sql`${part} AND ${startPast(direction, start)}`) : parts };
  });
}

/** The segments of `sort` from `start` on, in `direction`. */
function segmentsOf(sort: ConnectionSort, direction: ScanDirection, start: KeysetPosition | null, nowMs: number): Segment[] {
  if (sort === "start") return [{ column: null, parts: [start ? startPast(direction, start) : Prisma.sql`1 = 1`] }];
  if (sort === "status") return statusSegments(direction, start, nowMs);
  return columnSegments(sort, direction, start);
}

/** The SQL of one part of a segment: exported so that a test can ask SQLite for its plan. */
export function segmentQuery(where: Prisma.Sql, segment: Segment, part: Prisma.Sql, direction: ScanDirection, want: number): Prisma.Sql {
  const dir = Prisma.raw(direction === "asc" ? "ASC" : "DESC");
  const orderBy = segment.column
    ? Prisma.sql`${Prisma.raw(`"${segment.column}"`)} ${dir}, "startedAt" ${dir}, "attemptId" ${dir}`
    : Prisma.sql`"startedAt" ${dir}, "attemptId" ${dir}`;
  return Prisma.sql`SELECT * FROM "Connection" WHERE ${where} AND ${part} ORDER BY ${orderBy} LIMIT ${want}`;
}

/** Every query a read of `sort` from `start` may run, for the plan test. */
export function sortQueries(where: Prisma.Sql, sort: ConnectionSort, direction: ScanDirection, start: KeysetPosition | null, nowMs: number): Prisma.Sql[] {
  return segmentsOf(sort, direction, start, nowMs).flatMap((segment) => segment.parts.map((part) => segmentQuery(where, segment, part, direction, 1)));
}

function byStart(direction: ScanDirection) {
  const sign = direction === "asc" ? 1 : -1;
  return (a: Connection, b: Connection) =>
    sign * (a.startedAt.getTime() - b.startedAt.getTime() || (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0));
}

/** Up to `want` connections matching `where`, strictly past `start` in `direction` of `sort`'s order. */
export async function readSortedConnections(
  db: Db,
  where: Prisma.Sql,
  sort: ConnectionSort,
  direction: ScanDirection,
  start: KeysetPosition | null,
  want: number,
  nowMs: number,
): Promise<Connection[]> {
  const rows: Connection[] = [];
  for (const segment of segmentsOf(sort, direction, start, nowMs)) {
    const left = want - rows.length;
    if (left <= 0) break;
    // Rows of our own table, typed by Prisma from the column types.
    const parts = await Promise.all(segment.parts.map((part) => db.$queryRaw<Connection[]>(segmentQuery(where, segment, part, direction, left))));
    const merged = parts.length === 1 ? parts[0]! : parts.flat().sort(byStart(direction));
    rows.push(...merged.slice(0, left));
  }
  return rows;
}
