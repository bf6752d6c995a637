import { addressAt, appVersionAt, peerIdAt } from "./deviceIdentity";
import { sortedObject, type FlowPlan } from "./flowPlan";
import { WeightedTable, type Prng } from "./prng";
import { hostAvailable, isActive, type Host, type LifecycleEvent, type Person, type TeamModel } from "./teamModel";
import { GUEST_DOMAINS, JAPANESE_FAMILY_NAMES, JAPANESE_GIVEN_NAMES } from "./vocabulary";

/**
 * Administrative events: one event per flow. Only team_create's shape is documented; the others
 * follow its pattern (who acted from where, plus the subject of the action). Some names here are
 * invented on purpose, because the real list is open and the viewer must not drop unknown names.
 */

/** team_create, shaped exactly like the documented example. */
export function planTeamCreate(model: TeamModel): FlowPlan {
  const owner = model.people[0] as Person;
  return singleEvent("team_create", owner.userId, () =>
    actorFields(model, owner, model.startUs, {
      app_version: "",
      team_id: model.teamId,
      team_name: model.teamName,
      team_seats: model.initialSeats,
    }),
  );
}

export function planLifecycleEvent(model: TeamModel, event: LifecycleEvent): FlowPlan {
  const actor = model.people[event.actor] as Person;
  return singleEvent(event.name, actor.userId, () => actorFields(model, actor, event.atUs, event.fields));
}

type RandomAdminKind =
  | "team_computer_update"
  | "guest_access_create"
  | "guest_access_revoke"
  | "team_invite_create"
  | "team_invite_delete"
  | "team_api_key_delete"
  | "team_app_rule_update"
  | "team_group_member_add"
  | "team_settings_update";

const RANDOM_ADMIN = new WeightedTable<RandomAdminKind>([
  ["team_computer_update", 22],
  ["guest_access_create", 12],
  ["guest_access_revoke", 5],
  ["team_invite_create", 10],
  ["team_invite_delete", 5],
  ["team_api_key_delete", 1],
  ["team_app_rule_update", 8],
  ["team_group_member_add", 8],
  ["team_settings_update", 6],
]);

/** Day-to-day administration that the team model does not track (settings, ad-hoc guests...). */
export function planRandomAdminEvent(model: TeamModel, rng: Prng, atUs: number): FlowPlan {
  const actor = pickAdmin(model, rng, atUs);
  const kind = RANDOM_ADMIN.pick(rng);
  const computer = pickSharedHost(model, rng, atUs);
  let fields: Record<string, unknown>;
  switch (kind) {
    case "team_computer_update":
      fields = {
        computer_name: computer?.name ?? "",
        host_peer_id: computer ? peerIdAt(model, computer, atUs) : "",
        host_user_id: 0,
        setting: rng.pick(["name", "max_guests", "permissions", "resolution", "auto_approve"]),
      };
      break;
    case "guest_access_create":
    case "guest_access_revoke":
      fields = {
        computer_name: computer?.name ?? "",
        expires_at: new Date(atUs / 1000 + rng.between(1, 14) * 86_400_000).toISOString(),
        guest_email: externalEmail(rng),
        guest_user_id: rng.between(1_000_000, 12_999_999),
        host_peer_id: computer ? peerIdAt(model, computer, atUs) : "",
      };
      break;
    case "team_invite_create":
    case "team_invite_delete":
      fields = { email: externalEmail(rng), invite_id: rng.hex(16), role: rng.chance(0.9) ? "member" : "admin" };
      break;
    case "team_api_key_delete":
      fields = { key_name: rng.pick(["ci-bot", "provisioning", "old-key"]) };
      break;
    case "team_app_rule_update":
      fields = { app_rule_id: rng.hex(12), app_rule_name: rng.pick(["Default", "Editors", "外部パートナー", "Render nodes"]) };
      break;
    case "team_group_member_add": {
      const member = pickMember(model, rng, atUs);
      fields = {
        group_id: rng.hex(12),
        group_name: rng.pick(["Artists", "Engineering", "アニメーター", "Contractors"]),
        member_email: member.email ?? "",
        member_user_id: member.userId,
      };
      break;
    }
    case "team_settings_update":
      fields = {
        setting: rng.pick(["require_2fa", "session_timeout", "allow_guest_access", "default_app_rule"]),
        value: rng.pick([true, false, 30, "strict"]),
      };
      break;
  }
  return singleEvent(kind, actor.userId, () => actorFields(model, actor, atUs, fields));
}

function singleEvent(name: string, userId: number, data: () => Record<string, unknown>): FlowPlan {
  return { steps: [{ name, userId, offsetUs: 0 }], data };
}

/** Where the acting admin was: the fields team_create's example carries besides its own. */
function actorFields(model: TeamModel, actor: Person, t: number, fields: Record<string, unknown>): Record<string, unknown> {
  const device = actor.devices[0];
  const ownHost = actor.personalHosts.length > 0 ? (model.hosts[actor.personalHosts[0] as number] as Host) : undefined;
  if (!device) return sortedObject({ team_id: model.teamId, ...fields });
  // Most administration happens in the web dashboard, which reports no app version.
  const fromApp = (device.key + Math.floor(t / 3_600_000_000)) % 4 === 0;
  return sortedObject({
    app_version: fromApp ? appVersionAt(model, device, t) : "",
    client_peer_id: peerIdAt(model, device, t),
    client_type: "",
    host_peer_id: ownHost ? peerIdAt(model, ownHost, t) : undefined,
    ip: addressAt(model, device, t),
    os: device.platform,
    team_id: model.teamId,
    ...fields,
  });
}

function pickAdmin(model: TeamModel, rng: Prng, t: number): Person {
  for (let attempt = 0; attempt < 8; attempt++) {
    const p = model.people[model.memberPicker.pick(rng)] as Person;
    if (p.adminSinceUs <= t && isActive(p, t)) return p;
  }
  return model.people[0] as Person;
}

function pickMember(model: TeamModel, rng: Prng, t: number): Person {
  for (let attempt = 0; attempt < 16; attempt++) {
    const p = model.people[model.memberPicker.pick(rng)] as Person;
    if (isActive(p, t)) return p;
  }
  return model.people[0] as Person;
}

function pickSharedHost(model: TeamModel, rng: Prng, t: number): Host | undefined {
  if (model.sharedHosts.length === 0) return undefined;
  for (let attempt = 0; attempt < 8; attempt++) {
    const h = model.hosts[rng.pick(model.sharedHosts)] as Host;
    if (hostAvailable(model, h, t)) return h;
  }
  return model.hosts[model.sharedHosts[0] as number];
}

function externalEmail(rng: Prng): string {
  return `${rng.pick(JAPANESE_GIVEN_NAMES)}.${rng.pick(JAPANESE_FAMILY_NAMES)}@${rng.pick(GUEST_DOMAINS)}`;
}
