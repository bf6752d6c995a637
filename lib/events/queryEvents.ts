import type { SqliteConnection } from "../store/sqlite";
import type { EventOrder, EventSort } from "../explorerUrl/explorerParams";
import { summarizeAdminEvent, summaryUserIds, type AdminSummary } from "./admin/adminSummary";
import type { EventCursor } from "./eventCursor";
import { eventPerspectives, type Perspective } from "./eventPerspective";
import { matchesExactly, needsExactCheck, type EventFilters } from "./eventFilters";
import { eventFiltersSql } from "./eventFiltersSql";
import { planSearch, searchRowMatcher, SEARCH_WALK_LIMIT, type SearchPlan } from "./eventSearch";
import { readKeysetPage, type KeysetPage } from "./keysetPage";
import { userEmails } from "./admin/userEmails";
import { positionOf, scanEvents, type KeysetPosition, type ScanDirection, type ScannedEvent } from "./scanEvents";

/**
 * One event as the explorer's table shows it: plain values only, ready to hand to the browser, and
 * only what the columns show. The whole event (its `data`) is fetched when a row is opened
 * (`/events/detail`): a page of full events weighed ~200 KB of payload nobody had asked for yet.
 */
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
  /** Shown with its name and meaning from the catalogue: exitCodeViewsOf(the page's codes), once per code. */
  exitCode: number | null;
  duration: number | null;
  attemptId: string | null;
  /** What an administrative event did, in one line (adminSummary.ts); null for other events. */
  summary: AdminSummary | null;
  /** The side a connection event was recorded from, whose device its ip and platform are (eventPerspective.ts); null when not known. */
  perspective: Perspective | null;
}

export interface EventPageRequest {
  filters: EventFilters;
  limit: number;
  order: EventOrder;
  cursor: EventCursor | null;
  /** Time unless said otherwise; `order` is its direction (newest = descending). */
  sort?: EventSort;
}

export type EventPage = KeysetPage<EventListRow>;

/**
 * One page of the events matching the filters, newest or oldest first, by keyset position
 * (never OFFSET). Where the database can only select a superset (see `needsExactCheck`), rows are
 * checked exactly and reading goes on until the page is full. `search` is how `q` is applied
 * (planSearch); the page's count and histogram pass the same one.
 */
export async function queryEvents(sqlite: SqliteConnection, request: EventPageRequest, search?: SearchPlan): Promise<EventPage> {
  const plan = search ?? planSearch(sqlite, request.filters.q);
  const page = await readKeysetPage({
    order: request.order,
    cursor: request.cursor,
    limit: request.limit,
    read: (direction, start, want) => readMatching(sqlite, request.filters, plan, request.sort ?? "time", direction, start, want),
    positionOf: (row) => positionOf(row, request.sort),
  });
  return { ...page, rows: withSummaries(sqlite, page.rows) };
}

/**
 * The rows as the table shows them: administrative events summarised with the emails of a page
 * found in one query, connection events labelled by the side that recorded them (one query more).
 */
export function withSummaries(sqlite: SqliteConnection, rows: ScannedEvent[]): EventListRow[] {
  const emails = userEmails(sqlite, rows.flatMap(summaryUserIds));
  const emailOf = (userId: number) => emails.get(userId) ?? null;
  const perspectives = eventPerspectives(sqlite, rows);
  return rows.map((row, i) => ({ ...toEventListRow(row, summarizeAdminEvent(row, emailOf)), perspective: perspectives[i]! }));
}

async function readMatching(
  sqlite: SqliteConnection,
  filters: EventFilters,
  search: SearchPlan,
  sort: EventSort,
  direction: ScanDirection,
  start: KeysetPosition | null,
  want: number,
  walkFirst = true,
): Promise<ScannedEvent[]> {
  const exact = needsExactCheck(filters);
  // A broad search walks the rows in order checking each itself first (see SEARCH_WALK_LIMIT).
  const walkMatcher = walkFirst && search.kind === "index-filtered" && filters.q !== undefined ? searchRowMatcher(filters.q, search.codes) : null;
  const keep = (row: ScannedEvent) => (walkMatcher === null || walkMatcher(row)) && (!exact || matchesExactly(row, filters));
  // With a check here, larger batches keep the number of queries down when the database lets
  // many non-matching rows through.
  const batchSize = walkMatcher ? Math.max(want, 100) : exact ? Math.max(want, 500) : want;
  const rows: ScannedEvent[] = [];
  let examined = 0;
  const where = eventFiltersSql(filters, walkMatcher ? { kind: "none" } : search);
  for await (const batch of scanEvents(sqlite, where, { direction, start, sort, batchSize })) {
    rows.push(...batch.filter(keep));
    if (rows.length >= want) break;
    examined += batch.length;
    if (walkMatcher && examined >= SEARCH_WALK_LIMIT) {
      // Sparse matches here: the search index finds the rest, from where the walk stopped.
      const stoppedAt = positionOf(batch[batch.length - 1]!, sort);
      return [...rows, ...(await readMatching(sqlite, filters, search, sort, direction, stoppedAt, want - rows.length, false))];
    }
  }
  return rows.slice(0, want);
}

export function toEventListRow(row: Omit<ScannedEvent, "data" | "extra" | "teamId">, summary: AdminSummary | null = null): EventListRow {
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
    duration: row.duration,
    attemptId: row.attemptId,
    summary,
    perspective: null,
  };
}
