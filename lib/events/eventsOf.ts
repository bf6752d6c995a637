import type { Db } from "../db/client";
import { toEventListRow, type EventListRow } from "./queryEvents";
import { SCANNED_EVENT_SELECT } from "./scanEvents";

/** Every stored event of one connection attempt, in the order they happened. */
export async function attemptEvents(db: Db, attemptId: string): Promise<EventListRow[]> {
  const rows = await db.event.findMany({
    where: { attemptId },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    select: SCANNED_EVENT_SELECT,
  });
  return rows.map(toEventListRow);
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
): Promise<{ rows: EventListRow[]; more: boolean }> {
  const rows = await db.event.findMany({
    where: { userId, attemptId: null, occurredAt: { gte: new Date(window.startMs), lt: new Date(window.endMs) } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: SCANNED_EVENT_SELECT,
  });
  return { rows: rows.slice(0, take).map(toEventListRow), more: rows.length > take };
}
