import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { currentProcessIdentity, formatProcessIdentity, isProcessRunning, parseProcessIdentity } from "./processLiveness";

/**
 * Who holds a lease in the database (the sync's, lib/ingest/syncLock.ts; a destination's delivery,
 * lib/integrations/delivery/deliveryLease.ts), and whether the holder is gone. A holder reads
 * "<hostname>:<pid>[@<start ticks>]:<random>": the random part tells two leases of one process apart.
 */

const HOST = hostname();
const SELF = formatProcessIdentity(currentProcessIdentity());

/** A new holder name for a lease this process takes. */
export function newLeaseHolder(): string {
  return `${HOST}:${SELF}:${randomBytes(6).toString("hex")}`;
}

/** The prefix every holder name of this process starts with. */
export function thisProcessHolderPrefix(): string {
  return `${HOST}:${SELF}:`;
}

/**
 * A lease nobody holds any more: expired, or left by a process of this host that is no longer
 * running (dead, a zombie, or its pid now another process's), which is freed at once. Another
 * host's holder cannot be checked, so its lease is only taken over once it expires.
 */
export function isLeaseAbandoned(lease: { holder: string; expiresAt: Date | number }, now: Date | number): boolean {
  if (+lease.expiresAt <= +now) return true;
  const [host, who] = lease.holder.split(":");
  if (host !== HOST || who === undefined) return false;
  const identity = parseProcessIdentity(who);
  // An unreadable holder on this host is left to expire rather than guessed at.
  if (!identity) return false;
  return identity.pid !== process.pid && !isProcessRunning(identity);
}
