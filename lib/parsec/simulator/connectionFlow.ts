import { addressAt, appVersionAt, peerId, peerIdAt } from "./deviceIdentity";
import { attemptFailureCode, disconnectCode, failsBeforeRelay } from "./exitCodes";
import type { FlowPlan, FlowStep } from "./flowPlan";
import type { Prng } from "./prng";
import { hostAvailable, isActive, type Device, type Host, type Person, type TeamModel } from "./teamModel";

/**
 * One connection attempt, from both perspectives, the way the documentation describes it:
 * conn_client_offer → conn_signal_offer_relayed → p2p_client_complete + p2p_host_complete →
 * client_disconnect (client) + client_disconnect (host). Some attempts fail, some lose events.
 */

const MS = 1000;
const SECOND = 1_000_000;

type Outcome = "success" | "failure" | "incomplete";

export function planConnection(model: TeamModel, rng: Prng, startUs: number): FlowPlan {
  const client = pickClient(model, rng, startUs);
  const device = pickDevice(rng, client);
  const host = pickHost(model, rng, client, startUs);
  const hostOwner = host.owner >= 0 ? (model.people[host.owner] as Person) : undefined;
  const hostUserId = hostOwner?.userId ?? 0;
  // Host-side events of a shared computer have no owner to attribute them to; the connecting user
  // is the one acting there.
  const hostSideUserId = hostUserId || client.userId;

  const attemptId = `${rng.hex8()}-${rng.hex8()}-${rng.hex8()}-${rng.hex8()}-${rng.hex8()}-${rng.hex8()}`;
  // The documentation warns that client_peer_id identifies nothing across connections.
  const clientPeerId = rng.chance(0.15) ? peerId(model.seed, device.key, 0x10000 + rng.uint32(), startUs) : peerIdAt(model, device, startUs);
  const hostPeerId = peerIdAt(model, host, startUs);

  const r = rng.next();
  const outcome: Outcome = r < 0.84 ? "success" : r < 0.97 ? "failure" : "incomplete";
  const failure = outcome === "failure" ? attemptFailureCode(rng, device.platform === "windows") : 0;
  const hostFailure = failure !== 0 && rng.chance(0.1) ? attemptFailureCode(rng, host.platform === "windows") : failure;

  const relayedAt = rng.between(30, 600) * MS;
  const waitsForApproval = failure === 6 || failure === 8 || failure === 9 || failure === 2000;
  const completeAt = relayedAt + (waitsForApproval ? rng.between(5_000, 60_000) : rng.between(900, 8_000)) * MS;
  const hostCompleteAt = Math.max(relayedAt + 1, completeAt + rng.between(-300, 300) * MS);
  const duration = connectionSeconds(rng);
  const hostDuration = rng.chance(0.3) ? duration + 1 : duration;
  const endCode = disconnectCode(rng);
  const disconnectAt = Math.max(completeAt, hostCompleteAt) + duration * SECOND + rng.between(0, 999) * MS;
  const hostDisconnectAt = disconnectAt + rng.between(-800, 1500) * MS;
  const missing = outcome === "incomplete" ? rng.int(3) : -1;

  const steps: FlowStep[] = [];
  const kinds: StepKind[] = [];
  const add = (kind: StepKind, name: string, userId: number, offsetUs: number): void => {
    steps.push({ name, userId, offsetUs });
    kinds.push(kind);
  };
  add("offer", "conn_client_offer", client.userId, 0);
  if (!failsBeforeRelay(failure)) add("relayed", "conn_signal_offer_relayed", hostSideUserId, relayedAt);
  add("clientComplete", "p2p_client_complete", client.userId, completeAt);
  if (!failsBeforeRelay(failure) && missing !== 0) add("hostComplete", "p2p_host_complete", hostSideUserId, hostCompleteAt);
  if (outcome !== "failure" && missing !== 1) {
    add("clientDisconnect", "client_disconnect", client.userId, disconnectAt);
    if (missing !== 2) add("hostDisconnect", "client_disconnect", hostSideUserId, hostDisconnectAt);
  }
  // Keep steps in time order: a host may log its side a moment before the client does.
  const order = steps.map((_, i) => i).sort((a, b) => (steps[a] as FlowStep).offsetUs - (steps[b] as FlowStep).offsetUs);

  const clientSide = perspective(model, device, startUs);
  const hostSide = perspective(model, host, startUs);
  const hostIsShared = host.owner < 0;
  const connectingToSelf = client.userId === hostUserId;

  return {
    steps: order.map((i) => steps[i] as FlowStep),
    session:
      outcome === "failure"
        ? undefined
        : {
            attemptId,
            clientUserId: client.userId,
            hostComputerName: host.name,
            connectedOffsetUs: completeAt,
            endOffsetUs: disconnectAt,
            freeOffsetUs: Math.max(disconnectAt, hostDisconnectAt),
            disconnectLogged: missing !== 1,
          },
    data(step) {
      const kind = kinds[order[step] as number] as StepKind;
      const clientView = kind === "offer" || kind === "clientComplete" || kind === "clientDisconnect";
      const side = clientView ? clientSide : hostSide;
      const disconnect = kind === "clientDisconnect" || kind === "hostDisconnect";
      // Written key by key in alphabetical order: pages render thousands of these, and one object
      // shape for all of them keeps that cheap.
      const data: Record<string, unknown> = {};
      data.app_version = side.appVersion;
      data.attempt_id = attemptId;
      data.client_computer_name = device.name;
      data.client_peer_id = clientPeerId;
      data.client_user_id = client.userId;
      data.connecting_to_self = connectingToSelf;
      if (disconnect) data.duration = kind === "clientDisconnect" ? duration : hostDuration;
      if (kind !== "offer") {
        data.exit_code = kind === "relayed" ? 0 : kind === "clientComplete" ? failure : kind === "hostComplete" ? hostFailure : endCode;
      }
      data.host_computer_name = host.name;
      data.host_is_shared_team_computer = hostIsShared;
      data.host_is_team_computer = host.teamComputer;
      data.host_peer_id = hostPeerId;
      data.host_user_id = hostUserId;
      data.ip = side.ip;
      data.os = side.os;
      data.os_version = side.osVersion;
      data.platform = side.platform;
      return data;
    },
  };
}

