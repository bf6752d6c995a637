import { lifecycleEvents } from "./lifecycleEvents";
import { Prng, WeightedTable } from "./prng";
import { sampleWorkTime } from "./workHours";
import {
  CLIENT_NAMES,
  EMAIL_DOMAINS_JP,
  GUEST_DOMAINS,
  INTERNATIONAL_PEOPLE,
  JAPANESE_FAMILY_NAMES,
  JAPANESE_GIVEN_NAMES,
  PERSONAL_HOST_NAMES,
  PLATFORM_OS,
  SHARED_COMPUTER_NAMES,
  TEAM_NAMES,
  type Platform,
} from "./vocabulary";

/**
 * The team behind the history: people with join/leave dates and roles, their client devices, the
 * host computers they reach, and the administrative events that this lifecycle implies. It is
 * small (hundreds of people at most) and built once; the million events refer into it by index.
 */

const MINUTE_US = 60_000_000;
const HOUR_US = 60 * MINUTE_US;
const DAY_US = 24 * HOUR_US;

export interface Device {
  /** Distinct number for deriving this device's peer ids and addresses. */
  key: number;
  name: string;
  platform: Platform;
  os: string;
  osVersion: string;
  /** Releases behind the newest available build. */
  versionLag: number;
  /** The user logs out and back in about this often, which gives the device a new peer id. */
  peerPeriodUs: number;
  peerPhaseUs: number;
  /** Sits in the office (shares the office address) rather than at someone's home. */
  inOffice: boolean;
  ipv6: boolean;
}

export interface Person {
  index: number;
  userId: number;
  email: string | undefined;
  given: string;
  /** Used in computer names ("Tanaka-Workstation"). */
  label: string;
  guest: boolean;
  /** Active in [joinUs, leaveUs). */
  joinUs: number;
  leaveUs: number;
  adminSinceUs: number;
  /** Relative share of the team's connections. */
  weight: number;
  devices: Device[];
  personalHosts: number[];
  /** For guests: the shared computer they were granted. */
  guestHost: number;
}

export interface Host extends Device {
  index: number;
  /** Person index of the owner; -1 for a shared team computer. */
  owner: number;
  teamComputer: boolean;
  addedUs: number;
  removedUs: number;
}

export interface LifecycleEvent {
  atUs: number;
  name: string;
  actor: number;
  /** Event-specific data fields (merged with the actor's common fields when rendered). */
  fields: Record<string, unknown>;
}

export interface TeamModel {
  seed: number;
  teamId: string;
  teamName: string;
  initialSeats: number;
  startUs: number;
  endUs: number;
  /** First instant after team_create's second: nothing else may share its KSUID second. */
  firstActivityUs: number;
  people: Person[];
  hosts: Host[];
  sharedHosts: number[];
  personalHostsAll: number[];
  guests: number[];
  lifecycle: LifecycleEvent[];
  memberPicker: WeightedTable<number>;
  officeIpv4: string;
  emailByUserId: Map<number, string | undefined>;
}

export interface TeamModelInput {
  seed: number;
  teamId: string;
  users: number;
  hosts: number;
  startUs: number;
  endUs: number;
}

