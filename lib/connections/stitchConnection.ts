import type { Connection } from "../generated/prisma/client";
import { isFailure } from "../parsec/exitCodes";
import type { AttemptEvent } from "./attemptEvent";

/**
 * One connection from the stored events of one attempt_id (parsec-api.md, "Connection events"):
 *
 *   conn_client_offer → conn_signal_offer_relayed → p2p_client_complete + p2p_host_complete
 *   → client_disconnect (recorded by the client) + client_disconnect (recorded by the host)
 *
 * A pure function of the *set* of events: they are put in time order (then id order) and duplicates dropped before
 * anything is read, and every rule below looks at event names and fields, never at the order the
 * events arrived in. So the row is the same whichever pages or runs brought them, and rewriting it
 * each time one arrives (lib/ingest/refreshConnections.ts) equals stitching the whole history.
 *
 * `updatedAt` is not a function of the events: the writer adds it.
 */
export type StitchedConnection = Omit<Connection, "updatedAt">;

export type ConnectionStatus = "connecting" | "failed" | "open" | "ended" | "incomplete";

/** The flow's events, as `missingEvents` names them. */
export const FLOW_EVENTS = {
  offer: "conn_client_offer",
  relayed: "conn_signal_offer_relayed",
  clientComplete: "p2p_client_complete",
  hostComplete: "p2p_host_complete",
  clientDisconnect: "client_disconnect (client)",
  hostDisconnect: "client_disconnect (host)",
} as const;
type Role = keyof typeof FLOW_EVENTS;

const ROLE_OF_NAME: Readonly<Record<string, Role>> = {
  conn_client_offer: "offer",
  conn_signal_offer_relayed: "relayed",
  p2p_client_complete: "clientComplete",
  p2p_host_complete: "hostComplete",
};
const DISCONNECT = "client_disconnect";

/**
 * Which perspective records which event. The client's: its offer, its completion and its own
 * disconnect. The host's: the relay (the backend hands the offer to the host, and Parsec records
 * it with the host's details), the host's completion and the host's disconnect.
 * Fields are read from the client's events first for client columns and attempt-wide columns,
 * from the host's for host columns.
 */
const CLIENT_ROLES: readonly Role[] = ["offer", "clientComplete", "clientDisconnect"];
const HOST_ROLES: readonly Role[] = ["hostComplete", "relayed", "hostDisconnect"];

/** Fields both sides describe from where they stand (ip, platform, os, os_version, app_version): they tell the two disconnects apart. */
const PERSPECTIVE_FIELDS = ["ip", "platform", "os", "osVersion", "appVersion"] as const satisfies readonly (keyof AttemptEvent)[];

