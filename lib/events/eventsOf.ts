import type { Db } from "../store/client";
import { toEventListRow, type EventListRow } from "./queryEvents";
import { SCANNED_EVENT_SELECT, type ScannedEvent } from "./scanEvents";

/** A stored event for the server-rendered tables of one connection or one user: the table's fields and the stored `data` as JSON. */
export type StoredEventRow = EventListRow & { data: string };

const toStoredEventRow = (row: ScannedEvent): StoredEventRow => ({ ...toEventListRow(row), data: row.data });

/** Every stored event of one connection attempt, in the order they happened. */
export async function attemptEvents(db: Db, attemptId: string): Promise<StoredEventRow[]> {
  const rows = await db.event.findMany({
    where: { attemptId },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    select: SCANNED_EVENT_SELECT,
  });
  return rows.map(toStoredEventRow);
}

/**
 * A user's administrative actions (events that belong to no connection attempt) in a window,
 * newest first, at most `take`; walks the (userId, occurredAt) index.
 */
export async function userAdminActions(
  db: Db,
  userId: number,
  window: { startMs: number; endMs: number },
  take: number,
): Promise<{ rows: StoredEventRow[]; more: boolean }> {
  const rows = await db.event.findMany({
    where: { userId, attemptId: null, occurredAt: { gte: new Date(window.startMs), lt: new Date(window.endMs) } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: SCANNED_EVENT_SELECT,
  });
  return { rows: rows.slice(0, take).map(toStoredEventRow), more: rows.length > take };
}
