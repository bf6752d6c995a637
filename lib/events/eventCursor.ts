import { z } from "zod";
import { CONNECTION_SORTS, EVENT_SORTS, type ConnectionSort, type EventSort } from "../explorerUrl/explorerParams";
import { paramMessage } from "./paramMessages";

/**
 * Where a page of the explorer starts: just after or just before one event, in the order shown.
 * Keyset paging positions on (occurredAt, id), a total order even where many events share a
 * millisecond. Opaque to the URL (base64url of JSON) so that nobody builds one by hand, and
 * checked like any other input when it comes back.
 */
export interface EventCursor {
  /** `after`: the page of events that follow this one in the order shown; `before`: those that precede it. */
  direction: "after" | "before";
  /** The event's occurredAt, Unix milliseconds. */
  at: number;
  id: string;
  /** Sorted by another column than time: that column and the event's value in it (null where it has none). */
  key?: SortKey;
}

/** A sort of the explorer or of the connections table other than by time. */
export type KeyedSort = Exclude<EventSort, "time"> | Exclude<ConnectionSort, "start">;
const KEYED_SORTS = [...new Set([...EVENT_SORTS, ...CONNECTION_SORTS])].filter((sort) => sort !== "time" && sort !== "start") as [KeyedSort, ...KeyedSort[]];

export interface SortKey {
  sort: KeyedSort;
  value: string | number | null;
}

const cursorJsonSchema = z.object({
  d: z.enum(["after", "before"]),
  t: z.number().int().min(0).max(8_640_000_000_000_000),
  id: z.string().min(1).max(128),
  s: z.enum(KEYED_SORTS).optional(),
  // A duration is a number of seconds with a fraction.
  k: z.union([z.string().max(512), z.number().finite(), z.null()]).optional(),
});

export function encodeCursor(cursor: EventCursor): string {
  const key = cursor.key ? { s: cursor.key.sort, k: cursor.key.value } : {};
  const json = JSON.stringify({ d: cursor.direction, t: cursor.at, id: cursor.id, ...key });
  return Buffer.from(json, "utf8").toString("base64url");
}

export const CURSOR_MESSAGE = paramMessage({ reason: "cursor" });

/** The cursor text of a URL, decoded and validated; anything else is a zod issue. */
export const eventCursorSchema = z
  .string()
  .trim()
  .max(1_200, { message: CURSOR_MESSAGE })
  .regex(/^[A-Za-z0-9_-]+$/, { message: CURSOR_MESSAGE })
  .transform((text, ctx): EventCursor => {
    const parsed = cursorJsonSchema.safeParse(parseJson(Buffer.from(text, "base64url").toString("utf8")));
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: CURSOR_MESSAGE, input: text });
      return z.NEVER;
    }
    const { d, t, id, s, k } = parsed.data;
    return { direction: d, at: t, id, ...(s === undefined ? {} : { key: { sort: s, value: k ?? null } }) };
  });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
