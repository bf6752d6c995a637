import { z } from "zod";
import { preparedStatements, type SqliteConnection } from "../store/sqlite";

/**
 * From where a connection event was recorded: the client's side or the host's. Parsec records
 * most steps of a connection from both sides (parsec-api.md) and each side writes its own ip,
 * os and platform into `data`, so a host's event carries the host's address under the same field
 * names as the client's: shown without its side, it reads as the client's device.
 * - The offer and the client's completion are the client's; the relay and the host's completion
 *   are the host's (lib/connections/stitchConnection.ts: the relay carries the host's details).
 * - client_disconnect is recorded under one name by both. Recorded by another user than the
 *   connecting one, it is the host's; by the connecting user while the computer has another owner,
 *   the client's. Otherwise (a shared team computer, a connection to one's own computer) its
 *   device is compared with the two sides' devices of the stitched connection. No evidence: null.
 */
export type Perspective = "client" | "host";

const BY_NAME: Record<string, Perspective> = {
  conn_client_offer: "client",
  p2p_client_complete: "client",
  conn_signal_offer_relayed: "host",
  p2p_host_complete: "host",
};
const DISCONNECT = "client_disconnect";

export interface PerspectiveEvent {
  name: string;
  userId: number;
  attemptId: string | null;
  ip: string | null;
  platform: string | null;
  /** The event's `data` as stored (JSON text). */
  data: string;
}

/** The two sides' devices of a stitched connection. */
export interface ConnectionDevices {
  clientIp: string | null;
  clientPlatform: string | null;
  hostIp: string | null;
  hostPlatform: string | null;
}

const idsSchema = z.object({ client_user_id: z.number().int().nullish(), host_user_id: z.number().int().nullish() }).catch({});

/** The perspective of one event, or "devices" when only the stitched connection's devices can tell. */
function fromNameAndUsers(event: PerspectiveEvent): Perspective | "devices" | null {
  const byName = BY_NAME[event.name];
  if (byName) return byName;
  if (event.name !== DISCONNECT) return null;
  const { client_user_id: client, host_user_id: owner } = idsSchema.parse(parseJson(event.data));
  if (typeof client !== "number") return "devices";
  if (event.userId !== client) return "host";
  if (typeof owner === "number" && owner !== 0 && owner !== client) return "client";
  return "devices";
}

/** Which side the device of `event` is: the side whose ip and platform it matches, and not the other's. */
function fromDevices(event: PerspectiveEvent, devices: ConnectionDevices | undefined): Perspective | null {
  if (!devices) return null;
  const score = (ip: string | null, platform: string | null) =>
    Number(ip !== null && ip === event.ip) + Number(platform !== null && platform === event.platform);
  const client = score(devices.clientIp, devices.clientPlatform);
  const host = score(devices.hostIp, devices.hostPlatform);
  return client > host ? "client" : host > client ? "host" : null;
}

const devicesSchema = z.array(
  z.object({
    attemptId: z.string(),
    clientIp: z.string().nullable(),
    clientPlatform: z.string().nullable(),
    hostIp: z.string().nullable(),
    hostPlatform: z.string().nullable(),
  }),
);

const devicesStatement = (sqlite: SqliteConnection) =>
  sqlite.prepare<[string], unknown>(
    `SELECT "attemptId", "clientIp", "clientPlatform", "hostIp", "hostPlatform" FROM "Connection"
     WHERE "attemptId" IN (SELECT "value" FROM json_each(?))`,
  );

/** The perspective of each event of a page: one query, for the disconnects whose users cannot tell. */
export function eventPerspectives(sqlite: SqliteConnection, events: readonly PerspectiveEvent[]): (Perspective | null)[] {
  const first = events.map(fromNameAndUsers);
  const attempts = [...new Set(events.flatMap((event, i) => (first[i] === "devices" && event.attemptId !== null ? [event.attemptId] : [])))];
  const devices =
    attempts.length === 0
      ? new Map<string, ConnectionDevices>()
      : new Map(devicesSchema.parse(preparedStatements(sqlite, devicesStatement).all(JSON.stringify(attempts))).map((row) => [row.attemptId, row]));
  return events.map((event, i) => {
    const side = first[i]!;
    return side === "devices" ? fromDevices(event, event.attemptId === null ? undefined : devices.get(event.attemptId)) : side;
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
