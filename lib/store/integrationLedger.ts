import { preparedStatements, writeTransaction, type SqliteConnection } from "./sqlite";

/**
 * The store's side of the integrations (lib/integrations): reading stored events in change order
 * for a destination's cursor, and each destination's state (IntegrationState). A cursor moves only
 * through `commitBatch`, which the delivery calls after the destination acknowledged the batch.
 */

/** A stored event as the delivery reads it: Parsec's fields, where it is in the change sequence, and when it was stored. */
export interface ChangedEvent {
  id: string;
  name: string;
  timestamp: string;
  occurredAt: number;
  userId: number;
  teamId: string;
  userEmail: string | null;
  data: string;
  extra: string | null;
  hostComputerName: string | null;
  clientComputerName: string | null;
  exitCode: number | null;
  changeSeq: number;
  insertSeq: number;
  storedAt: number;
}

export interface IntegrationStateRow {
  name: string;
  type: string;
  deliveredSeq: number;
  delivered: number;
  paused: boolean;
  lastDeliveryAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  failingSince: number | null;
  lastTestAt: number | null;
  lastTestError: string | null;
  batchUntilSeq: number | null;
  replayFrom: number | null;
  replayUntilSeq: number | null;
  replayAt: number | null;
  replayId: string | null;
  replayDone: number;
  replayTotal: number;
  leaseHolder: string | null;
  leaseExpiresAt: number | null;
}

/** Who delivers a destination now (see IntegrationState.leaseHolder), until when unless renewed. */
export interface IntegrationLease {
  holder: string;
  expiresAt: number;
}

/** The caller's delivery lease on a destination was taken over: it must not move the cursor. */
export class IntegrationLeaseLostError extends Error {
  override name = "IntegrationLeaseLostError";
  constructor(readonly destination: string) {
    super(`integration ${destination}: another process took over its delivery`);
  }
}

const EVENT_COLUMNS = `"id", "name", "timestamp", "occurredAt", "userId", "teamId", "userEmail", "data", "extra", "hostComputerName", "clientComputerName", "exitCode", "changeSeq", "insertSeq", "storedAt"`;

type RawState = Omit<IntegrationStateRow, "paused"> & { paused: number };

