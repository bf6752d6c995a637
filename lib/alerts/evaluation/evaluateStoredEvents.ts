import { preparedStatements, type SqliteConnection } from "../../store/sqlite";
import { ALERT_EVENT_COLUMNS, type AlertEvent } from "./alertEvent";
import { activeEventRules } from "./activeRules";
import { evaluateRules } from "./evaluateRules";
import { storedAlerts } from "./storedAlerts";
import { storedHistory } from "./storedHistory";

// NOT INDEXED: the page's rows by rowid. Left to itself SQLite takes the time index for
// "occurredAt > ?", which reads every event since the earliest enabling, on every page.
export const NEW_EVENTS_SQL = `SELECT ${ALERT_EVENT_COLUMNS} FROM "Event" NOT INDEXED WHERE "rowid" > ? AND "occurredAt" > ?`;
const prepare = (connection: SqliteConnection) => ({
  // Reads the rows only as far as their time: a backfill's pages, older than every enabling, stop here.
  any: connection.prepare<[number, number], { found: number }>(`SELECT 1 AS "found" FROM "Event" NOT INDEXED WHERE "rowid" > ? AND "occurredAt" > ? LIMIT 1`),
  events: connection.prepare<[number, number], AlertEvent>(NEW_EVENTS_SQL),
});

/**
 * The alert rules over the events a page has just inserted (rowid above `afterRowid`), in the
 * page's own transaction: each event is evaluated once, when it is first stored; a re-read of it
 * in the sync's overlap window, a re-delivery or an import of it again inserts nothing and so
 * evaluates nothing. An event whose content later changes (Parsec reports a user's current email)
 * is not evaluated again: it fired, or not, on what it said when it came.
 * Events at or before the enabling of every rule cost one indexed read of the page's rows.
 */
export function evaluateStoredEvents(connection: SqliteConnection, afterRowid: number, now: number): void {
  const rules = activeEventRules(connection);
  if (rules.length === 0) return;
  const earliest = Math.min(...rules.map((r) => r.enabledAt));
  const statements = preparedStatements(connection, prepare);
  if (!statements.any.get(afterRowid, earliest)) return;
  const events = statements.events.all(afterRowid, earliest);
  evaluateRules(rules, events, storedHistory(connection), storedAlerts(connection), now);
}
