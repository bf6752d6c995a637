import type { SqliteConnection } from "../../store/sqlite";
import { ALERT_EVENT_COLUMNS, type AlertEvent } from "./alertEvent";
import type { EventHistory } from "./alertPorts";

/** The most a burst rule reads of one window: far above any count a rule asks for. */
const WINDOW_READ_LIMIT = 10_000;

const GROUP_COLUMN = { user: `"userId"`, host: `"hostComputerName"`, ip: `"ip"` } as const;
const groupParam = (field: keyof typeof GROUP_COLUMN, value: string) => (field === "user" ? Number(value) : value);

const statementsByConnection = new WeakMap<SqliteConnection, Map<string, ReturnType<SqliteConnection["prepare"]>>>();

/** Statements built from a few fixed shapes, prepared once per connection and shape. */
function prepared(connection: SqliteConnection, sql: string) {
  let cache = statementsByConnection.get(connection);
  if (!cache) statementsByConnection.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  return statement;
}

/** The rules' questions about what is stored, asked of the Event table through its time indexes. */
export function storedHistory(connection: SqliteConnection): EventHistory {
  return {
    eventsInWindow(names, group, fromMs, toMs) {
      const sql =
        `SELECT ${ALERT_EVENT_COLUMNS} FROM "Event" WHERE "name" IN (${names.map(() => "?").join(", ")}) AND "occurredAt" BETWEEN ? AND ?` +
        (group ? ` AND ${GROUP_COLUMN[group.field]} = ?` : "") +
        ` ORDER BY "occurredAt" DESC LIMIT ${WINDOW_READ_LIMIT}`;
      const params: unknown[] = [...names, fromMs, toMs, ...(group ? [groupParam(group.field, group.value)] : [])];
      return prepared(connection, sql).all(params) as AlertEvent[];
    },
    seenBefore(group, watched, event, sinceMs) {
      const value =
        watched.field === "ip" ? `"ip" = @value` : watched.field === "host" ? `"hostComputerName" = @value` : `substr("ip", 1, length(@value)) = @value`;
      const sql =
        `SELECT 1 FROM "Event" WHERE ${GROUP_COLUMN[group.field]} = @group AND "occurredAt" >= @since ` +
        `AND ("occurredAt" < @at OR ("occurredAt" = @at AND "id" < @id)) AND ${value} LIMIT 1`;
      const params = { group: groupParam(group.field, group.value), since: sinceMs, at: event.occurredAt, id: event.id, value: watched.value };
      return prepared(connection, sql).get(params) !== undefined;
    },
  };
}