function statements(sqlite: SqliteConnection) {
  return {
    changesAfter: sqlite.prepare<[number, number, number], ChangedEvent>(
      `SELECT ${EVENT_COLUMNS} FROM "Event" WHERE "changeSeq" > ? AND "changeSeq" <= ? ORDER BY "changeSeq" LIMIT ?`,
    ),
    lastChangeSeq: sqlite.prepare<[], { seq: number }>(`SELECT coalesce(max("changeSeq"), 0) AS "seq" FROM "Event"`),
    countAfter: sqlite.prepare<[number, number], { count: number }>(`SELECT count(*) AS "count" FROM "Event" WHERE "changeSeq" > ? AND "occurredAt" >= ?`),
    firstAfter: sqlite.prepare<[number, number], { storedAt: number }>(
      `SELECT "storedAt" FROM "Event" WHERE "changeSeq" > ? AND "occurredAt" >= ? ORDER BY "changeSeq" LIMIT 1`,
    ),
    replayBatch: sqlite.prepare<{ from: number; until: number; at: number; id: string; limit: number }, ChangedEvent>(
      `SELECT ${EVENT_COLUMNS} FROM "Event" WHERE "occurredAt" >= @from AND ("occurredAt" > @at OR ("occurredAt" = @at AND "id" > @id)) AND "changeSeq" <= @until
       ORDER BY "occurredAt", "id" LIMIT @limit`,
    ),
    replayCount: sqlite.prepare<[number, number], { count: number }>(`SELECT count(*) AS "count" FROM "Event" WHERE "occurredAt" >= ? AND "changeSeq" <= ?`),
    states: sqlite.prepare<[], RawState>(`SELECT * FROM "IntegrationState" ORDER BY "name"`),
    state: sqlite.prepare<[string], RawState>(`SELECT * FROM "IntegrationState" WHERE "name" = ?`),
    ensure: sqlite.prepare(
      `INSERT INTO "IntegrationState" ("name", "type", "updatedAt") VALUES (@name, @type, @now) ON CONFLICT ("name") DO UPDATE SET "type" = @type,
         "deliveredSeq" = 0, "delivered" = 0, "failingSince" = NULL, "batchUntilSeq" = NULL, "replayFrom" = NULL, "replayUntilSeq" = NULL, "replayAt" = NULL, "replayId" = NULL, "updatedAt" = @now`,
    ),
    planBatch: sqlite.prepare(`UPDATE "IntegrationState" SET "batchUntilSeq" = @until, "updatedAt" = @now WHERE "name" = @name`),
    commitBatch: sqlite.prepare(
      `UPDATE "IntegrationState" SET "deliveredSeq" = @seq, "batchUntilSeq" = NULL, "delivered" = "delivered" + @count,
         "lastDeliveryAt" = CASE WHEN @count > 0 THEN @now ELSE "lastDeliveryAt" END,
         "failingSince" = CASE WHEN @count > 0 THEN NULL ELSE "failingSince" END, "updatedAt" = @now
       WHERE "name" = @name AND "deliveredSeq" <= @seq`,
    ),
    commitReplay: sqlite.prepare(
      `UPDATE "IntegrationState" SET "replayAt" = @at, "replayId" = @id, "replayDone" = "replayDone" + @count, "delivered" = "delivered" + @count,
         "lastDeliveryAt" = CASE WHEN @count > 0 THEN @now ELSE "lastDeliveryAt" END,
         "failingSince" = CASE WHEN @count > 0 THEN NULL ELSE "failingSince" END, "updatedAt" = @now
       WHERE "name" = @name`,
    ),
    endReplay: sqlite.prepare(
      `UPDATE "IntegrationState" SET "replayFrom" = NULL, "replayUntilSeq" = NULL, "replayAt" = NULL, "replayId" = NULL, "updatedAt" = @now WHERE "name" = @name`,
    ),
    startReplay: sqlite.prepare(
      `UPDATE "IntegrationState" SET "replayFrom" = @from, "replayUntilSeq" = @until, "replayAt" = -9007199254740991, "replayId" = '',
         "replayDone" = 0, "replayTotal" = @total, "updatedAt" = @now WHERE "name" = @name`,
    ),
    recordError: sqlite.prepare(
      `UPDATE "IntegrationState" SET "lastError" = @error, "lastErrorAt" = @now, "failingSince" = coalesce("failingSince", @now), "updatedAt" = @now WHERE "name" = @name`,
    ),
    recordTest: sqlite.prepare(`UPDATE "IntegrationState" SET "lastTestAt" = @now, "lastTestError" = @error, "updatedAt" = @now WHERE "name" = @name`),
    setPaused: sqlite.prepare(`UPDATE "IntegrationState" SET "paused" = @paused, "updatedAt" = @now WHERE "name" = @name`),
    lease: sqlite.prepare<[string], { holder: string | null; expiresAt: number | null }>(
      `SELECT "leaseHolder" AS "holder", "leaseExpiresAt" AS "expiresAt" FROM "IntegrationState" WHERE "name" = ?`,
    ),
    setLease: sqlite.prepare(`UPDATE "IntegrationState" SET "leaseHolder" = @holder, "leaseExpiresAt" = @expiresAt WHERE "name" = @name`),
    renewLease: sqlite.prepare(`UPDATE "IntegrationState" SET "leaseExpiresAt" = @expiresAt WHERE "name" = @name AND "leaseHolder" = @holder`),
    releaseLease: sqlite.prepare(
      `UPDATE "IntegrationState" SET "leaseHolder" = NULL, "leaseExpiresAt" = NULL WHERE "name" = @name AND "leaseHolder" = @holder`,
    ),
    releaseLeasesOf: sqlite.prepare(
      `UPDATE "IntegrationState" SET "leaseHolder" = NULL, "leaseExpiresAt" = NULL WHERE substr("leaseHolder", 1, length(@prefix)) = @prefix`,
    ),
  };
}

