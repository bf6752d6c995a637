import { rfc3339 } from "../schemas";
import { decodeKsuid, KSUID_WORDS } from "./ksuid";
import { parseTimestampMicros } from "./timestamps";

/**
 * The query string of the events endpoint, checked the way the documentation states it: `limit`
 * required, 1..1000; dates RFC 3339; `user_id` an integer; `cursor` (inclusive) or `after`
 * (exclusive) an event id. Every rejection names the parameter, as a 400 message should.
 */

export interface PageRequest {
  limit: number;
  /** Inclusive bounds on the event time, in microseconds. */
  startUs?: number;
  endUs?: number;
  userId?: number;
  eventNames?: string[];
  cursor?: Uint32Array;
  after?: Uint32Array;
}

export type ParsedQuery = { ok: true; request: PageRequest } | { ok: false; message: string };

export const INVALID_CURSOR = "invalid cursor";

export function parseEventsQuery(params: URLSearchParams): ParsedQuery {
  const fail = (message: string): ParsedQuery => ({ ok: false, message });

  const limitText = params.get("limit");
  if (limitText === null || limitText === "") return fail("limit is required");
  if (!/^\d{1,7}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 1000) {
    return fail("limit must be an integer between 1 and 1000");
  }
  const request: PageRequest = { limit: Number(limitText) };

  for (const [param, key, rounding] of [
    ["start_at", "startUs", "ceil"],
    ["end_at", "endUs", "floor"],
  ] as const) {
    const text = params.get(param);
    if (text === null) continue;
    const micros = rfc3339.safeParse(text).success ? parseTimestampMicros(text, rounding) : null;
    if (micros === null) return fail(`${param} must be an RFC 3339 date-time`);
    request[key] = micros;
  }

  const userText = params.get("user_id");
  if (userText !== null) {
    if (!/^-?\d{1,15}$/.test(userText)) return fail("user_id must be an integer");
    request.userId = Number(userText);
  }

  // Comma-separated as documented; a repeated parameter is accepted too.
  const names = params
    .getAll("event_names")
    .flatMap((v) => v.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length > 0) request.eventNames = names;

  const cursor = params.get("cursor");
  const after = params.get("after");
  if (cursor !== null && after !== null) return fail("cursor and after cannot be used together");
  for (const [text, key] of [
    [cursor, "cursor"],
    [after, "after"],
  ] as const) {
    if (text === null) continue;
    const id = new Uint32Array(KSUID_WORDS);
    if (!decodeKsuid(text, id)) return fail(INVALID_CURSOR);
    request[key] = id;
  }
  return { ok: true, request };
}
