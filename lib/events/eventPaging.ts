import { z } from "zod";
import {
  CONNECTION_SORTS,
  DEFAULT_CONNECTION_SORT,
  DEFAULT_EVENT_ORDER,
  DEFAULT_EVENT_SORT,
  EVENT_SORTS,
  DEFAULT_PAGE_SIZE,
  EVENT_ORDERS,
  PAGE_SIZES,
  type PagingParam,
  type PageSize,
} from "../explorerUrl/explorerParams";
import { eventCursorSchema } from "./eventCursor";
import { single } from "./paramSchemas";
import { paramMessage } from "./paramMessages";

/** The explorer's paging parameters: page size, order and the page's position. */
const pageSize = z
  .string()
  .trim()
  .refine((v) => (PAGE_SIZES as readonly number[]).includes(Number(v)), { message: paramMessage({ reason: "oneOf", choices: PAGE_SIZES }) })
  .transform((v) => Number(v) as PageSize);

export const eventPagingSchema = z.object({
  limit: single(pageSize).transform((v) => v ?? DEFAULT_PAGE_SIZE),
  order: single(z.enum(EVENT_ORDERS, { error: paramMessage({ reason: "oneOf", choices: EVENT_ORDERS }) })).transform((v) => v ?? DEFAULT_EVENT_ORDER),
  cursor: single(eventCursorSchema),
} satisfies Record<PagingParam, z.ZodType>);

export type EventPaging = z.output<typeof eventPagingSchema>;

/** The events explorer's `sort`. */
export const eventSortSchema = z.object({
  sort: single(z.enum(EVENT_SORTS, { error: paramMessage({ reason: "oneOf", choices: EVENT_SORTS }) })).transform((v) => v ?? DEFAULT_EVENT_SORT),
});

/** The connections table's `sort`: the same parameter, its own columns. */
export const connectionSortSchema = z.object({
  sort: single(z.enum(CONNECTION_SORTS, { error: `must be ${CONNECTION_SORTS.join(", ")}` })).transform((v) => v ?? DEFAULT_CONNECTION_SORT),
});
