import type { SqliteConnection } from "../../store/sqlite";
import { preparedStatements } from "../../store/sqlite";
import { notificationSummary } from "../summary/alertSentence";
import type { AlertEvent } from "./alertEvent";
import type { AlertSink, NewAlert } from "./alertPorts";

/** An alert keeps this many event ids (the first ones; its count says how many joined it). */
export const MAX_EVENT_IDS = 500;

const prepare = (connection: SqliteConnection) => ({
  findInGroup: connection.prepare<[number, string, number, number], { id: number }>(
    `SELECT "id" FROM "Alert" WHERE "ruleId" = ? AND "groupKey" = ? AND "anchorAt" > ? AND "anchorAt" < ? ORDER BY "anchorAt" DESC LIMIT 1`,
  ),
  findInRule: connection.prepare<[number, number, number], { id: number }>(
    `SELECT "id" FROM "Alert" WHERE "ruleId" = ? AND "anchorAt" > ? AND "anchorAt" < ? ORDER BY "anchorAt" DESC LIMIT 1`,
  ),
  read: connection.prepare<[number], { eventIds: string; eventCount: number; firstEventAt: number | null; lastEventAt: number | null }>(
    `SELECT "eventIds", "eventCount", "firstEventAt", "lastEventAt" FROM "Alert" WHERE "id" = ?`,
  ),
  update: connection.prepare(`UPDATE "Alert" SET "eventIds" = ?, "eventCount" = ?, "firstEventAt" = ?, "lastEventAt" = ? WHERE "id" = ?`),
  insert: connection.prepare(
    `INSERT INTO "Alert" ("ruleId", "ruleName", "kind", "severity", "groupKey", "summary", "facts", "eventIds", "eventCount", "firstEventAt", "lastEventAt",
       "anchorAt", "firedAt", "status", "linkPath")
     VALUES (@ruleId, @ruleName, @kind, @severity, @groupKey, @summary, @facts, @eventIds, @eventCount, @firstEventAt, @lastEventAt, @anchorAt, @firedAt, @status, @linkPath)`,
  ),
  queue: connection.prepare(
    `INSERT INTO "AlertDelivery" ("alertId", "channelName", "status", "attempts", "nextAttemptAt", "createdAt") VALUES (?, ?, 'pending', 0, ?, ?)`,
  ),
});

/**
 * Fired alerts written to the alert tables, with a pending delivery (the outbox) per channel, on
 * the caller's connection: inside the transaction that stores the events, the alert and the events
 * commit together or not at all, so a crash can neither lose an evaluation nor repeat it.
 */
export function storedAlerts(connection: SqliteConnection): AlertSink {
  const statements = preparedStatements(connection, prepare);
  return {
    findAlert(ruleId, groupKey, fromMs, toMs) {
      const row = groupKey === null ? statements.findInRule.get(ruleId, fromMs, toMs) : statements.findInGroup.get(ruleId, groupKey, fromMs, toMs);
      return row?.id ?? null;
    },
    join(alertId, events) {
      const row = statements.read.get(alertId);
      if (!row) return;
      const ids: string[] = JSON.parse(row.eventIds);
      const known = new Set(ids);
      const fresh = events.filter((e) => !known.has(e.id));
      if (fresh.length === 0) return;
      const times = fresh.map((e) => e.occurredAt);
      statements.update.run(
        JSON.stringify([...ids, ...fresh.map((e) => e.id)].slice(0, MAX_EVENT_IDS)),
        row.eventCount + fresh.length,
        Math.min(row.firstEventAt ?? Infinity, ...times),
        Math.max(row.lastEventAt ?? -Infinity, ...times),
        alertId,
      );
    },
    fire(alert) {
      const id = Number(statements.insert.run(alertRow(alert)).lastInsertRowid);
      if (alert.status === "notified") for (const channel of alert.channels) statements.queue.run(id, channel, alert.firedAt, alert.firedAt);
    },
  };
}

export function alertRow(alert: NewAlert) {
  const times = alert.events.map((e: AlertEvent) => e.occurredAt);
  return {
    ruleId: alert.ruleId,
    ruleName: alert.ruleName,
    kind: alert.kind,
    severity: alert.severity,
    groupKey: alert.groupKey,
    summary: notificationSummary(alert.ruleName, alert.facts),
    facts: JSON.stringify(alert.facts),
    eventIds: JSON.stringify(alert.events.map((e) => e.id).slice(0, MAX_EVENT_IDS)),
    eventCount: alert.events.length,
    firstEventAt: times.length ? Math.min(...times) : null,
    lastEventAt: times.length ? Math.max(...times) : null,
    anchorAt: alert.anchorAt,
    firedAt: alert.firedAt,
    status: alert.status,
    linkPath: alert.linkPath,
  };
}
