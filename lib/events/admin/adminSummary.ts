import { eventNameGroup } from "../eventNameGroups";

/**
 * A one-line summary of an administrative event, from its name and the fields of its `data`.
 * Parsec does not document these events (parsec-api.md), so nothing here is assumed of a name
 * beyond what it says: `team_member_remove` is an action ("remove") on a thing ("member"), and
 * what it was done to is read from the fields that are there (an email, a computer's name, a
 * key's name). A field that is absent is left out, never guessed; a name whose action or thing
 * is not one of these gets the most telling fields of its `data` instead.
 * The summary is plain data: the page words it in the reader's language (messages/*.json).
 */

export const ADMIN_ACTIONS = ["create", "add", "update", "delete", "remove", "revoke", "expire", "leave"] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** What the action was done to, by the words of the name between its prefix and its action. */
const SUBJECTS = {
  "": "team",
  member: "member",
  member_role: "role",
  role: "role",
  invite: "invite",
  api_key: "apiKey",
  computer: "computer",
  access: "guestAccess",
  app_rule: "appRule",
  group_member: "groupMember",
  group: "group",
  settings: "settings",
  seats: "seats",
} as const;
export type AdminSubject = (typeof SUBJECTS)[keyof typeof SUBJECTS];

/** A user the summary names: the email where the store knows it, else the id. */
export interface SummaryUser {
  userId: number;
  email: string | null;
}

/** A name or value from the event's fields: text, or a user. */
export type SummaryValue = { text: string } | { user: SummaryUser };

export interface AdminSummary {
  /** Who did it: the event's user. */
  actor: SummaryUser;
  /** null when the name is not an action on a thing this module knows: then only `fields` say what happened. */
  action: AdminAction | null;
  subject: AdminSubject | null;
  /** Whom or what it was done to. */
  target: SummaryValue | null;
  /** Where: the computer of a guest access, the group of a group member. */
  place: string | null;
  /** What changed, where the fields give both sides (or only the new one). */
  change: { from: string | null; to: string } | null;
  /** For a name not known: its most telling fields, as they are. */
  fields: { key: string; value: SummaryValue }[];
}

export type EmailOfUser = (userId: number) => string | null;

/** The data fields that name whom or what an action was done to, most telling first. */
const TARGET_EMAILS = ["member_email", "guest_email", "email"] as const;
const TARGET_USER_IDS = ["member_user_id", "guest_user_id"] as const;
const TARGET_NAMES = ["key_name", "computer_name", "app_rule_name", "group_name", "setting", "team_name"] as const;

/** Fields that describe the device or the request, not the action: never the telling ones. */
const NOISE_FIELDS = new Set(["app_version", "client_peer_id", "host_peer_id", "client_type", "ip", "os", "os_version", "platform", "team_id", "user_id"]);
const MAX_FIELDS = 3;
const MAX_TEXT = 80;

/** The name's action and thing, when it is one of the forms above. */
export function parseAdminName(name: string): { action: AdminAction; subject: AdminSubject } | null {
  const match = /^(?:team|guest)(?:_(.+?))?_([a-z]+)$/.exec(name);
  if (!match) return null;
  const action = ADMIN_ACTIONS.find((known) => known === match[2]);
  const words = match[1] ?? "";
  const subject = Object.hasOwn(SUBJECTS, words) ? SUBJECTS[words as keyof typeof SUBJECTS] : undefined;
  // "guest_access_create": the thing is guest access; a bare "guest_create" says nothing known.
  if (name.startsWith("guest_") && subject !== "guestAccess") return null;
  if (name.startsWith("team_") && subject === "guestAccess") return null;
  return action && subject ? { action, subject } : null;
}

/** The user ids a summary of this event may name, so that one query finds all the emails of a page. */
export function summaryUserIds(event: { name: string; userId: number; data: unknown }): number[] {
  if (eventNameGroup(event.name) !== "admin") return [];
  const data = asObject(event.data);
  const ids = [event.userId];
  for (const [key, value] of Object.entries(data)) if (key.endsWith("user_id") && isUserId(value)) ids.push(value);
  return ids;
}

