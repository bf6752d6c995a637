import { ResourceNotFoundError } from "../http/requestErrors";
import type { SqliteConnection } from "../store/sqlite";
import { getStore } from "../store/store";
import { toParsecEvent } from "./eventRow";
import { withSummaries, type EventListRow } from "./queryEvents";
import { findScannedEvent } from "./scanEvents";

/**
 * What an opened row of the explorer shows: the stored event in Parsec's shape (every field, the
 * whole `data`), and the fields the viewer pulled out of it, as the table's row has them.
 */
export interface EventDetail {
  event: Record<string, unknown>;
  row: EventListRow;
}

/** The detail of one stored event; null when no event has this id. */
export function findEventDetail(sqlite: SqliteConnection, id: string): EventDetail | null {
  const stored = findScannedEvent(sqlite, id);
  return stored ? { event: toParsecEvent(stored), row: withSummaries(sqlite, [stored])[0]! } : null;
}

/** The detail of the stored event `id`, for GET /events/detail; a ResourceNotFoundError when none has it. */
export async function showEventDetail(id: string): Promise<EventDetail> {
  const detail = findEventDetail((await getStore()).sqlite, id);
  if (!detail) throw new ResourceNotFoundError(`No stored event has the id ${JSON.stringify(id)}.`);
  return detail;
}