export function stitchConnection(attemptId: string, events: readonly AttemptEvent[]): StitchedConnection {
  const unique = distinctById(events);
  if (unique.length === 0) throw new Error(`stitchConnection: attempt ${attemptId} has no events`);
  const byRole = new Map<Role, AttemptEvent>();
  const disconnects: AttemptEvent[] = [];
  for (const event of unique) {
    if (event.name === DISCONNECT) disconnects.push(event);
    const role = ROLE_OF_NAME[event.name];
    // Two events of one role (Parsec never sends them, but a store may hold them): the earliest
    // stands for the role, ties by id, so the choice does not depend on arrival.
    if (role && !byRole.has(role)) byRole.set(role, event);
  }

  const clientSide = () => present(byRole, CLIENT_ROLES);
  // The client user: the client_user_id the events carry, else whoever recorded the client's events.
  const beforeDisconnects = clientSide();
  const clientUserId = first(beforeDisconnects, (e) => e.clientUserId) ?? first(unique, (e) => e.clientUserId) ?? first(beforeDisconnects, (e) => e.userId);
  const hostUserId = first(beforeDisconnects, (e) => e.hostUserId) ?? first(unique, (e) => e.hostUserId);
  assignDisconnects(disconnects, byRole, clientUserId, hostUserId);

  const client = clientSide();
  const host = present(byRole, HOST_ROLES);
  const disagreements: Record<string, { client: unknown; host: unknown }> = {};
  /** An attempt-wide field: the client's events say it first; a host that says otherwise is noted. */
  const attemptWide = <T>(column: string, read: (e: AttemptEvent) => T | null): T | null => {
    const fromClient = first(client, read);
    const fromHost = first(host, read);
    if (fromClient !== null && fromHost !== null && fromClient !== fromHost) disagreements[column] = { client: fromClient, host: fromHost };
    return fromClient ?? fromHost ?? first(unique, read);
  };
  /** A value both sides report for themselves (exit code, duration): the client's is the verdict. */
  const paired = <T>(column: string, clientValue: T | null, hostValue: T | null): T | null => {
    if (clientValue !== null && hostValue !== null && clientValue !== hostValue) disagreements[column] = { client: clientValue, host: hostValue };
    return clientValue ?? hostValue;
  };

  const offer = byRole.get("offer");
  const relayed = byRole.get("relayed");
  const clientComplete = byRole.get("clientComplete");
  const hostComplete = byRole.get("hostComplete");
  const clientDisconnect = byRole.get("clientDisconnect");
  const hostDisconnect = byRole.get("hostDisconnect");
  const exitCode = (e: AttemptEvent | undefined) => e?.exitCode ?? null;
  const duration = (e: AttemptEvent | undefined) => e?.duration ?? null;
  const at = (e: AttemptEvent | undefined) => (e ? new Date(e.occurredAtMs) : null);

  // The verdict on the attempt is the client's completion code: the client asked to connect and
  // its completion says whether it got a session. The host's code often matches and sometimes
  // names the host's own trouble instead; it is kept beside the verdict and noted as a
  // disagreement. Without the client's completion, the host's is the best evidence there is.
  const completionExitCode = paired("completionExitCode", exitCode(clientComplete), exitCode(hostComplete));
  // Duration, disconnect code and end time: the client's disconnect first for the same reason;
  // the host's duration is often a second longer (it starts counting earlier).
  const durationSeconds = paired("durationSeconds", duration(clientDisconnect), duration(hostDisconnect));
  const disconnectExitCode = paired("disconnectExitCode", exitCode(clientDisconnect), exitCode(hostDisconnect));

  const times = unique.map((e) => e.occurredAtMs);
  const { status, missing } = decideStatus(byRole, completionExitCode);
  const perspective = (side: readonly AttemptEvent[], field: (typeof PERSPECTIVE_FIELDS)[number]) => first(side, (e) => e[field]);
  const wide = <K extends "clientComputerName" | "hostComputerName" | "hostPeerId" | "hostUserId" | "hostIsShared" | "hostIsTeamComputer" | "connectingToSelf">(
    column: K,
  ) => attemptWide(column, (e) => e[column]);

  const stitched: StitchedConnection = {
    attemptId,
    status,
    startedAt: new Date(Math.min(...times)),
    requestedAt: at(offer),
    relayedAt: at(relayed),
    completedAt: at(clientComplete ?? hostComplete),
    endedAt: at(clientDisconnect ?? hostDisconnect),
    lastEventAt: new Date(Math.max(...times)),
    durationSeconds,

    clientUserId,
    clientComputerName: wide("clientComputerName"),
    clientIp: perspective(client, "ip"),
    clientOs: perspective(client, "os"),
    clientOsVersion: perspective(client, "osVersion"),
    clientPlatform: perspective(client, "platform"),
    clientAppVersion: perspective(client, "appVersion"),

    hostComputerName: wide("hostComputerName"),
    hostPeerId: wide("hostPeerId"),
    hostUserId: wide("hostUserId"),
    hostIsShared: wide("hostIsShared"),
    hostIsTeamComputer: wide("hostIsTeamComputer"),
    hostIp: perspective(host, "ip"),
    hostPlatform: perspective(host, "platform"),
    hostAppVersion: perspective(host, "appVersion"),
    connectingToSelf: wide("connectingToSelf"),

    completionExitCode,
    hostCompletionExitCode: exitCode(hostComplete),
    disconnectExitCode,
    hostDisconnectExitCode: exitCode(hostDisconnect),
    hostDurationSeconds: duration(hostDisconnect),

    eventCount: unique.length,
    missingEvents: missing.length > 0 ? missing.map((role) => FLOW_EVENTS[role]).join(",") : null,
    disagreements: null,
  };
  stitched.disagreements = Object.keys(disagreements).length > 0 ? JSON.stringify(sortKeys(disagreements)) : null;
  return stitched;
}

/**
 * Status from which of the flow's events are there:
 * - "failed": the verdict (see above) is a failure code (lib/parsec/exitCodes isFailure). Whatever
 *   else is missing, the attempt failed; only the client's offer and completion are expected of it,
 *   since a backend that refuses an attempt never involves the host.
 * - no completion from either side: "connecting" while nothing later is there either, else
 *   "incomplete" (a disconnect without a completion).
 * - connected (a completion that is not a failure): "open" until a disconnect arrives (an open
 *   connection is active or has lost its disconnect, depending on its age: connectionStatus.ts),
 *   then "ended" when all six events are there and "incomplete" when some never came.
 */
