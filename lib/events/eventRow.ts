import { z } from "zod";
import { boundsViolation } from "../parsec/jsonBounds";
import { DOCUMENTED_EVENT_FIELDS, parsecEventSchema } from "../parsec/schemas";
import type { Event } from "../generated/prisma/client";

/**
 * The two directions between Parsec's event and our stored row. Everything Parsec sent is kept
 * (undocumented `data` fields in `data`, undocumented top-level fields in `extra`), so
 * `toParsecEvent(toEventRow(e))` means exactly what `e` meant.
 */

/** A stored event's columns, all of them but the time we stored it and its place in the change sequence (storeEvents gives it). */
export type EventRow = Omit<Event, "storedAt" | "changeSeq" | "insertSeq">;

export type EventRowResult = { ok: true; row: EventRow } | { ok: false; reason: string; eventId: string | null };

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };
const documented = new Set<string>(DOCUMENTED_EVENT_FIELDS);

export function toEventRow(raw: unknown): EventRowResult {
  // Before anything walks it: zod and JSON.stringify recurse, and overflow on a hostile depth.
  const outOfBounds = boundsViolation(raw);
  if (outOfBounds !== null) return { ok: false, reason: outOfBounds, eventId: idOf(raw) };
  const parsed = parsecEventSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: describeIssues(parsed.error), eventId: idOf(raw) };
  }
  const event = parsed.data;
  if (event.user_id < INT32.min || event.user_id > INT32.max) {
    return { ok: false, reason: `user_id: ${event.user_id} is outside the supported range`, eventId: event.id };
  }
  const occurredAt = new Date(event.timestamp);
  if (Number.isNaN(occurredAt.getTime())) {
    return { ok: false, reason: `timestamp: ${event.timestamp} is not a date this viewer can read`, eventId: event.id };
  }
  const extraEntries = Object.entries(event).filter(([key]) => !documented.has(key));
  const data = event.data;
  return {
    ok: true,
    row: {
      id: event.id,
      name: event.name,
      timestamp: event.timestamp,
      occurredAt,
      userId: event.user_id,
      teamId: event.team_id,
      userEmail: event.user_email ?? null,
      data: JSON.stringify(data),
      extra: extraEntries.length > 0 ? JSON.stringify(Object.fromEntries(extraEntries)) : null,
      attemptId: text(data.attempt_id),
      exitCode: integer(data.exit_code),
      duration: number(data.duration),
      hostComputerName: text(data.host_computer_name),
      clientComputerName: text(data.client_computer_name),
      hostPeerId: text(data.host_peer_id),
      clientPeerId: text(data.client_peer_id),
      hostUserId: integer(data.host_user_id),
      clientUserId: integer(data.client_user_id),
      ip: text(data.ip),
      platform: text(data.platform),
    },
  };
}

/** The stored row back in Parsec's own shape and key order (the documented example's). */
export function toParsecEvent(row: Pick<Event, "id" | "name" | "timestamp" | "userId" | "teamId" | "userEmail" | "data" | "extra">): Record<string, unknown> {
  const event: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    timestamp: row.timestamp,
    user_id: row.userId,
    team_id: row.teamId,
    data: JSON.parse(row.data) as unknown,
  };
  if (row.userEmail !== null) event.user_email = row.userEmail;
  if (row.extra !== null) Object.assign(event, JSON.parse(row.extra) as Record<string, unknown>);
  return event;
}

/** The columns a re-delivered event may legitimately change (Parsec reports the user's current email). */
export const CONTENT_COLUMNS = ["name", "timestamp", "userId", "teamId", "userEmail", "data", "extra"] as const;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "event"}: ${issue.message}`)
    .join("; ");
}

function idOf(raw: unknown): string | null {
  if (raw && typeof raw === "object" && "id" in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === "string" && id.length > 0 && id.length <= 128) return id;
  }
  return null;
}

// Parsec's `data` is open-ended and undocumented in places: pull columns out leniently and leave
// anything odd to the JSON, where it is kept verbatim. Exported for lib/connections, which reads
// the same fields the same way.
export function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function number(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

function integer(value: unknown): number | null {
  const n = number(value);
  return n !== null && Number.isInteger(n) && n >= INT32.min && n <= INT32.max ? n : null;
}