const prepared = (sqlite: SqliteConnection) => preparedStatements(sqlite, statements);
const toState = (row: RawState): IntegrationStateRow => ({ ...row, paused: row.paused !== 0 });

/**
 * The state of every destination named, created (from the beginning of the history) for those seen
 * for the first time; a name that now has another type is another destination, so it starts over.
 */
export async function ensureIntegrationStates(sqlite: SqliteConnection, destinations: readonly { name: string; type: string }[]): Promise<void> {
  const s = prepared(sqlite);
  const missing = destinations.filter((d) => s.state.get(d.name)?.type !== d.type);
  if (missing.length === 0) return;
  await writeTransaction(sqlite, () => {
    for (const d of missing) s.ensure.run({ name: d.name, type: d.type, now: Date.now() });
  });
}

export function readIntegrationStates(sqlite: SqliteConnection): IntegrationStateRow[] {
  return prepared(sqlite).states.all().map(toState);
}

export function readIntegrationState(sqlite: SqliteConnection, name: string): IntegrationStateRow | null {
  const row = prepared(sqlite).state.get(name);
  return row ? toState(row) : null;
}

export function lastChangeSeq(sqlite: SqliteConnection): number {
  return prepared(sqlite).lastChangeSeq.get()?.seq ?? 0;
}

/** Up to `limit` events changed after `afterSeq` and at most `untilSeq`, in change order. */
export function readChangesAfter(sqlite: SqliteConnection, afterSeq: number, untilSeq: number, limit: number): ChangedEvent[] {
  return prepared(sqlite).changesAfter.all(afterSeq, untilSeq, limit);
}

/** How many events a cursor at `afterSeq` still has to deliver (occurred at or after `fromMs`), and when the first of them was stored. */
export function pendingAfter(sqlite: SqliteConnection, afterSeq: number, fromMs: number): { count: number; firstStoredAt: number | null } {
  const s = prepared(sqlite);
  const count = s.countAfter.get(afterSeq, fromMs)?.count ?? 0;
  return { count, firstStoredAt: count > 0 ? (s.firstAfter.get(afterSeq, fromMs)?.storedAt ?? null) : null };
}

/**
 * Writes what only the destination's deliverer may write (its cursor, its batch, its error), in one
 * transaction with the check that `holder` still holds its lease: a process that lost the lease
 * (it stalled past the expiry and another took over) cannot move the cursor under the new holder.
 */
function asLeaseHolder(sqlite: SqliteConnection, name: string, holder: string, work: (s: ReturnType<typeof prepared>) => void): Promise<void> {
  return writeTransaction(sqlite, () => {
    const s = prepared(sqlite);
    if (s.lease.get(name)?.holder !== holder) throw new IntegrationLeaseLostError(name);
    work(s);
  });
}

/** Fixes the batch about to be sent before it is sent (see IntegrationState.batchUntilSeq). */
export function planIntegrationBatch(sqlite: SqliteConnection, name: string, holder: string, untilSeq: number): Promise<void> {
  return asLeaseHolder(sqlite, name, holder, (s) => void s.planBatch.run({ name, until: untilSeq, now: Date.now() }));
}

/** The destination acknowledged every event up to `seq`; `count` of them were sent (the others fell before its `from`). */
export function commitIntegrationBatch(sqlite: SqliteConnection, name: string, holder: string, seq: number, count: number): Promise<void> {
  return asLeaseHolder(sqlite, name, holder, (s) => void s.commitBatch.run({ name, seq, count, now: Date.now() }));
}

export function recordIntegrationError(sqlite: SqliteConnection, name: string, holder: string, error: string): Promise<void> {
  return asLeaseHolder(sqlite, name, holder, (s) => void s.recordError.run({ name, error: error.slice(0, 2000), now: Date.now() }));
}

/** The outcome of a test event: `error` null when the destination took it. */
export function recordIntegrationTest(sqlite: SqliteConnection, name: string, error: string | null): Promise<void> {
  return writeTransaction(sqlite, () => void prepared(sqlite).recordTest.run({ name, error: error?.slice(0, 2000) ?? null, now: Date.now() }));
}

