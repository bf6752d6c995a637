import type { Db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";

/** The columns the explorer and the export read: Parsec's event, and the columns pulled out of `data`. */
export const SCANNED_EVENT_SELECT = {
  id: true,
  name: true,
  timestamp: true,
  occurredAt: true,
  userId: true,
  teamId: true,
  userEmail: true,
  data: true,
  extra: true,
  attemptId: true,
  exitCode: true,
  duration: true,
  hostComputerName: true,
  clientComputerName: true,
  ip: true,
  platform: true,
} as const satisfies Prisma.EventSelect;

export type ScannedEvent = Prisma.EventGetPayload<{ select: typeof SCANNED_EVENT_SELECT }>;

/** A place in the (occurredAt, id) order: occurredAt in Unix milliseconds. */
export interface KeysetPosition {
  at: number;
  id: string;
}

export type ScanDirection = "asc" | "desc";

export function positionOf(row: Pick<ScannedEvent, "occurredAt" | "id">): KeysetPosition {
  return { at: row.occurredAt.getTime(), id: row.id };
}

/**
 * The events matching `where` in (occurredAt, id) order, from just past `start` (exclusive), a batch
 * at a time: keyset paging, never OFFSET, so the millionth row costs what the first does, and
 * equal timestamps are neither skipped nor repeated (the id breaks ties).
 */
export async function* scanEvents(
  db: Db,
  where: Prisma.EventWhereInput,
  options: { direction: ScanDirection; start: KeysetPosition | null; batchSize: number },
): AsyncGenerator<ScannedEvent[]> {
  const { direction, batchSize } = options;
  let position = options.start;
  for (;;) {
    const rows = await db.event.findMany({
      where: position ? { AND: [where, beyond(position, direction)] } : where,
      orderBy: [{ occurredAt: direction }, { id: direction }],
      take: batchSize,
      select: SCANNED_EVENT_SELECT,
    });
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    position = positionOf(rows[rows.length - 1]!);
  }
}

/**
 * Rows strictly past `position` in `direction`. The plain range on occurredAt is implied by the OR
 * but lets SQLite bound its walk of the (occurredAt, id) index instead of testing every row.
 */
function beyond(position: KeysetPosition, direction: ScanDirection): Prisma.EventWhereInput {
  const at = new Date(position.at);
  return direction === "asc"
    ? { occurredAt: { gte: at }, OR: [{ occurredAt: { gt: at } }, { id: { gt: position.id } }] }
    : { occurredAt: { lte: at }, OR: [{ occurredAt: { lt: at } }, { id: { lt: position.id } }] };
}
