import type { RuleInput } from "./ruleSchema";

/**
 * The rules every viewer starts with, off until an admin enables them (and names a channel): the
 * cases a team admin needs to hear about at once. Names are what the UI shows and the log keeps.
 */

const CONNECTION_START = ["conn_client_offer"];

export const BUILT_IN_RULES: readonly RuleInput[] = [
  {
    name: "API key created",
    description: "A team API key can add people to the team.",
    kind: "event",
    severity: "critical",
    match: { names: ["team_api_key_create"] },
  },
  {
    name: "Role changed",
    kind: "event",
    severity: "warning",
    match: { names: ["team_member_role_update"] },
  },
  {
    name: "Member or guest added",
    kind: "event",
    severity: "info",
    match: { names: ["team_member_add", "team_invite_create", "guest_access_create"] },
  },
  {
    name: "Connection from a new address",
    description: "A user connected from an IP address they have not used in 90 days.",
    kind: "new-value",
    severity: "warning",
    match: { names: CONNECTION_START },
    value: "ip",
    groupBy: "user",
    lookbackDays: 90,
  },
  {
    name: "Connection outside working hours",
    description: "Mon-Fri 09:00-19:00 Tokyo time; edit the zone and the hours to your team's.",
    kind: "schedule",
    severity: "warning",
    match: { names: CONNECTION_START },
    zone: "Asia/Tokyo",
    days: ["mon", "tue", "wed", "thu", "fri"],
    from: "09:00",
    to: "19:00",
    cooldownMinutes: 30,
  },
  {
    name: "Burst of failed connections to one computer",
    kind: "threshold",
    severity: "warning",
    match: { names: ["p2p_client_complete"], exit: "failure" },
    count: 10,
    windowMinutes: 15,
    groupBy: "host",
  },
  {
    name: "Sync failing",
    description: "The audit trail stops while the sync fails.",
    kind: "sync-health",
    severity: "critical",
    condition: "sync-failing",
    threshold: 30,
  },
  {
    name: "Parsec refuses the API key",
    description: "401 or 403 from Parsec: the key was disabled or lost the Access Audit Log permission.",
    kind: "sync-health",
    severity: "critical",
    condition: "parsec-auth",
  },
  { name: "Quarantine growing", kind: "sync-health", severity: "warning", condition: "quarantine-growing", threshold: 1 },
  { name: "Clocks apart", kind: "sync-health", severity: "info", condition: "clock-skew", threshold: 300 },
  { name: "Destination lagging", kind: "sync-health", severity: "warning", condition: "destination-lagging", threshold: 30 },
];

/**
 * Each built-in rule's key in the catalogues (Alerts.builtInName): its name is the identifier the
 * rules file, the store and the alert log use, and stays English; pages show it in the reader's
 * language.
 */
const BUILT_IN_RULE_KEYS: Readonly<Record<string, string>> = {
  "API key created": "apiKeyCreated",
  "Role changed": "roleChanged",
  "Member or guest added": "memberOrGuestAdded",
  "Connection from a new address": "connectionFromNewAddress",
  "Connection outside working hours": "connectionOutsideWorkingHours",
  "Burst of failed connections to one computer": "failureBurst",
  "Sync failing": "syncFailing",
  "Parsec refuses the API key": "apiKeyRefused",
  "Quarantine growing": "quarantineGrowing",
  "Clocks apart": "clocksApart",
  "Destination lagging": "destinationLagging",
};

/** The catalogue key of a built-in rule's name, or null for a rule an admin named. */
export function builtInRuleKey(name: string): string | null {
  return Object.hasOwn(BUILT_IN_RULE_KEYS, name) ? BUILT_IN_RULE_KEYS[name]! : null;
}
