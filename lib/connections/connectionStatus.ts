import type { Prisma } from "../generated/prisma/client";
import type { ConnectionStatus } from "./stitchConnection";

/**
 * The status a person sees. The stored status is a function of the events alone; two of its
 * values also depend on the clock, so they are decided when read, never stored:
 * - "open" (connected, no disconnect yet) is "active" while its last event is recent, and
 *   "stale" once it is older than any session runs: its disconnect was lost (both sides' of it,
 *   since either one closes it), so it is shown as not closed and no longer counted as connected.
 * - "connecting" (offer seen, no completion) is "connecting" for a few minutes, then
 *   "incomplete": Parsec gives up on an attempt long before that (approval waits last a minute).
 * This module says it once, for JavaScript (`displayStatus`), for raw SQL (`displayStatusSql`,
 * `displayStatusCondition`) and for Prisma (`displayStatusWhere`), so that a filter and a label
 * can never disagree.
 */
export type DisplayStatus = "connecting" | "failed" | "active" | "stale" | "ended" | "incomplete";

export const DISPLAY_STATUSES: readonly DisplayStatus[] = ["connecting", "failed", "active", "stale", "ended", "incomplete"];

/**
 * How long a connection may go without a disconnect before it is taken for one whose disconnect was
 * lost rather than one still running: longer than anyone keeps a Parsec session open in a working
 * day with a margin (the simulator's longest session is 16 h), short enough that a lost disconnect
 * stops counting as connected by the next day.
 */
export const OPEN_CONNECTION_MAX_AGE_MS = 24 * 3_600_000;
/** The same, in the hours the page's explanations name. */
export const STALE_AFTER_HOURS = OPEN_CONNECTION_MAX_AGE_MS / 3_600_000;
/** An attempt waits at most a minute or so for approval; a quarter of an hour is well past that. */
export const CONNECTING_MAX_AGE_MS = 15 * 60_000;

export function displayStatus(row: { status: string; lastEventAt: Date | number }, now: Date): DisplayStatus {
  const age = now.getTime() - (typeof row.lastEventAt === "number" ? row.lastEventAt : row.lastEventAt.getTime());
  switch (row.status as ConnectionStatus) {
    case "open":
      return age <= OPEN_CONNECTION_MAX_AGE_MS ? "active" : "stale";
    case "connecting":
      return age <= CONNECTING_MAX_AGE_MS ? "connecting" : "incomplete";
    case "failed":
    case "ended":
    case "incomplete":
      return row.status as DisplayStatus;
    default:
      return "incomplete";
  }
}

/** The oldest `lastEventAt` (Unix ms) that still counts as active / as connecting at `now`. */
function cutoffs(now: Date): { open: number; connecting: number } {
  const ms = Math.floor(now.getTime());
  return { open: ms - OPEN_CONNECTION_MAX_AGE_MS, connecting: ms - CONNECTING_MAX_AGE_MS };
}

function column(alias: string | undefined, name: string): string {
  return alias ? `${alias}."${name}"` : `"${name}"`;
}

/**
 * A SQL expression for the display status of a Connection row, e.g.
 * `SELECT ${displayStatusSql(now, "c")} AS status FROM "Connection" c`. The times are integer
 * literals computed here (DateTime columns hold Unix ms), so the text is safe to splice in.
 */
export function displayStatusSql(now: Date, alias?: string): string {
  const { open, connecting } = cutoffs(now);
  const status = column(alias, "status");
  const last = column(alias, "lastEventAt");
  return (
    `(CASE WHEN ${status} = 'open' THEN (CASE WHEN ${last} >= ${open} THEN 'active' ELSE 'stale' END)` +
    ` WHEN ${status} = 'connecting' THEN (CASE WHEN ${last} >= ${connecting} THEN 'connecting' ELSE 'incomplete' END)` +
    ` ELSE ${status} END)`
  );
}

/**
 * A SQL condition selecting the rows whose display status is `wanted`, written so that the
 * (status, startedAt, attemptId) index serves it. Safe to splice in (see displayStatusSql).
 */
export function displayStatusCondition(wanted: DisplayStatus, now: Date, alias?: string): string {
  const parts = displayStatusParts(wanted, now, alias);
  return parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`;
}

/**
 * The same condition as alternatives, each on one stored status (an equality the status index
 * seeks): "incomplete" is two of them, which the status sort reads one by one.
 */
export function displayStatusParts(wanted: DisplayStatus, now: Date, alias?: string): string[] {
  const { open, connecting } = cutoffs(now);
  const status = column(alias, "status");
  const last = column(alias, "lastEventAt");
  switch (wanted) {
    case "active":
      return [`(${status} = 'open' AND ${last} >= ${open})`];
    case "stale":
      return [`(${status} = 'open' AND ${last} < ${open})`];
    case "connecting":
      return [`(${status} = 'connecting' AND ${last} >= ${connecting})`];
    case "incomplete":
      return [`(${status} = 'incomplete')`, `(${status} = 'connecting' AND ${last} < ${connecting})`];
    case "failed":
    case "ended":
      return [`(${status} = '${wanted}')`];
  }
}

/** The same condition for Prisma: `db.connection.findMany({ where: displayStatusWhere("active", now) })`. */
export function displayStatusWhere(wanted: DisplayStatus, now: Date): Prisma.ConnectionWhereInput {
  const { open, connecting } = cutoffs(now);
  switch (wanted) {
    case "active":
      return { status: "open", lastEventAt: { gte: new Date(open) } };
    case "stale":
      return { status: "open", lastEventAt: { lt: new Date(open) } };
    case "connecting":
      return { status: "connecting", lastEventAt: { gte: new Date(connecting) } };
    case "incomplete":
      return {
        OR: [{ status: "incomplete" }, { status: "connecting", lastEventAt: { lt: new Date(connecting) } }],
      };
    case "failed":
    case "ended":
      return { status: wanted };
  }
}