export function buildTeamModel(input: TeamModelInput): TeamModel {
  const rng = new Prng(input.seed, 0x7ea3);
  // The team was created at some instant within the first second of the span, not on a round one.
  const startUs = Math.floor(input.startUs / 1000) * 1000 + rng.int(1000) * 1000;
  const endUs = Math.max(input.endUs, startUs + 2_000_000);
  const firstActivityUs = (Math.floor(startUs / 1_000_000) + 1) * 1_000_000;
  const span = endUs - firstActivityUs;
  let deviceKey = 1;
  const usedUserIds = new Set<number>();
  const usedEmails = new Set<string>();
  const usedHostNames = new Set<string>();

  const newUserId = (): number => {
    for (;;) {
      const id = rng.between(1_000_000, 12_999_999);
      if (!usedUserIds.has(id)) {
        usedUserIds.add(id);
        return id;
      }
    }
  };
  const uniqueEmail = (local: string, domain: string): string => {
    let email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);
    return email;
  };
  const uniqueHostName = (template: string, vars: Record<string, string>): string => {
    const fill = (n: number): string =>
      template
        .replaceAll("{n}", String(n).padStart(2, "0"))
        .replaceAll("{code}", randomCode(rng))
        .replace(/\{(\w+)\}/g, (_, key: string) => vars[key] ?? key);
    let name = fill(1);
    // Templates without a number get one appended, as people do with a second "Pixel 8".
    for (let n = 2; usedHostNames.has(name); n++) name = template.includes("{n}") ? fill(n) : `${fill(n)} ${n}`;
    usedHostNames.add(name);
    return name;
  };
  // Hosts stay logged in for months; laptops and phones sign out more often.
  const makeDevice = (platform: Platform, name: string, inOffice: boolean, host = false): Device => {
    const os = PLATFORM_OS[platform];
    return {
      key: deviceKey++,
      name,
      platform,
      os: os.os,
      osVersion: rng.pick(os.versions),
      versionLag: rng.chance(0.6) ? 0 : rng.between(1, 3),
      peerPeriodUs: (host ? rng.between(30, 200) : rng.between(7, 90)) * DAY_US,
      peerPhaseUs: rng.int(120 * DAY_US),
      inOffice,
      ipv6: !inOffice && rng.chance(0.12),
    };
  };

  // People. Index 0 is the owner, who creates the team and never leaves.
  const people: Person[] = [];
  const memberCount = Math.max(1, input.users);
  const founderCut = Math.max(1, Math.round(memberCount * 0.55));
  for (let i = 0; i < memberCount; i++) {
    const international = i > 0 && rng.chance(0.18);
    let given: string;
    let label: string;
    let local: string;
    let domain: string;
    if (international) {
      const p = rng.pick(INTERNATIONAL_PEOPLE);
      given = p[0];
      local = p[2];
      domain = p[3];
      label = p[4];
    } else {
      given = rng.pick(JAPANESE_GIVEN_NAMES);
      const family = rng.pick(JAPANESE_FAMILY_NAMES);
      local = `${given}.${family}`;
      domain = rng.pick(EMAIL_DOMAINS_JP);
      label = capitalize(family);
    }
    const founder = i < founderCut;
    const joinUs =
      i === 0
        ? startUs
        : founder || span < 3 * DAY_US
          ? firstActivityUs + Math.floor(rng.next() * Math.min(span * 0.5, 2 * DAY_US))
          : sampleWorkTime(rng, firstActivityUs + 2 * DAY_US, endUs - HOUR_US);
    const leaves = i > 0 && rng.chance(0.08);
    const leaveUs = leaves ? joinUs + DAY_US + Math.floor(rng.next() * Math.max(0, endUs - joinUs - DAY_US)) : Infinity;
    const person: Person = {
      index: i,
      userId: newUserId(),
      // Some accounts have no email on file (the field is documented as optional); the last
      // member of any team of four or more is one, so small histories show it too.
      email: (i > 0 && rng.chance(0.08)) || (i === memberCount - 1 && i >= 3) ? undefined : uniqueEmail(local, domain),
      given,
      label,
      guest: false,
      joinUs,
      leaveUs: leaveUs > endUs ? Infinity : leaveUs,
      adminSinceUs: i === 0 ? startUs : Infinity,
      weight: 0.2 + rng.next() * rng.next() * 3,
      devices: [],
      personalHosts: [],
      guestHost: -1,
    };
    const deviceCount = rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3;
    for (let d = 0; d < deviceCount; d++) {
      const platform = pickClientPlatform(rng, d);
      // A browser reports no computer name.
      const name = platform === "web" ? "" : uniqueHostName(rng.pick(CLIENT_NAMES[platform]), vars(given, label));
      person.devices.push(makeDevice(platform, name, false));
    }
    people.push(person);
  }

  // Promotions: roughly one in eight members becomes an admin at some point.
  for (const p of people.slice(1)) {
    if (rng.chance(0.12) || (p.index === 1 && memberCount >= 3)) {
      const at = p.joinUs + Math.floor(rng.next() * Math.min(14 * DAY_US, Math.max(0, endUs - p.joinUs)));
      if (at < p.leaveUs && at <= endUs) p.adminSinceUs = at;
    }
  }

  // Host computers: personal machines (owned, mostly in the office) and shared team computers.
  const hosts: Host[] = [];
  const hostCount = Math.max(1, input.hosts);
  const sharedCount = hostCount < 2 ? 0 : Math.max(1, Math.round(hostCount * 0.35));
  // Owners are distinct while there are people enough: most staff have one office workstation.
  const owners = people.map((p) => p.index);
  for (let i = owners.length - 1; i > 1; i--) {
    const j = 1 + rng.int(i);
    [owners[i], owners[j]] = [owners[j] as number, owners[i] as number];
  }
  for (let h = 0; h < hostCount - sharedCount; h++) {
    const owner = h < owners.length ? (owners[h] as number) : rng.int(people.length);
    const p = people[owner] as Person;
    const name = uniqueHostName(rng.pick(PERSONAL_HOST_NAMES), vars(p.given, p.label));
    const device = makeDevice(rng.chance(0.8) ? "windows" : "macos", name, rng.chance(0.7), true);
    const teamComputer = rng.chance(0.25);
    const addedUs = teamComputer ? Math.min(endUs, p.joinUs + rng.between(1, 48) * HOUR_US) : p.joinUs;
    hosts.push({ ...device, index: hosts.length, owner, teamComputer, addedUs, removedUs: Infinity });
    p.personalHosts.push(hosts.length - 1);
  }
  const sharedHosts: number[] = [];
  for (let h = 0; h < sharedCount; h++) {
    const name = uniqueHostName(SHARED_COMPUTER_NAMES[h % SHARED_COMPUTER_NAMES.length] as string, {});
    const device = makeDevice(rng.chance(0.85) ? "windows" : "macos", name, true, true);
    const early = h === 0 || rng.chance(0.6);
    const addedUs = early ? firstActivityUs + Math.floor(rng.next() * Math.min(span * 0.3, 3 * DAY_US)) : sampleWorkTime(rng, firstActivityUs, endUs);
    const removedUs = h > 0 && rng.chance(0.1) ? addedUs + Math.floor(rng.next() * (endUs - addedUs)) : Infinity;
    hosts.push({ ...device, index: hosts.length, owner: -1, teamComputer: true, addedUs, removedUs });
    sharedHosts.push(hosts.length - 1);
  }

  // Guests get time-limited access to one shared computer.
  const guests: number[] = [];
  const guestCount = sharedHosts.length === 0 ? 0 : Math.max(1, Math.round(memberCount * 0.1));
  for (let g = 0; g < guestCount; g++) {
    const given = rng.pick(JAPANESE_GIVEN_NAMES);
    const host = rng.pick(sharedHosts);
    const h = hosts[host] as Host;
    const joinUs = sampleWorkTime(rng, Math.max(h.addedUs, firstActivityUs), endUs);
    const person: Person = {
      index: people.length,
      userId: newUserId(),
      email: uniqueEmail(`${given}.${rng.pick(JAPANESE_FAMILY_NAMES)}`, rng.pick(GUEST_DOMAINS)),
      given,
      label: capitalize(given),
      guest: true,
      joinUs,
      leaveUs: joinUs + rng.between(1, 14) * DAY_US,
      adminSinceUs: Infinity,
      weight: 0.3,
      devices: [],
      personalHosts: [],
      guestHost: host,
    };
    const platform = rng.chance(0.6) ? "windows" : "macos";
    person.devices.push(makeDevice(platform, uniqueHostName(rng.pick(CLIENT_NAMES[platform]), vars(given, capitalize(given))), false));
    guests.push(people.length);
    people.push(person);
  }

  const initialSeats = Math.ceil((founderCut + 1) / 5) * 5;
  const model: TeamModel = {
    seed: input.seed,
    teamId: input.teamId,
    teamName: rng.pick(TEAM_NAMES),
    initialSeats,
    startUs,
    endUs,
    firstActivityUs,
    people,
    hosts,
    sharedHosts,
    personalHostsAll: hosts.filter((h) => h.owner >= 0).map((h) => h.index),
    guests,
    lifecycle: [],
    memberPicker: new WeightedTable(people.filter((p) => !p.guest).map((p) => [p.index, p.weight] as const)),
    officeIpv4: `150.249.${rng.between(1, 254)}.${rng.between(1, 254)}`,
    emailByUserId: new Map(people.map((p) => [p.userId, p.email])),
  };
  model.lifecycle = lifecycleEvents(model, rng);
  return model;
}

/** Whether a person is in the team (or, for a guest, has access) at an instant. */
export function isActive(p: Person, t: number): boolean {
  return p.joinUs <= t && t < p.leaveUs;
}

export function hostAvailable(model: TeamModel, h: Host, t: number): boolean {
  if (t < h.addedUs || t >= h.removedUs) return false;
  return h.owner < 0 || isActive(model.people[h.owner] as Person, t);
}

function pickClientPlatform(rng: Prng, deviceIndex: number): Platform {
  const r = rng.next();
  if (deviceIndex === 0) return r < 0.55 ? "windows" : r < 0.95 ? "macos" : "linux";
  return r < 0.3 ? "windows" : r < 0.55 ? "macos" : r < 0.65 ? "linux" : r < 0.82 ? "web" : "android";
}

function randomCode(rng: Prng): string {
  const chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  let s = "";
  for (let i = 0; i < 7; i++) s += chars[rng.int(chars.length)];
  return s;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function vars(given: string, label: string): Record<string, string> {
  return { given, Given: capitalize(given), label };
}
