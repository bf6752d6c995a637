import type { EventOrder } from "../explorerUrl/explorerParams";
import { encodeCursor, type EventCursor } from "./eventCursor";
import type { KeysetPosition, ScanDirection } from "./scanEvents";

export interface KeysetPage<Row> {
  rows: Row[];
  /** The page after this one in the order shown, or null at the end. */
  nextCursor: string | null;
  /** The page before this one in the order shown, or null at the start. */
  previousCursor: string | null;
}

/**
 * Reads up to `want` rows strictly past `start` (from the very start when null) in `direction`
 * of the table's (time, id) order.
 */
export type ReadRows<Row> = (direction: ScanDirection, start: KeysetPosition | null, want: number) => Promise<Row[]>;

/**
 * One page of a table in (time, id) order, newest or oldest first, by keyset position (never
 * OFFSET): the events explorer and the connections table page the same way. One row more than
 * the page is read to tell whether another page follows.
 */
export async function readKeysetPage<Row>(options: {
  order: EventOrder;
  cursor: EventCursor | null;
  limit: number;
  read: ReadRows<Row>;
  positionOf: (row: Row) => KeysetPosition;
}): Promise<KeysetPage<Row>> {
  const { order, cursor, limit, read, positionOf } = options;
  const shown: ScanDirection = order === "newest" ? "desc" : "asc";
  const readPage = async (direction: ScanDirection, start: KeysetPosition | null) => {
    const rows = await read(direction, start, limit + 1);
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  };
  const page = (rows: Row[], has: { next: boolean; previous: boolean }): KeysetPage<Row> => {
    const first = rows[0];
    const last = rows[rows.length - 1];
    return {
      rows,
      nextCursor: has.next && last !== undefined ? encodeCursor({ direction: "after", ...positionOf(last) }) : null,
      previousCursor: has.previous && first !== undefined ? encodeCursor({ direction: "before", ...positionOf(first) }) : null,
    };
  };
  if (cursor?.direction === "before") {
    // Read backwards from the cursor, then turn the rows round into the order shown.
    const { rows, more } = await readPage(shown === "asc" ? "desc" : "asc", cursor);
    // Fewer rows than a page before the cursor: this is the start, shown as a full first page.
    if (!more && rows.length < limit) return readKeysetPage({ ...options, cursor: null });
    rows.reverse();
    return page(rows, { next: true, previous: more });
  }
  const { rows, more } = await readPage(shown, cursor);
  return page(rows, { next: more, previous: cursor !== null && rows.length > 0 });
}
