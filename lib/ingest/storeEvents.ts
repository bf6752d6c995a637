import { stitchNewEvents } from "./connectionBacklog";
import { refreshConnections } from "./refreshConnections";
import { preparedStatements, type SqliteConnection } from "../store/sqlite";
import { describeCut, quarantineJson, quarantineText, type QuarantineRaw } from "../parsec/jsonBounds";
import { CONTENT_COLUMNS, toEventRow, type EventRow } from "../events/eventRow";
import { evaluateStoredEvents } from "../alerts/evaluation/evaluateStoredEvents";

export interface StoreCounts {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
}

/** A line of an import that was not even JSON: it is quarantined as text. */
export interface UnreadableItem {
  text: string;
  reason: string;
}

export interface StoreOptions {
  /**
   * New events that may wait before their connections are stitched (lib/ingest/
   * connectionBacklog.ts): 0, the default, stitches them in this transaction. The sync and the
   * import (through ingestPage) pass STITCH_BATCH_EVENTS and catch up in finishIngest. Events whose
   * content changed are stitched at once either way: their rows keep their place below the mark.
   */
  stitchAfterEvents?: number;
  /**
   * false: stitch nothing. Only the benchmark sets it, to measure what stitching costs. Not a
   * setting: without it the Connection table falls out of step until `npm run connections:rebuild`.
   */
  connections?: boolean;
}

export const emptyCounts = (): StoreCounts => ({ received: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0 });

export function addCounts(total: StoreCounts, more: StoreCounts): StoreCounts {
  return {
    received: total.received + more.received,
    inserted: total.inserted + more.inserted,
    updated: total.updated + more.updated,
    unchanged: total.unchanged + more.unchanged,
    quarantined: total.quarantined + more.quarantined,
  };
}

/** The columns storeEvents writes (besides storedAt and the change sequence); the sync benchmark's baseline inserts the same. */
export const STORED_EVENT_COLUMNS = [
  "id",
  "name",
  "timestamp",
  "occurredAt",
  "userId",
  "teamId",
  "userEmail",
  "data",
  "extra",
  "attemptId",
  "exitCode",
  "duration",
  "hostComputerName",
  "clientComputerName",
  "hostPeerId",
  "clientPeerId",
  "hostUserId",
  "clientUserId",
  "ip",
  "platform",
] as const satisfies readonly (keyof EventRow)[];

function prepare(connection: SqliteConnection) {
  const quoted = STORED_EVENT_COLUMNS.map((c) => `"${c}"`).join(", ");
  return {
    find: connection.prepare<[string], Pick<EventRow, "id" | "attemptId" | (typeof CONTENT_COLUMNS)[number]>>(
      `SELECT "id", "attemptId", ${CONTENT_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "Event" WHERE "id" = ?`,
    ),
    insert: connection.prepare(
      `INSERT INTO "Event" (${quoted}, "storedAt", "changeSeq", "insertSeq") VALUES (${STORED_EVENT_COLUMNS.map((c) => `@${c}`).join(", ")}, @storedAt, @changeSeq, @changeSeq)`,
    ),
    update: connection.prepare(
      `UPDATE "Event" SET ${STORED_EVENT_COLUMNS.filter((c) => c !== "id")
        .map((c) => `"${c}" = @${c}`)
        .join(", ")}, "changeSeq" = @changeSeq WHERE "id" = @id`,
    ),
    // Read from the end of its index: one lookup a page, not a scan.
    lastChangeSeq: connection.prepare<[], { seq: number }>(`SELECT coalesce(max("changeSeq"), 0) AS "seq" FROM "Event"`),
    quarantine: connection.prepare(
      `INSERT INTO "QuarantinedEvent" ("rawHash", "eventId", "raw", "reason", "source", "firstSeenAt", "lastSeenAt", "timesSeen")
       VALUES (@rawHash, @eventId, @raw, @reason, @source, @now, @now, 1)
       ON CONFLICT ("rawHash") DO UPDATE SET "lastSeenAt" = @now, "timesSeen" = "timesSeen" + 1, "reason" = @reason`,
    ),
    hasQuarantinedIds: connection.prepare(`SELECT 1 FROM "QuarantinedEvent" WHERE "eventId" IS NOT NULL LIMIT 1`),
    release: connection.prepare(`DELETE FROM "QuarantinedEvent" WHERE "eventId" = ?`),
    lastRowid: connection.prepare<[], { rowid: number }>(`SELECT coalesce(max("rowid"), 0) AS "rowid" FROM "Event"`),
    // The text must stay the one the update trigger of prisma/migrations/*_event_search indexes.
    indexSearchText: connection.prepare(
      `INSERT INTO "EventSearch" ("rowid", "text")
       SELECT "rowid", "name" || char(10) || coalesce("userEmail", '') || char(10) || "data" FROM "Event" WHERE "rowid" > ?`,
    ),
    countHours: connection.prepare(
      `INSERT INTO "EventHourCount" ("hour", "count")
       SELECT "occurredAt" / 3600000, count(*) FROM "Event" WHERE "rowid" > ? GROUP BY 1
       ON CONFLICT ("hour") DO UPDATE SET "count" = "count" + excluded."count"`,
    ),
  };
}

