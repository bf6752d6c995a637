/**
 * Which kind of action an event name records. Parsec documents the connection events; the list of
 * administrative names is not documented, so names are recognised by the prefixes every known one
 * shares, and anything else is "other": shown as it is, never dropped.
 */
export const EVENT_NAME_GROUPS = ["connection", "admin", "other"] as const;
export type EventNameGroup = (typeof EVENT_NAME_GROUPS)[number];

export const EVENT_NAME_GROUP_LABELS: Record<EventNameGroup, string> = {
  connection: "Connections",
  admin: "Administration",
  other: "Other",
};

/** The documented events of one peer-to-peer connection attempt (see parsec-api.md). */
export const CONNECTION_EVENT_NAMES = [
  "conn_client_offer",
  "conn_signal_offer_relayed",
  "p2p_client_complete",
  "p2p_host_complete",
  "client_disconnect",
] as const;

const ADMIN_PREFIXES = ["team_", "guest_access_"] as const;

export function eventNameGroup(name: string): EventNameGroup {
  if ((CONNECTION_EVENT_NAMES as readonly string[]).includes(name)) return "connection";
  if (ADMIN_PREFIXES.some((prefix) => name.startsWith(prefix))) return "admin";
  return "other";
}
