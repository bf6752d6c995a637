import { WeightedTable, type Prng } from "./prng";

/**
 * Exit codes as they appear on connection events, weighted roughly like a real team's failures:
 * NAT traversal dominates, then approvals and timeouts, then encoder/GPU trouble. A few codes are
 * deliberately outside the documented catalogue, since the viewer must show unknown codes as such.
 */

const ATTEMPT_FAILURES = new WeightedTable<number>([
  [-6023, 20], // NAT_ERR_PEER_PHASE
  [-6024, 8], // NAT_ERR_STUN_PHASE
  [-6200, 15], // NAT_ERR_WEBRTC
  [-6033, 2], // NAT_ERR_NO_CANDIDATES
  [6, 5], // CONNECT_WRN_APPROVAL
  [8, 6], // CONNECT_WRN_DECLINED
  [9, 8], // CONNECT_WRN_CANCELED
  [11, 3], // CONNECT_WRN_NO_ROOM
  [112, 6], // CONNECT_WRN_NO_PERMISSION
  [100, 1], // CONNECT_WRN_UNCONFIRMED
  [-15000, 5], // ENCODE_ERR_INIT
  [-15005, 1],
  [-14003, 2], // CAPTURE_ERR_*
  [-3008, 2], // WS_ERR_AUTH
  [-6101, 1], // WS_ERR_CONNECT
  [2000, 6], // NETWORK_WRN_TIMEOUT
  [-12007, 3], // NETWORK_ERR_BG_TIMEOUT
  [-13015, 2], // SERVER_ERR_CLIENT_GONE
  [-36000, 2], // PARSEC_ERR_VERSION
  [-600001, 1], // OPENSSL_ERR
  [99, 3], // CONNECT_WRN_PEER_GONE
  [-1, 1], // ERR_DEFAULT
  [0, 8], // placeholder: replaced by a platform-specific socket error
  [-16011, 1], // not in the catalogue
]);

const DISCONNECT_REASONS = new WeightedTable<number>([
  [0, 85],
  [4, 3], // HOST_WRN_SHUTDOWN
  [5, 2], // HOST_WRN_KICKED
  [-12007, 4],
  [99, 2],
  [-3009, 1], // WS_ERR_GOING_AWAY
  [2000, 2],
  [-13015, 1],
]);

/** Codes the app shows without their sign; an audit log may carry either form. */
const SHOWN_UNSIGNED = new Set([-6023, -6024, -6200, -15000, -14003]);

const WINDOWS_SOCKET_ERRORS = [10060, 10054, 10061, 11001] as const;
const POSIX_SOCKET_ERRORS = [60, 61, 110, 111, 113] as const;

/** A failed attempt's exit code as the client records it. */
export function attemptFailureCode(rng: Prng, clientIsWindows: boolean): number {
  let code = ATTEMPT_FAILURES.pick(rng);
  if (code === 0) {
    code = clientIsWindows ? -700000 - rng.pick(WINDOWS_SOCKET_ERRORS) : -800000 - rng.pick(POSIX_SOCKET_ERRORS);
  }
  if (SHOWN_UNSIGNED.has(code) && rng.chance(0.08)) code = -code;
  return code;
}

/** Codes where the backend refuses before the host ever hears of the attempt. */
export function failsBeforeRelay(code: number): boolean {
  return code === 112 || code === -3008 || code === -36000;
}

/** How a successful connection ended. */
export function disconnectCode(rng: Prng): number {
  return DISCONNECT_REASONS.pick(rng);
}