function decideStatus(byRole: ReadonlyMap<Role, AttemptEvent>, verdict: number | null): { status: ConnectionStatus; missing: Role[] } {
  const absent = (roles: readonly Role[]) => roles.filter((r) => !byRole.has(r));
  const completed = byRole.has("clientComplete") || byRole.has("hostComplete");
  const disconnected = byRole.has("clientDisconnect") || byRole.has("hostDisconnect");
  if (verdict !== null && isFailure(verdict)) return { status: "failed", missing: absent(["offer", "clientComplete"]) };
  const all: Role[] = ["offer", "relayed", "clientComplete", "hostComplete", "clientDisconnect", "hostDisconnect"];
  if (!completed) {
    return disconnected ? { status: "incomplete", missing: absent(all) } : { status: "connecting", missing: absent(["offer"]) };
  }
  if (!disconnected) return { status: "open", missing: absent(["offer", "relayed", "clientComplete", "hostComplete"]) };
  const missing = absent(all);
  return { status: missing.length === 0 ? "ended" : "incomplete", missing };
}

/**
 * Which client_disconnect is the client's and which the host's. Both carry the same name and
 * mostly the same data, so this weighs evidence, strongest first:
 * 1. Who recorded it. The client's is recorded by the client user. When the host computer has an
 *    owner other than the client (host_user_id not 0 and not the client), an event by that owner
 *    is the host's. A shared team computer (host_user_id 0) has no owner, and its host-side events
 *    may carry the connecting user's id (the simulator does this), as may a connection to one's own
 *    computer (connecting_to_self): then the user id says only that an event recorded by someone
 *    else is not the client's.
 * 2. From where: ip, platform, os, os_version and app_version that match the client's offer or
 *    completion but not the host's completion or relay point to the client, and the reverse.
 * 3. The shorter duration: the host starts counting earlier, so its duration is often a second longer.
 * 4. The earlier event, then the smaller id: no evidence left, but a fixed rule keeps the result
 *    independent of arrival.
 * The most client-like becomes the client's; of the others the most host-like becomes the host's.
 * A lone disconnect is the client's unless the evidence points to the host.
 */
function assignDisconnects(
  disconnects: readonly AttemptEvent[],
  byRole: Map<Role, AttemptEvent>,
  clientUserId: number | null,
  hostUserId: number | null,
): void {
  if (disconnects.length === 0) return;
  const clientRef = present(byRole, ["offer", "clientComplete"]);
  const hostRef = present(byRole, ["hostComplete", "relayed"]);
  const ownerIsSomeoneElse = clientUserId !== null && hostUserId !== null && hostUserId !== 0 && hostUserId !== clientUserId;
  const userScore = (e: AttemptEvent) => {
    if (clientUserId === null) return 0;
    if (e.userId !== clientUserId) return -1;
    return ownerIsSomeoneElse ? 1 : 0;
  };
  const perspectiveScore = (e: AttemptEvent) => {
    let score = 0;
    for (const field of PERSPECTIVE_FIELDS) {
      const value = e[field];
      if (value === null) continue;
      const likeClient = clientRef.some((r) => r[field] === value);
      const likeHost = hostRef.some((r) => r[field] === value);
      if (likeClient && !likeHost) score += 1;
      if (likeHost && !likeClient) score -= 1;
    }
    return score;
  };
  const scored = disconnects.map((event) => ({
    event,
    user: userScore(event),
    perspective: perspectiveScore(event),
    duration: event.duration ?? Infinity,
  }));
  // Most client-like first.
  scored.sort(
    (a, b) =>
      b.user - a.user ||
      b.perspective - a.perspective ||
      a.duration - b.duration ||
      a.event.occurredAtMs - b.event.occurredAtMs ||
      compareText(a.event.id, b.event.id),
  );
  const best = scored[0]!;
  if (scored.length === 1) {
    const pointsToHost = best.user < 0 || (best.user === 0 && best.perspective < 0);
    byRole.set(pointsToHost ? "hostDisconnect" : "clientDisconnect", best.event);
    return;
  }
  byRole.set("clientDisconnect", best.event);
  byRole.set("hostDisconnect", scored[scored.length - 1]!.event);
}

/** Time order, then id order; one event per id (of two copies of an id, which a store never holds, the larger JSON wins). */
function distinctById(events: readonly AttemptEvent[]): AttemptEvent[] {
  const byId = new Map<string, AttemptEvent>();
  for (const event of events) {
    const seen = byId.get(event.id);
    if (!seen || JSON.stringify(event) > JSON.stringify(seen)) byId.set(event.id, event);
  }
  return [...byId.values()].sort((a, b) => a.occurredAtMs - b.occurredAtMs || compareText(a.id, b.id));
}

function first<T>(events: readonly AttemptEvent[], read: (e: AttemptEvent) => T | null): T | null {
  for (const event of events) {
    const value = read(event);
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

function present(byRole: ReadonlyMap<Role, AttemptEvent>, roles: readonly Role[]): AttemptEvent[] {
  const out: AttemptEvent[] = [];
  for (const role of roles) {
    const event = byRole.get(role);
    if (event) out.push(event);
  }
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
