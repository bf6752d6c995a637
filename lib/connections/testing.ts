/**
 * Fixtures for the connection tests: attempts built to order (both perspectives, as
 * lib/parsec/simulator/connectionFlow.ts writes them), and the Connection table and its rollups
 * read back in a stable order to compare. Only tests import this file.
 */
import type { SqliteConnection } from "../store/sqlite";
import { fromParsecEvent, type AttemptEvent } from "./attemptEvent";
import { CONNECTION_COLUMNS } from "./connectionRows";

export interface Device {
  ip: string;
  os: string;
  osVersion: string;
  platform: string;
  appVersion: string;
}

export const CLIENT_DEVICE: Device = { ip: "203.0.113.10", os: "Windows", osVersion: "11", platform: "windows", appVersion: "150-98" };
export const HOST_DEVICE: Device = { ip: "198.51.100.7", os: "Windows", osVersion: "10", platform: "windows", appVersion: "150-97" };

export type FlowStepName = "offer" | "relayed" | "clientComplete" | "hostComplete" | "clientDisconnect" | "hostDisconnect";

export interface FlowSpec {
  attemptId?: string;
  startMs?: number;
  clientUserId?: number;
  /** 0 for a shared team computer. */
  hostUserId?: number;
  /** Who records the host's events: the owner, or for a shared computer the connecting user (as the simulator does). */
  hostSideUserId?: number;
  clientDevice?: Device;
  hostDevice?: Device;
  hostComputerName?: string;
  failure?: number;
  hostFailure?: number;
  duration?: number;
  hostDuration?: number;
  disconnectCode?: number;
  /** Offset of the host's disconnect from the client's, ms (the simulator: -800..+1500). */
  hostDisconnectOffsetMs?: number;
  /** Steps left out (lost events). */
  omit?: readonly FlowStepName[];
}

/** The events of one attempt as stitching reads them. */
export function flowEvents(spec: FlowSpec = {}): AttemptEvent[] {
  return flowParsecEvents(spec).map(fromParsecEvent);
}

export const TEST_TEAM_ID = "1sn61992rNstjlDoJWnFXRRkxPZ";

/** The events of one attempt in Parsec's shape, ids unique per attempt and step. */
export function flowParsecEvents(spec: FlowSpec = {}): Record<string, unknown>[] {
  const attemptId = spec.attemptId ?? "000e7777-576639b2-a60ec436-e4736baa-84546301-027ac414";
  const start = spec.startMs ?? Date.parse("2026-03-02T09:00:00.000Z");
  const clientUserId = spec.clientUserId ?? 1001;
  const hostUserId = spec.hostUserId ?? 2002;
  const hostSideUserId = spec.hostSideUserId ?? (hostUserId || clientUserId);
  const clientDevice = spec.clientDevice ?? CLIENT_DEVICE;
  const hostDevice = spec.hostDevice ?? HOST_DEVICE;
  const failure = spec.failure ?? 0;
  const duration = spec.duration ?? 1800;
  const disconnectAt = start + 5_000 + duration * 1000;
  const steps: { step: FlowStepName; name: string; userId: number; at: number; device: Device; extra: Record<string, unknown> }[] = [
    { step: "offer", name: "conn_client_offer", userId: clientUserId, at: start, device: clientDevice, extra: {} },
    { step: "relayed", name: "conn_signal_offer_relayed", userId: hostSideUserId, at: start + 200, device: hostDevice, extra: { exit_code: 0 } },
    { step: "clientComplete", name: "p2p_client_complete", userId: clientUserId, at: start + 3_000, device: clientDevice, extra: { exit_code: failure } },
    {
      step: "hostComplete",
      name: "p2p_host_complete",
      userId: hostSideUserId,
      at: start + 3_100,
      device: hostDevice,
      extra: { exit_code: spec.hostFailure ?? failure },
    },
  ];
  if (failure === 0) {
    steps.push(
      {
        step: "clientDisconnect",
        name: "client_disconnect",
        userId: clientUserId,
        at: disconnectAt,
        device: clientDevice,
        extra: { exit_code: spec.disconnectCode ?? 0, duration },
      },
      {
        step: "hostDisconnect",
        name: "client_disconnect",
        userId: hostSideUserId,
        at: disconnectAt + (spec.hostDisconnectOffsetMs ?? 400),
        device: hostDevice,
        extra: { exit_code: spec.disconnectCode ?? 0, duration: spec.hostDuration ?? duration },
      },
    );
  }
  return steps
    .filter((s) => !spec.omit?.includes(s.step))
    .map((s) => ({
      id: `${attemptId}:${s.step}`,
      name: s.name,
      timestamp: new Date(s.at).toISOString(),
      user_id: s.userId,
      team_id: TEST_TEAM_ID,
      data: {
        app_version: s.device.appVersion,
        attempt_id: attemptId,
        client_computer_name: "DESKTOP-田中",
        client_peer_id: "1rjwCb437qXsFaHsR49UNnYJQYt",
        client_user_id: clientUserId,
        connecting_to_self: clientUserId === hostUserId,
        host_computer_name: spec.hostComputerName ?? "render-01 🎬",
        host_is_shared_team_computer: hostUserId === 0,
        host_is_team_computer: true,
        host_peer_id: "1rjwCVNMenFvGDzavBH8rnym2h6",
        host_user_id: hostUserId,
        ip: s.device.ip,
        os: s.device.os,
        os_version: s.device.osVersion,
        platform: s.device.platform,
        ...s.extra,
      },
    }));
}

/** Every Connection row without its write time, by attempt id. */
export function readConnections(sqlite: SqliteConnection): Record<string, unknown>[] {
  const columns = CONNECTION_COLUMNS.filter((c) => c !== "updatedAt")
    .map((c) => `"${c}"`)
    .join(", ");
  return sqlite.prepare(`SELECT ${columns} FROM "Connection" ORDER BY "attemptId"`).all() as Record<string, unknown>[];
}

/** Both rollup tables, every row, by id. */
export function readRollups(sqlite: SqliteConnection): { daily: unknown[]; hourly: unknown[] } {
  return {
    daily: sqlite.prepare(`SELECT * FROM "ConnectionDailyRollup" ORDER BY "id"`).all(),
    hourly: sqlite.prepare(`SELECT * FROM "ConnectionHourlyRollup" ORDER BY "id"`).all(),
  };
}
