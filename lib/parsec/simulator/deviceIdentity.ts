import { makeKsuid } from "./ksuid";
import { hash32 } from "./prng";
import type { Device, TeamModel } from "./teamModel";
import { APP_VERSIONS, IPV4_PREFIXES, IPV6_PREFIXES } from "./vocabulary";

/**
 * What a device looks like at a given instant. These are pure functions of (seed, device, time),
 * so an event regenerated a week later gets the same peer id and address as the first time.
 */

const DAY_US = 86_400_000_000;
const KSUID_EPOCH_US = 1_400_000_000_000_000;

/**
 * The device's peer id at an instant. It stays put while the user stays logged in and changes after
 * a log-out, which here happens every `peerPeriodUs`. KSUID-shaped like Parsec's, dated at the log-in.
 */
export function peerIdAt(model: TeamModel, device: Device, t: number): string {
  const epoch = Math.floor((t + device.peerPhaseUs) / device.peerPeriodUs);
  // Few distinct (device, epoch) pairs exist, and every served connection event needs two.
  const cacheKey = device.key * 0x100000 + epoch;
  let cache = peerIdCaches.get(model);
  if (!cache) peerIdCaches.set(model, (cache = new Map()));
  let id = cache.get(cacheKey);
  if (id === undefined) {
    const loginUs = Math.max(KSUID_EPOCH_US, epoch * device.peerPeriodUs - device.peerPhaseUs);
    id = peerId(model.seed, device.key, epoch, loginUs);
    if (cache.size >= 100_000) cache.clear();
    cache.set(cacheKey, id);
  }
  return id;
}

const peerIdCaches = new WeakMap<TeamModel, Map<number, string>>();

/** A peer id from arbitrary numbers, for one-off peers (a client that did not keep its id). */
export function peerId(seed: number, key: number, salt: number, atUs: number): string {
  const h = hash32(seed, key, salt);
  return makeKsuid(Math.max(KSUID_EPOCH_US, atUs), h, hash32(h, 1), hash32(h, 2), hash32(h, 3));
}

/** The device's public address: the office's, or a home line that changes every few weeks. */
export function addressAt(model: TeamModel, device: Device, t: number): string {
  if (device.inOffice) return model.officeIpv4;
  const epoch = Math.floor((t + device.peerPhaseUs) / (device.peerPeriodUs * 0.7 + 3 * DAY_US));
  const h = hash32(model.seed ^ 0x1b873593, device.key, epoch);
  if (device.ipv6) {
    const prefix = IPV6_PREFIXES[h % IPV6_PREFIXES.length] as string;
    const g = hash32(h, 7);
    return `${prefix}:${(g & 0xffff).toString(16)}:${(g >>> 16).toString(16)}::${(h & 0xfff).toString(16)}`;
  }
  const prefix = IPV4_PREFIXES[h % IPV4_PREFIXES.length] as string;
  return `${prefix}.${((h >>> 8) % 254) + 1}.${((h >>> 16) % 254) + 1}`;
}

/** The build a device runs at an instant: releases spread over the history, some devices lag. */
export function appVersionAt(model: TeamModel, device: Device, t: number): string {
  const progress = (t - model.startUs) / Math.max(1, model.endUs - model.startUs);
  const newest = Math.min(APP_VERSIONS.length - 1, Math.max(0, Math.floor(progress * (APP_VERSIONS.length - 2))) + 2);
  return APP_VERSIONS[Math.max(0, newest - device.versionLag)] as string;
}
