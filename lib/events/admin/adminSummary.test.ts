import { describe, expect, it } from "vitest";
import { parseAdminName, summarizeAdminEvent, summaryUserIds, type AdminSummary } from "./adminSummary";

const EMAILS = new Map([
  [501, "naoki.tanaka@example.jp"],
  [502, "yuki.inoue@example.jp"],
]);
const emailOf = (userId: number) => EMAILS.get(userId) ?? null;
const DEVICE = { app_version: "150-98", ip: "203.0.113.10", os: "windows", client_peer_id: "1rjwCb437qXsFaHsR49UNnYJQYt", team_id: "1sn61992" };

function summary(name: string, data: Record<string, unknown>, userId = 501, userEmail: string | null = null): AdminSummary | null {
  return summarizeAdminEvent({ name, userId, userEmail, data: JSON.stringify({ ...DEVICE, ...data }) }, emailOf);
}

const actor = { userId: 501, email: "naoki.tanaka@example.jp" };

describe("summaries of administrative events", () => {
  it.each<[string, Record<string, unknown>, Partial<AdminSummary>]>([
    ["team_create", { team_name: "cm", team_seats: 5 }, { action: "create", subject: "team", target: { text: "cm" }, change: null }],
    [
      "team_member_role_update",
      { member_email: "", member_user_id: 502, old_role: "member", new_role: "admin" },
      { action: "update", subject: "role", target: { user: { userId: 502, email: "yuki.inoue@example.jp" } }, change: { from: "member", to: "admin" } },
    ],
    [
      "team_role_update",
      { member_user_id: 502, old_role: "admin", new_role: "member" },
      { action: "update", subject: "role", target: { user: { userId: 502, email: "yuki.inoue@example.jp" } }, change: { from: "admin", to: "member" } },
    ],
    [
      "team_member_add",
      { member_email: "new@example.jp", member_user_id: 777, invite_id: "ab12", role: "member" },
      // The store knows no email for 777: the event's own field gives it.
      { action: "add", subject: "member", target: { user: { userId: 777, email: "new@example.jp" } } },
    ],
    ["team_member_remove", { member_user_id: 888 }, { action: "remove", subject: "member", target: { user: { userId: 888, email: null } } }],
    ["team_member_leave", { member_email: "yuki.inoue@example.jp", member_user_id: 502 }, { action: "leave", subject: "member" }],
    [
      "team_invite_create",
      { email: "guest@partner.example", invite_id: "ff00", role: "member" },
      { action: "create", subject: "invite", target: { text: "guest@partner.example" } },
    ],
    ["team_invite_delete", { email: "guest@partner.example" }, { action: "delete", subject: "invite", target: { text: "guest@partner.example" } }],
    ["team_api_key_create", { key_name: "監査ログ", permissions: ["access_audit_log"] }, { action: "create", subject: "apiKey", target: { text: "監査ログ" } }],
    ["team_api_key_delete", { key_name: "ci-bot" }, { action: "delete", subject: "apiKey", target: { text: "ci-bot" } }],
    [
      "team_computer_add",
      { computer_name: "会議室PC", host_peer_id: "1rjw", host_user_id: 0, is_shared: true },
      { action: "add", subject: "computer", target: { text: "会議室PC" } },
    ],
    ["team_computer_remove", { computer_name: "会議室PC", host_user_id: 0 }, { action: "remove", subject: "computer", target: { text: "会議室PC" } }],
    [
      "team_computer_update",
      { computer_name: "render-01 🎬", setting: "max_guests" },
      { action: "update", subject: "computer", target: { text: "render-01 🎬" } },
    ],
    [
      "guest_access_create",
      { computer_name: "会議室PC", guest_email: "g@partner.example", guest_user_id: 9_000_001, expires_at: "2026-12-24T00:00:00Z" },
      { action: "create", subject: "guestAccess", target: { user: { userId: 9_000_001, email: "g@partner.example" } }, place: "会議室PC" },
    ],
    [
      "guest_access_revoke",
      { computer_name: "会議室PC", guest_email: "g@partner.example" },
      { action: "revoke", subject: "guestAccess", target: { text: "g@partner.example" }, place: "会議室PC" },
    ],
    ["guest_access_expire", { computer_name: "会議室PC", guest_user_id: 502 }, { action: "expire", subject: "guestAccess", place: "会議室PC" }],
    ["team_seats_update", { previous_team_seats: 25, team_seats: 30 }, { action: "update", subject: "seats", change: { from: "25", to: "30" } }],
    [
      "team_settings_update",
      { setting: "require_2fa", value: true },
      { action: "update", subject: "settings", target: { text: "require_2fa" }, change: { from: null, to: "true" } },
    ],
    [
      "team_app_rule_update",
      { app_rule_id: "a1", app_rule_name: "外部パートナー" },
      { action: "update", subject: "appRule", target: { text: "外部パートナー" } },
    ],
    [
      "team_group_member_add",
      { group_id: "g1", group_name: "アニメーター", member_email: "", member_user_id: 502 },
      { action: "add", subject: "groupMember", target: { user: { userId: 502, email: "yuki.inoue@example.jp" } }, place: "アニメーター" },
    ],
  ])("%s: says who did what to whom from the fields present", (name, data, expected) => {
    expect(summary(name, data)).toMatchObject({ actor, fields: [], ...expected });
  });

  it("leaves out what the fields do not give, never guessing a target or a change", () => {
    expect(summary("team_api_key_create", {})).toMatchObject({ action: "create", subject: "apiKey", target: null, change: null, place: null });
    expect(summary("team_member_role_update", { new_role: "admin" })).toMatchObject({ target: null, change: null });
  });

  it("names the actor by the event's own email first, then the store's, then by id", () => {
    expect(summary("team_create", {}, 501, "current@example.jp")!.actor).toEqual({ userId: 501, email: "current@example.jp" });
    expect(summary("team_create", {}, 999)!.actor).toEqual({ userId: 999, email: null });
  });

  it("gives an unknown name its most telling fields: names and emails first, device details never", () => {
    const unknown = summary("team_sso_config_rotate", { provider_name: "Okta", member_user_id: 502, rotation_id: "x9", nested: { a: 1 } });
    expect(unknown).toMatchObject({ action: null, subject: null, target: null });
    expect(unknown!.fields).toEqual([
      { key: "provider_name", value: { text: "Okta" } },
      { key: "member_user_id", value: { user: { userId: 502, email: "yuki.inoue@example.jp" } } },
      { key: "rotation_id", value: { text: "x9" } },
    ]);
    expect(summary("team_something_frobnicate", {})!.fields).toEqual([]);
  });

  it("summarises nothing that is not administrative, and survives data that is not an object", () => {
    expect(summary("p2p_client_complete", { exit_code: 0 })).toBeNull();
    expect(summarizeAdminEvent({ name: "frobnicate", userId: 1, userEmail: null, data: {} }, emailOf)).toBeNull();
    expect(summarizeAdminEvent({ name: "team_create", userId: 1, userEmail: null, data: "not json" }, emailOf)).toMatchObject({ target: null });
    expect(summarizeAdminEvent({ name: "team_create", userId: 1, userEmail: null, data: "[1,2]" }, emailOf)).toMatchObject({ target: null });
  });

  it("clips a very long value to one readable line", () => {
    const long = summary("team_api_key_create", { key_name: `${"鍵".repeat(500)}\n\tend` })!;
    expect([...(long.target as { text: string }).text]).toHaveLength(80);
  });

  it("asks for the emails of the actor and of every user id in the data, of administrative events only", () => {
    expect(summaryUserIds({ name: "team_group_member_add", userId: 501, data: JSON.stringify({ member_user_id: 502, host_user_id: 0 }) })).toEqual([501, 502]);
    expect(summaryUserIds({ name: "client_disconnect", userId: 501, data: JSON.stringify({ client_user_id: 502 }) })).toEqual([]);
  });

  it("reads names by their form only", () => {
    expect(parseAdminName("team_member_role_update")).toEqual({ action: "update", subject: "role" });
    expect(parseAdminName("guest_access_expire")).toEqual({ action: "expire", subject: "guestAccess" });
    expect(parseAdminName("team_access_create")).toBeNull();
    expect(parseAdminName("guest_create")).toBeNull();
    expect(parseAdminName("team_member_promote")).toBeNull();
  });
});
