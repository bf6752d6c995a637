import { peerIdAt } from "./deviceIdentity";
import type { Prng } from "./prng";
import type { Host, LifecycleEvent, Person, TeamModel } from "./teamModel";
import { sampleWorkTime } from "./workHours";

/**
 * The administrative events a team's history implies: invitations and joins, seat increases,
 * promotions, departures, team computers added and removed, guest access granted, revoked or
 * expired, API keys. They follow the model's dates, so a member's connections never predate
 * their joining and an admin action is done by someone who is an admin at the time.
 */

const MINUTE_US = 60_000_000;

/** The administrative events implied by the model, in no particular order. */
export function lifecycleEvents(model: TeamModel, rng: Prng): LifecycleEvent[] {
  const out: LifecycleEvent[] = [];
  const { people, hosts, firstActivityUs, endUs } = model;
  const within = (t: number): number => Math.min(endUs, Math.max(firstActivityUs, t));
  const adminAt = (t: number): number => {
    const admins = people.filter((p) => !p.guest && p.adminSinceUs <= t && p.joinUs <= t && t < p.leaveUs);
    return admins.length === 0 ? 0 : (rng.pick(admins) as Person).index;
  };
  const memberFields = (p: Person): Record<string, unknown> => ({
    member_email: p.email ?? "",
    member_user_id: p.userId,
  });

  let seats = model.initialSeats;
  const joins = people.filter((p) => !p.guest && p.index > 0).sort((a, b) => a.joinUs - b.joinUs);
  let active = 1;
  for (const p of joins) {
    const inviteAt = within(p.joinUs - rng.between(10, 3 * 24 * 60) * MINUTE_US);
    const inviteId = rng.hex(16);
    const role = p.adminSinceUs === p.joinUs ? "admin" : "member";
    out.push({
      atUs: inviteAt,
      name: "team_invite_create",
      actor: adminAt(inviteAt),
      fields: { email: p.email ?? `${p.given}@example.invalid`, invite_id: inviteId, role },
    });
    active++;
    if (active > seats) {
      // Undocumented name on purpose: the viewer must show names it does not know.
      const at = within(p.joinUs - rng.between(1, 30) * MINUTE_US);
      out.push({ atUs: at, name: "team_seats_update", actor: 0, fields: { previous_team_seats: seats, team_seats: seats + 5 } });
      seats += 5;
    }
    out.push({ atUs: p.joinUs, name: "team_member_add", actor: p.index, fields: { ...memberFields(p), invite_id: inviteId, role } });
    if (p.adminSinceUs !== Infinity && p.adminSinceUs > p.joinUs) {
      out.push({
        atUs: p.adminSinceUs,
        name: "team_member_role_update",
        actor: 0,
        fields: { ...memberFields(p), new_role: "admin", old_role: "member" },
      });
    }
    if (p.leaveUs !== Infinity) {
      const self = rng.chance(0.3);
      out.push({
        atUs: p.leaveUs,
        name: self ? "team_member_leave" : "team_member_remove",
        actor: self ? p.index : adminAt(p.leaveUs),
        fields: memberFields(p),
      });
      active--;
    }
  }

  for (const h of hosts) {
    if (!h.teamComputer) continue;
    const at = within(h.addedUs);
    const owner = h.owner >= 0 ? (people[h.owner] as Person) : undefined;
    const fields = {
      computer_name: h.name,
      host_peer_id: peerIdAt(model, h, at),
      host_user_id: owner?.userId ?? 0,
      is_shared: h.owner < 0,
    };
    out.push({ atUs: at, name: "team_computer_add", actor: owner && owner.adminSinceUs > at ? owner.index : adminAt(at), fields });
    if (h.removedUs !== Infinity) {
      out.push({ atUs: within(h.removedUs), name: "team_computer_remove", actor: adminAt(h.removedUs), fields });
    }
  }

  for (const gi of model.guests) {
    const g = people[gi] as Person;
    const h = hosts[g.guestHost] as Host;
    const actor = adminAt(g.joinUs);
    const fields = {
      computer_name: h.name,
      expires_at: new Date(g.leaveUs / 1000).toISOString(),
      guest_email: g.email,
      guest_user_id: g.userId,
      host_peer_id: peerIdAt(model, h, g.joinUs),
    };
    out.push({ atUs: g.joinUs, name: "guest_access_create", actor, fields });
    if (rng.chance(0.3)) {
      g.leaveUs = g.joinUs + Math.floor(rng.next() * (g.leaveUs - g.joinUs));
      if (g.leaveUs <= endUs) out.push({ atUs: g.leaveUs, name: "guest_access_revoke", actor: adminAt(g.leaveUs), fields });
    } else if (g.leaveUs <= endUs) {
      out.push({ atUs: g.leaveUs, name: "guest_access_expire", actor, fields });
    }
  }

  const keyCount = 1 + Math.floor(people.length / 60);
  for (let k = 0; k < keyCount; k++) {
    const at = sampleWorkTime(rng, firstActivityUs, endUs);
    out.push({
      atUs: at,
      name: "team_api_key_create",
      actor: adminAt(at),
      fields: {
        key_name: k === 0 ? "audit-log-viewer" : rng.pick(["provisioning", "ci-bot", "監査ログ", "scim-sync"]),
        permissions: k === 0 ? ["access_audit_log"] : ["manage_members", "manage_invites"],
      },
    });
  }
  return out.filter((e) => e.atUs >= firstActivityUs && e.atUs <= endUs);
}