type StepKind = "offer" | "relayed" | "clientComplete" | "hostComplete" | "clientDisconnect" | "hostDisconnect";

interface Perspective {
  appVersion: string;
  ip: string;
  os: string;
  osVersion: string;
  platform: string;
}

function perspective(model: TeamModel, device: Device, t: number): Perspective {
  return {
    appVersion: appVersionAt(model, device, t),
    ip: addressAt(model, device, t),
    os: device.os,
    osVersion: device.osVersion,
    platform: device.platform,
  };
}

/** Log-normal around 40 minutes, with a share of quick checks; whole seconds as on the wire. */
function connectionSeconds(rng: Prng): number {
  if (rng.chance(0.06)) return rng.between(2, 60);
  const s = Math.round(2400 * Math.exp(1.1 * rng.normal()));
  return Math.min(16 * 3600, Math.max(3, s));
}

function pickClient(model: TeamModel, rng: Prng, t: number): Person {
  if (model.guests.length > 0 && rng.chance(0.03)) {
    const guest = model.people[rng.pick(model.guests)] as Person;
    if (isActive(guest, t) && hostAvailable(model, model.hosts[guest.guestHost] as Host, t)) return guest;
  }
  for (let attempt = 0; attempt < 40; attempt++) {
    const p = model.people[model.memberPicker.pick(rng)] as Person;
    if (isActive(p, t)) return p;
  }
  return model.people[0] as Person;
}

function pickDevice(rng: Prng, person: Person): Device {
  // The first device is the everyday one.
  return rng.chance(0.7) ? (person.devices[0] as Device) : rng.pick(person.devices);
}

function pickHost(model: TeamModel, rng: Prng, client: Person, t: number): Host {
  const { hosts } = model;
  if (client.guest) return hosts[client.guestHost] as Host;
  const r = rng.next();
  if (r < 0.6 && client.personalHosts.length > 0) {
    const own = hosts[rng.pick(client.personalHosts)] as Host;
    if (hostAvailable(model, own, t)) return own;
  }
  if (r < 0.92 && model.sharedHosts.length > 0) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const h = hosts[rng.pick(model.sharedHosts)] as Host;
      if (hostAvailable(model, h, t)) return h;
    }
  }
  for (let attempt = 0; attempt < 8; attempt++) {
    const h = hosts[rng.pick(model.personalHostsAll)] as Host;
    if (hostAvailable(model, h, t)) return h;
  }
  return hosts[0] as Host;
}