/**
 * The one write path for events, shared by the sync and the import: upsert by event id (a re-run
 * never duplicates; a re-delivered event whose content changed, such as a user's new email, is
 * updated), and quarantine what fails validation with its raw JSON and the reason (lib/parsec/jsonBounds.ts
 * writes it, whatever its depth, and bounds its size).
 * The connections of the attempts whose events were inserted or changed are stitched again in
 * the same transaction, unless the caller lets new events wait for a batch (StoreOptions).
 * Synchronous: call it inside the caller's `connection.transaction`, together with whatever
 * records how far the caller got, so that both commit or neither does.
 */
export function storeEvents(
  connection: SqliteConnection,
  items: readonly unknown[],
  source: string,
  unreadable: readonly UnreadableItem[] = [],
  options: StoreOptions = {},
): StoreCounts {
  const statements = preparedStatements(connection, prepare);
  const now = Date.now();
  const counts: StoreCounts = { ...emptyCounts(), received: items.length + unreadable.length };
  const rows = new Map<string, EventRow>();
  const rejects = unreadable.map((item) => quarantineRow(quarantineText(item.text), item.reason, null));
  for (const item of items) {
    const result = toEventRow(item);
    // A page may repeat an event; the later copy wins, as it would across pages.
    if (result.ok) rows.set(result.row.id, result.row);
    else rejects.push(quarantineRow(quarantineJson(item), result.reason, result.eventId));
  }
  for (const reject of rejects) statements.quarantine.run({ ...reject, source, now });
  counts.quarantined = rejects.length;

  const releaseQuarantine = statements.hasQuarantinedIds.get() !== undefined;
  // Attempts of changed events; those of new events are found above the stitch mark.
  const changedAttempts = new Set<string>();
  // New rows get rowids above the largest one (Event has no AUTOINCREMENT and is never near the
  // rowid limit), so "rowid > before" is exactly what this page inserted.
  const before = statements.lastRowid.get()?.rowid ?? 0;
  // Each insert and each change takes the next value of the change sequence, which the
  // integrations' cursors follow (lib/integrations); the caller's transaction keeps it gap-free.
  let changeSeq = statements.lastChangeSeq.get()?.seq ?? 0;
  for (const row of rows.values()) {
    const params = toParams(row);
    const current = statements.find.get(row.id);
    if (!current) {
      statements.insert.run({ ...params, storedAt: now, changeSeq: ++changeSeq });
      counts.inserted += 1;
    } else if (CONTENT_COLUMNS.some((column) => current[column] !== params[column])) {
      statements.update.run({ ...params, changeSeq: ++changeSeq });
      counts.updated += 1;
      if (row.attemptId) changedAttempts.add(row.attemptId);
      if (current.attemptId) changedAttempts.add(current.attemptId);
    }
    // An event that was quarantined once and has now arrived valid is no longer a problem to show.
    if (releaseQuarantine) statements.release.run(row.id);
  }
  // One statement each for the page's new rows: a trigger per row cost twice the whole page
  // (see prisma/migrations/*_event_index_per_page).
  if (counts.inserted > 0) {
    statements.indexSearchText.run(before);
    statements.countHours.run(before);
    // In this transaction: an event is evaluated exactly when it is first stored (lib/alerts).
    evaluateStoredEvents(connection, before, now);
  }
  if (options.connections !== false) {
    if (changedAttempts.size > 0) refreshConnections(connection, changedAttempts, now);
    stitchNewEvents(connection, before, options.stitchAfterEvents ?? 0, now);
  }
  // Repeats within the page count as unchanged: their later copy was stored.
  counts.unchanged = counts.received - counts.inserted - counts.updated - counts.quarantined;
  return counts;
}

/** A quarantine row's raw text, hash and reason; the reason says so when the raw text had to be cut. */
function quarantineRow(raw: QuarantineRaw, reason: string, eventId: string | null) {
  return { raw: raw.text, rawHash: raw.sha256, reason: `${reason}${describeCut(raw)}`, eventId };
}

type Params = Record<(typeof STORED_EVENT_COLUMNS)[number], string | number | null>;

function toParams(row: EventRow): Params {
  const params = {} as Params;
  for (const column of STORED_EVENT_COLUMNS) {
    const value = row[column];
    params[column] = value instanceof Date ? value.getTime() : ((value ?? null) as string | number | null);
  }
  return params;
}