export function setIntegrationPaused(sqlite: SqliteConnection, name: string, paused: boolean): Promise<void> {
  return writeTransaction(sqlite, () => void prepared(sqlite).setPaused.run({ name, paused: paused ? 1 : 0, now: Date.now() }));
}

/** Re-sends, besides the cursor's own work, every event from `fromMs` on that was stored by now; returns how many. */
export function startIntegrationReplay(sqlite: SqliteConnection, name: string, fromMs: number): Promise<number> {
  return writeTransaction(sqlite, () => {
    const s = prepared(sqlite);
    const until = s.lastChangeSeq.get()?.seq ?? 0;
    const total = s.replayCount.get(fromMs, until)?.count ?? 0;
    s.startReplay.run({ name, from: fromMs, until, total, now: Date.now() });
    return total;
  });
}

/** The replay's next events, in (occurredAt, id) order after where it stands. */
export function readReplayBatch(sqlite: SqliteConnection, state: IntegrationStateRow, limit: number): ChangedEvent[] {
  if (state.replayFrom === null || state.replayUntilSeq === null) return [];
  return prepared(sqlite).replayBatch.all({
    from: state.replayFrom,
    until: state.replayUntilSeq,
    at: state.replayAt ?? Number.MIN_SAFE_INTEGER,
    id: state.replayId ?? "",
    limit,
  });
}

export function commitIntegrationReplay(
  sqlite: SqliteConnection,
  name: string,
  holder: string,
  last: { occurredAt: number; id: string },
  count: number,
): Promise<void> {
  return asLeaseHolder(sqlite, name, holder, (s) => void s.commitReplay.run({ name, at: last.occurredAt, id: last.id, count, now: Date.now() }));
}

export function endIntegrationReplay(sqlite: SqliteConnection, name: string, holder: string): Promise<void> {
  return asLeaseHolder(sqlite, name, holder, (s) => void s.endReplay.run({ name, now: Date.now() }));
}

/**
 * Takes the delivery lease of a destination for `holder` until `expiresAt`, when nobody holds it or
 * `abandoned` says its holder is gone (in one write transaction, so of two processes asking at once
 * one gets it); otherwise returns the lease that stands.
 */
export function takeIntegrationLease(
  sqlite: SqliteConnection,
  name: string,
  holder: string,
  expiresAt: number,
  abandoned: (lease: IntegrationLease) => boolean,
): Promise<{ taken: true; previous: IntegrationLease | null } | { taken: false; lease: IntegrationLease }> {
  return writeTransaction(sqlite, () => {
    const s = prepared(sqlite);
    const row = s.lease.get(name);
    if (!row) throw new Error(`integration ${name} has no state: ensureIntegrationStates first`);
    const previous = row.holder === null ? null : { holder: row.holder, expiresAt: row.expiresAt ?? 0 };
    if (previous && !abandoned(previous)) return { taken: false, lease: previous } as const;
    s.setLease.run({ name, holder, expiresAt });
    return { taken: true, previous } as const;
  });
}

/** Moves the lease's expiry on; false when `holder` no longer holds it. */
export async function renewIntegrationLease(sqlite: SqliteConnection, name: string, holder: string, expiresAt: number): Promise<boolean> {
  return writeTransaction(sqlite, () => prepared(sqlite).renewLease.run({ name, holder, expiresAt }).changes === 1);
}

export function releaseIntegrationLease(sqlite: SqliteConnection, name: string, holder: string): Promise<void> {
  return writeTransaction(sqlite, () => void prepared(sqlite).releaseLease.run({ name, holder }));
}

/** Frees every delivery lease whose holder starts with `prefix` (a process's, see releaseLeasesOfThisProcess); returns how many. */
export function releaseIntegrationLeasesOf(sqlite: SqliteConnection, prefix: string): Promise<number> {
  return writeTransaction(sqlite, () => prepared(sqlite).releaseLeasesOf.run({ prefix }).changes);
}
