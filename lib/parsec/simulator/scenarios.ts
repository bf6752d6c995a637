import { z } from "zod";
import { addressAt, peerIdAt } from "./deviceIdentity";
import type { EventNames } from "./eventNames";
import { INJECTED_STEP, type EventRow } from "./eventStore";
import { encodeKsuid, ksuidSecondsOf } from "./ksuid";
import { hash32 } from "./prng";
import { isActive, type Host, type Person, type TeamModel } from "./teamModel";
import { formatTimestamp } from "./timestamps";

/**
 * Scenarios injected on demand, so that tests and the demo can drive each alert rule: an API key
 * created, a role change, a member added, a user's connection from an address never seen, a burst
 * of failed connections to one computer, and use at night. Each is a few events shaped like the
 * generated ones, stored in the log at `at` (default: the simulated now).
 */

export const SCENARIOS = ["api-key-created", "role-change", "member-added", "new-ip", "failure-burst", "off-hours"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const scenarioSchema = z.strictObject({
  scenario: z.enum(SCENARIOS),
  at: z.iso.datetime({ offset: true }).optional(),
  /** failure-burst: how many failed connections (default 12), 20 s apart, the last at `at`. */
  count: z.number().int().min(1).max(1000).optional(),
  /** The acting user (a team member's Parsec id); default one of the team's. */
  userId: z.number().int().positive().optional(),
  /** The computer (failure-burst, new-ip, off-hours); default a shared team computer. */
  host: z.string().min(1).max(200).optional(),
  /** new-ip: the new address; default one from 203.0.113.0/24, which the generated team never uses. */
  ip: z.string().min(1).max(64).optional(),
});
export type ScenarioRequest = z.infer<typeof scenarioSchema>;

export interface InjectedEvent {
  row: EventRow;
  served: Record<string, unknown>;
}

/** The exit code of the burst's failures: NAT_ERR_PEER_PHASE, peer-to-peer could not be set up. */
const BURST_EXIT_CODE = -6023;

export function buildScenario(model: TeamModel, names: EventNames, request: ScenarioRequest, atUs: number, serial: number): InjectedEvent[] {
  let counter = serial;
  const make = (name: string, userId: number, us: number, data: Record<string, unknown>): InjectedEvent => {
    counter += 1;
    const h = hash32(model.seed, 0x5ce0, counter);
    const id = new Uint32Array([ksuidSecondsOf(us), h, hash32(h, 1), hash32(h, 2), hash32(h, 3)]);
    const email = model.emailByUserId.get(userId);
    const served: Record<string, unknown> = { id: encodeKsuid(id), name, timestamp: formatTimestamp(us, false), user_id: userId, team_id: model.teamId, data };
    if (email !== undefined) served.user_email = email;
    return { row: { id, us, flow: 0, step: INJECTED_STEP, userId, nameIndex: names.indexOf(name) }, served };
  };
  const actor = personFor(model, request.userId, atUs, true);
  const member = personFor(model, request.userId, atUs, false);
  const host = hostFor(model, request.host);
  const adminData = (fields: Record<string, unknown>) => ({
    ip: actor.devices[0] ? addressAt(model, actor.devices[0], atUs) : "150.249.0.1",
    team_id: model.teamId,
    ...fields,
  });

  const connection = (us: number, exitCode: number, ip: string | null): InjectedEvent[] => {
    const device = member.devices[0];
    const attemptId = `sim-${hash32(model.seed, 0xa77e, counter + 1)
      .toString(16)
      .padStart(8, "0")}-${counter + 1}`;
    const common = {
      attempt_id: attemptId,
      client_user_id: member.userId,
      host_user_id: host.owner >= 0 ? (model.people[host.owner] as Person).userId : 0,
      host_computer_name: host.name,
      client_computer_name: device?.name ?? "client",
      client_peer_id: device ? peerIdAt(model, device, us) : "",
      host_peer_id: peerIdAt(model, host, us),
      host_is_team_computer: host.teamComputer,
      host_is_shared_team_computer: host.owner < 0,
      ip: ip ?? (device ? addressAt(model, device, us) : "150.249.0.1"),
      os: device?.os ?? "Windows",
      platform: device?.platform ?? "windows",
    };
    return [
      make("conn_client_offer", member.userId, us, common),
      make("p2p_client_complete", member.userId, us + 2_000_000, { ...common, exit_code: exitCode }),
      make("p2p_host_complete", member.userId, us + 2_100_000, { ...common, exit_code: exitCode }),
    ];
  };

  switch (request.scenario) {
    case "api-key-created":
      return [
        make(
          "team_api_key_create",
          actor.userId,
          atUs,
          adminData({ api_key_name: `automation-${serial + 1}`, permissions: ["team_members_add", "audit_log"] }),
        ),
      ];
    case "role-change":
      return [make("team_member_role_update", actor.userId, atUs, adminData({ target_user_id: member.userId, old_role: "member", new_role: "admin" }))];
    case "member-added":
      return [make("team_member_add", actor.userId, atUs, adminData({ target_email: `new.member${serial + 1}@example.jp`, role: "member" }))];
    case "new-ip":
      return connection(atUs - 3_000_000, 0, request.ip ?? `203.0.113.${1 + (serial % 250)}`);
    case "off-hours":
      return connection(atUs - 3_000_000, 0, null);
    case "failure-burst": {
      const count = request.count ?? 12;
      return Array.from({ length: count }, (_, i) => connection(atUs - 3_000_000 - (count - 1 - i) * 20_000_000, BURST_EXIT_CODE, null)).flat();
    }
  }
}

function personFor(model: TeamModel, userId: number | undefined, t: number, admin: boolean): Person {
  const wanted = userId === undefined ? undefined : model.people.find((p) => p.userId === userId);
  if (wanted) return wanted;
  const candidates = model.people.filter((p) => !p.guest && isActive(p, t) && (admin ? p.adminSinceUs <= t : p.index !== 0));
  return candidates[0] ?? (model.people[0] as Person);
}

function hostFor(model: TeamModel, name: string | undefined): Host {
  const named = name === undefined ? undefined : model.hosts.find((h) => h.name === name);
  return named ?? (model.hosts[model.sharedHosts[0] ?? 0] as Host);
}
