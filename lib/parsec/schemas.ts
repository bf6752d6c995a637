import { z } from "zod";

/**
 * The wire shapes of Parsec's team audit-log API, as documented (see ../shared/parsec-api.md).
 * Events are validated one by one: a single bad event must not take its page down with it.
 */

/** RFC 3339 with any number of fractional digits; the original string is what we keep. */
export const rfc3339 = z.iso.datetime({ offset: true });

export const parsecEventSchema = z.looseObject({
  // Documented as 27 base62 characters, KSUID-like. We only insist on what our store needs, so a
  // change of id format at Parsec degrades nothing.
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(256),
  timestamp: rfc3339,
  user_id: z.number().int(),
  team_id: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  // The user's *current* email; documented as optional. A null is treated as absent.
  user_email: z.string().nullish(),
});
export type ParsecEvent = z.infer<typeof parsecEventSchema>;

/** The documented top-level fields; anything else Parsec sends is kept in the event's `extra`. */
export const DOCUMENTED_EVENT_FIELDS = ["id", "name", "timestamp", "user_id", "team_id", "data", "user_email"] as const;

/** A page of events. The items stay `unknown` here and are validated one by one. */
export const eventsPageSchema = z.object({
  data: z.array(z.unknown()),
  // Empty string (documented) or absent/null means there are no more pages.
  next_cursor: z.string().nullish(),
});
export type EventsPage = z.infer<typeof eventsPageSchema>;

/** Error bodies: `{"message": "..."}`. */
export const errorBodySchema = z.object({ message: z.string() });

/** Query parameters of GET /v1/teams/{teamID}/events. */
export const eventsQuerySchema = z.object({
  limit: z.number().int().min(1).max(1000),
  start_at: rfc3339.optional(),
  end_at: rfc3339.optional(),
  user_id: z.number().int().optional(),
  event_names: z.array(z.string().min(1)).optional(),
  cursor: z.string().min(1).optional(),
  after: z.string().min(1).optional(),
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;