/** The summary of an administrative event; null for any other event (connections have their own columns). */
export function summarizeAdminEvent(
  event: { name: string; userId: number; userEmail: string | null; data: unknown },
  emailOf: EmailOfUser,
): AdminSummary | null {
  if (eventNameGroup(event.name) !== "admin") return null;
  const data = asObject(event.data);
  const user = (userId: number, email: string | null = null): SummaryUser => ({ userId, email: email ?? emailOf(userId) });
  const actor = user(event.userId, event.userEmail);
  const parsed = parseAdminName(event.name);
  if (!parsed) return { actor, action: null, subject: null, target: null, place: null, change: null, fields: tellingFields(data, user) };
  const { action, subject } = parsed;
  return { actor, action, subject, target: targetOf(data, subject, user), place: placeOf(data, subject), change: changeOf(data, subject), fields: [] };
}

function targetOf(data: Record<string, unknown>, subject: AdminSubject, user: (id: number, email?: string | null) => SummaryUser): SummaryValue | null {
  const userId = TARGET_USER_IDS.map((key) => data[key]).find(isUserId);
  const email = TARGET_EMAILS.map((key) => text(data[key])).find((value) => value !== null) ?? null;
  if (userId !== undefined) return { user: user(userId, email) };
  if (email !== null) return { text: email };
  // A guest access or a group member is for someone; their computer or group is the place.
  const names =
    subject === "guestAccess" || subject === "groupMember" ? TARGET_NAMES.filter((key) => key !== "computer_name" && key !== "group_name") : TARGET_NAMES;
  const name = names.map((key) => text(data[key])).find((value) => value !== null);
  return name === undefined ? null : { text: name };
}

function placeOf(data: Record<string, unknown>, subject: AdminSubject): string | null {
  if (subject === "guestAccess") return text(data.computer_name);
  if (subject === "groupMember") return text(data.group_name);
  return null;
}

/** Both sides of a change the fields spell out: old_x/new_x, previous_x/x, or a setting's new value. */
function changeOf(data: Record<string, unknown>, subject: AdminSubject): { from: string | null; to: string } | null {
  for (const [key, value] of Object.entries(data)) {
    const side = /^(?:old|previous)_(.+)$/.exec(key);
    if (!side) continue;
    const to = text(data[`new_${side[1]}`]) ?? text(data[side[1]!]);
    if (to !== null) return { from: text(value), to };
  }
  if (subject === "settings" && data.setting !== undefined) {
    const to = text(data.value);
    if (to !== null) return { from: null, to };
  }
  return null;
}

/** Up to three fields that say something: names, emails and values before ids, device details left out. */
function tellingFields(data: Record<string, unknown>, user: (id: number) => SummaryUser): AdminSummary["fields"] {
  const rank = (key: string) =>
    /(^|_)(name|email)$/.test(key) ? 0 : /role|setting|value|permission|seats/.test(key) ? 1 : key.endsWith("user_id") ? 2 : key.endsWith("id") ? 4 : 3;
  return Object.entries(data)
    .filter(([key, value]) => !NOISE_FIELDS.has(key) && text(value) !== null)
    .sort(([a], [b]) => rank(a) - rank(b))
    .slice(0, MAX_FIELDS)
    .map(([key, value]) => ({ key, value: key.endsWith("user_id") && isUserId(value) ? { user: user(value) } : { text: text(value)! } }));
}

function asObject(value: unknown): Record<string, unknown> {
  const parsed = typeof value === "string" ? safeJson(value) : value;
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

function safeJson(textValue: string): unknown {
  try {
    return JSON.parse(textValue);
  } catch {
    return null;
  }
}

/** A field's value as one line of text: strings, numbers, booleans and lists of them; null for empty or nested. */
function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : clip(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((item) => ["string", "number", "boolean"].includes(typeof item))) return clip(value.join(", "));
  return null;
}

function clip(value: string): string {
  const chars = [...value.replace(/\s+/g, " ")];
  return chars.length > MAX_TEXT ? `${chars.slice(0, MAX_TEXT - 1).join("")}…` : chars.join("");
}

/** A Parsec user id: a positive integer (0 is a shared team computer's "no owner"). */
function isUserId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}
