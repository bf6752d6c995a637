import type { SqliteConnection } from "../../store/sqlite";

/** The columns of a stored event that rules look at. */
export interface AlertEvent {
  id: string;
  name: string;
  timestamp: string;
  /** Unix ms. */
  occurredAt: number;
  userId: number;
  userEmail: string | null;
  hostComputerName: string | null;
  ip: string | null;
  exitCode: number | null;
  /** The `data` object as stored (JSON text); parsed only by rules with data conditions. */
  data: string;
}

export const ALERT_EVENT_COLUMNS = `"id", "name", "timestamp", "occurredAt", "userId", "userEmail", "hostComputerName", "ip", "exitCode", "data"`;

export type EventQuery<P extends unknown[]> = ReturnType<SqliteConnection["prepare"]> & { all(...params: P): AlertEvent[] };

/** Oldest first, ties by id: the order rules see events in, whatever order their pages came in. */
export const byTime = (a: AlertEvent, b: AlertEvent) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
