import { text, toEventRow } from "../events/eventRow";

/**
 * What stitching reads of one stored event: who, what, when, and the connection fields of its
 * `data`, each read leniently as the Event table's columns are (lib/events/eventRow.ts: a value of
 * the wrong type counts as absent). Most are columns already; the few that are not (os,
 * os_version, app_version and the three flags) come from the `data` JSON. (Pulling those out with
 * SQLite's JSON functions instead was measured slower than one JSON.parse per event.)
 */
export interface AttemptEvent {
  id: string;
  name: string;
  /** Unix milliseconds, as the Event table stores `occurredAt`. */
  occurredAtMs: number;
  userId: number;
  exitCode: number | null;
  duration: number | null;
  clientUserId: number | null;
  hostUserId: number | null;
  clientComputerName: string | null;
  hostComputerName: string | null;
  hostPeerId: string | null;
  ip: string | null;
  platform: string | null;
  os: string | null;
  osVersion: string | null;
  appVersion: string | null;
  hostIsShared: boolean | null;
  hostIsTeamComputer: boolean | null;
  connectingToSelf: boolean | null;
}

type ExtraField = "os" | "osVersion" | "appVersion" | "hostIsShared" | "hostIsTeamComputer" | "connectingToSelf";

/**
 * An Event row as `ATTEMPT_EVENT_COLUMNS` selects it, read in better-sqlite3's raw mode: the
 * values in column order. Stitching reads tens of thousands of events at a time, and building an
 * object per row cost more than the query (measured: 40,000 events at a million, 330 ms as
 * objects against 190 ms as arrays).
 */
export type StoredAttemptEventValues = [
  attemptId: string,
  id: string,
  name: string,
  occurredAt: number,
  userId: number,
  exitCode: number | null,
  duration: number | null,
  clientUserId: number | null,
  hostUserId: number | null,
  clientComputerName: string | null,
  hostComputerName: string | null,
  hostPeerId: string | null,
  ip: string | null,
  platform: string | null,
  data: string,
];

/** The select list for `StoredAttemptEventValues`, from "Event". */
export const ATTEMPT_EVENT_COLUMNS = [
  "attemptId",
  "id",
  "name",
  "occurredAt",
  "userId",
  "exitCode",
  "duration",
  "clientUserId",
  "hostUserId",
  "clientComputerName",
  "hostComputerName",
  "hostPeerId",
  "ip",
  "platform",
  "data",
]
  .map((c) => `"${c}"`)
  .join(", ");

export function fromStoredValues(values: StoredAttemptEventValues): AttemptEvent {
  const [, id, name, occurredAtMs, userId, exitCode, duration, clientUserId, hostUserId, clientComputerName, hostComputerName, hostPeerId, ip, platform, data] =
    values;
  return {
    id,
    name,
    occurredAtMs,
    userId,
    exitCode,
    duration,
    clientUserId,
    hostUserId,
    clientComputerName,
    hostComputerName,
    hostPeerId,
    ip,
    platform,
    ...extraFields(data),
  };
}

function extraFields(json: string): Pick<AttemptEvent, ExtraField> {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && typeof parsed === "object") data = parsed as Record<string, unknown>;
  } catch {
    // Stored by toEventRow, so always JSON; an edited database just loses these fields.
  }
  const flag = (value: unknown) => (typeof value === "boolean" ? value : null);
  return {
    os: text(data.os),
    osVersion: text(data.os_version),
    appVersion: text(data.app_version),
    hostIsShared: flag(data.host_is_shared_team_computer),
    hostIsTeamComputer: flag(data.host_is_team_computer),
    connectingToSelf: flag(data.connecting_to_self),
  };
}

/**
 * The same reading of an event in Parsec's shape, in JavaScript: for tests and for callers that
 * hold events not stored yet. Throws on an event the store would quarantine.
 */
export function fromParsecEvent(raw: unknown): AttemptEvent {
  const result = toEventRow(raw);
  if (!result.ok) throw new Error(`not a valid Parsec event: ${result.reason}`);
  const row = result.row;
  return fromStoredValues([
    row.attemptId ?? "",
    row.id,
    row.name,
    row.occurredAt.getTime(),
    row.userId,
    row.exitCode,
    row.duration,
    row.clientUserId,
    row.hostUserId,
    row.clientComputerName,
    row.hostComputerName,
    row.hostPeerId,
    row.ip,
    row.platform,
    row.data,
  ]);
}
