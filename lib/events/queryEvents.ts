import type { Db } from "../db/client";
import type { EventOrder } from "../explorerUrl/explorerParams";
import { exitCodeView, type ExitCodeView } from "../parsec/exitCodeView";
import { encodeCursor, type EventCursor } from "./eventCursor";
import { eventFiltersWhere, matchesExactly, needsExactCheck, type EventFilters } from "./eventFilters";
import { toParsecEvent } from "./eventRow";
import { positionOf, scanEvents, type KeysetPosition, type ScanDirection, type ScannedEvent } from "./scanEvents";

/** One event as the explorer's table shows it: plain values only, ready to hand to the browser. */
export interface EventListRow {
  id: string;
  name: string;
  /** Parsec's original timestamp string (it may carry more than milliseconds). */
  timestamp: string;
  /** The same instant as an ISO string in UTC, milliseconds. */
  occurredAt: string;
  userId: number;
  userEmail: string | null;
  hostComputerName: string | null;
  clientComputerName: string | null;
  ip: string | null;
  platform: string | null;
  exitCode: number | null;
  /** The exit code with its name and meaning from the catalogue, ready to show. */
  exitCodeView: ExitCodeView | null;
  duration: number | null;
  attemptId: string | null;
  /** The whole event in Parsec's shape, as JSON: what the row's detail shows and copies. */
  eventJson: string;
}

export interface EventPageRequest {
  filters: EventFilters;
  limit: number;
  order: EventOrder;
  cursor: EventCursor | null;
}

export interface EventPage {
  rows: EventListRow[];
  /** The page after this one in the order shown, or null at the end. */
  nextCursor: string | null;
  /** The page before this one in the order shown, or null at the start. */
  previousCursor: string | null;
}

/**
 * One page of the events matching the filters, newest or oldest first, by keyset position
 * (never OFFSET). Where the database can only select a superset (see `needsExactCheck`), rows are
 * checked exactly and reading goes on until the page is full.
 */
export async function queryEvents(db: Db, request: EventPageRequest): Promise<EventPage> {
  const { limit, order, cursor } = request;
  const shown: ScanDirection = order === "newest" ? "desc" : "asc";
  if (cursor?.direction === "before") {
    // Read backwards from the cursor, then turn the rows round into the order shown.
    const { rows, more } = await readMatching(db, request.filters, opposite(shown), cursor, limit);
    // Fewer rows than a page before the cursor: this is the start, shown as a full first page.
    if (!more && rows.length < limit) return queryEvents(db, { ...request, cursor: null });
    rows.reverse();
    return page(rows, { next: true, previous: more });
  }
  const { rows, more } = await readMatching(db, request.filters, shown, cursor, limit);
  return page(rows, { next: more, previous: cursor !== null && rows.length > 0 });
}

async function readMatching(
  db: Db,
  filters: EventFilters,
  direction: ScanDirection,
  start: KeysetPosition | null,
  limit: number,
): Promise<{ rows: ScannedEvent[]; more: boolean }> {
  const exact = needsExactCheck(filters);
  // One more row than the page tells whether another page follows. With the exact check, larger
  // batches keep the number of queries down when the database lets many non-matching rows through.
  const want = limit + 1;
  const rows: ScannedEvent[] = [];
  for await (const batch of scanEvents(db, eventFiltersWhere(filters), { direction, start, batchSize: exact ? Math.max(want, 500) : want })) {
    rows.push(...(exact ? batch.filter((row) => matchesExactly(row, filters)) : batch));
    if (rows.length >= want) break;
  }
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

function page(rows: ScannedEvent[], has: { next: boolean; previous: boolean }): EventPage {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows: rows.map(toEventListRow),
    nextCursor: has.next && last ? encodeCursor({ direction: "after", ...positionOf(last) }) : null,
    previousCursor: has.previous && first ? encodeCursor({ direction: "before", ...positionOf(first) }) : null,
  };
}

const opposite = (direction: ScanDirection): ScanDirection => (direction === "asc" ? "desc" : "asc");

export function toEventListRow(row: ScannedEvent): EventListRow {
  return {
    id: row.id,
    name: row.name,
    timestamp: row.timestamp,
    occurredAt: row.occurredAt.toISOString(),
    userId: row.userId,
    userEmail: row.userEmail,
    hostComputerName: row.hostComputerName,
    clientComputerName: row.clientComputerName,
    ip: row.ip,
    platform: row.platform,
    exitCode: row.exitCode,
    exitCodeView: exitCodeView(row.exitCode),
    duration: row.duration,
    attemptId: row.attemptId,
    eventJson: JSON.stringify(toParsecEvent(row)),
  };
}
