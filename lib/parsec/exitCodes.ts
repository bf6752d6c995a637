/**
 * The catalogue of Parsec exit codes, as far as they are documented (docs: parsec-api.md,
 * "Exit codes", which follows the public Parsec SDK header): 0 is success, positive codes are
 * warnings, negative codes are errors.
 *
 * Rules this module keeps:
 * - Only documented codes get a name. Where the documentation gives a range instead of names
 *   (-10..-23 DECODE_ERR_*, 200..204 ALINK_WRN_*, ...), every member gets the family's pattern as its
 *   name ("DECODE_ERR_*") and the family's meaning; no member's exact name is guessed.
 * - Unknown codes are never hidden: they come back with `known: false`, labelled "unknown code N",
 *   with the severity their sign implies.
 * - The Parsec app shows many errors without their sign ("error 6023", "800x") and an audit log may
 *   carry either form, so an unlisted positive code whose negation is a documented error is read as
 *   that error (`signFlipped: true`). This applies from 1000 up only: below 1000 the SDK keeps real
 *   warnings that this catalogue does not list (the public header has e.g. 10 `WRN_CONTINUE` and
 *   20 `PARSEC_CONNECTING`, whose negations -10 and -20 are decoder errors), so a small positive
 *   code is a warning we do not know, not an error that lost its sign. Every unsigned form the app
 *   is known to show ("6023", "15000", "800x") is well above that.
 * - OPENSSL_ERR and SOCKET_ERR are composed: the SDK subtracts the OpenSSL error
 *   (`SSL_get_error`) from -600000 and the OS socket error from -700000 on Windows
 *   (`WSAGetLastError`) or from -800000 elsewhere (`errno`). They are decoded back here, and a few
 *   common socket errors are named.
 *
 * - Every description comes in the reader's language: English here, Japanese in ./exitCodesJa.ts
 *   (the code names stay as documented in both).
 *
 * No React here: the component lives in components/ExitCode.tsx.
 */

import type { Locale } from "../i18n/locales";
import { EXIT_CODE_FAMILY_LABELS_JA, EXIT_CODE_PHRASES_JA, EXIT_CODE_TEXT_JA, SOCKET_MEANINGS_JA } from "./exitCodesJa";

export type ExitCodeSeverity = "success" | "warning" | "error";

export type ExitCodeFamilyId =
  | "success"
  | "session-ended"
  | "connection-attempt"
  | "access-link"
  | "network"
  | "general"
  | "parsec-app"
  | "client-decoder"
  | "service-connection"
  | "nat"
  | "host"
  | "host-capture"
  | "host-encoder"
  | "direct3d"
  | "version"
  | "openssl"
  | "socket"
  | "unknown";

export interface ExitCodeFamily {
  id: ExitCodeFamilyId;
  /** Plain-language name, for legends and the `family` of a described code. */
  label: string;
  /** The severities its codes can have (a family's codes share a sign, except Network). */
  severities: readonly ExitCodeSeverity[];
  /** The codes it covers, as the documentation gives them. */
  codes: string;
}

/**
 * Every family, in a stable order meant for legends and stacked charts: success first, then
 * warnings, then errors, then the unknown bucket.
 */
export const EXIT_CODE_FAMILIES: readonly ExitCodeFamily[] = [
  { id: "success", label: "Success", severities: ["success"], codes: "0" },
  { id: "session-ended", label: "Session ended by host", severities: ["warning"], codes: "4, 5" },
  { id: "connection-attempt", label: "Connection attempt", severities: ["warning"], codes: "6, 8, 9, 11, 99, 100, 112" },
  { id: "access-link", label: "Access link", severities: ["warning"], codes: "200..204" },
  { id: "network", label: "Network", severities: ["warning", "error"], codes: "2000, -12007, -12017" },
  { id: "general", label: "General", severities: ["error"], codes: "-1" },
  { id: "parsec-app", label: "Parsec app", severities: ["error"], codes: "-3, -4" },
  { id: "client-decoder", label: "Client video decoder", severities: ["error"], codes: "-10..-23" },
  {
    id: "service-connection",
    label: "Parsec service connection",
    severities: ["error"],
    codes: "-3002, -3003, -3008, -3009, -3010, -6101, -6105",
  },
  { id: "nat", label: "Peer-to-peer (NAT traversal)", severities: ["error"], codes: "-6023, -6024, -6025, -6033, -6200" },
  { id: "host", label: "Host", severities: ["error"], codes: "-13000, -13011, -13014, -13015" },
  { id: "host-capture", label: "Host screen capture", severities: ["error"], codes: "-14003..-14005" },
  { id: "host-encoder", label: "Host video encoder", severities: ["error"], codes: "-15000, -15002..-15110" },
  { id: "direct3d", label: "Direct3D (graphics)", severities: ["error"], codes: "-22000..-22013" },
  { id: "version", label: "Parsec version", severities: ["error"], codes: "-36000" },
  { id: "openssl", label: "OpenSSL", severities: ["error"], codes: "-600000 minus the OpenSSL error" },
  {
    id: "socket",
    label: "Socket",
    severities: ["error"],
    codes: "-700000 minus the Windows socket error; -800000 minus errno on other systems",
  },
  { id: "unknown", label: "Unknown", severities: ["success", "warning", "error"], codes: "anything not listed above" },
];

const FAMILY_LABEL = new Map(EXIT_CODE_FAMILIES.map((f) => [f.id, f.label]));

export function exitCodeFamilyLabel(id: ExitCodeFamilyId, locale: Locale = "en"): string {
  return (locale === "ja" ? EXIT_CODE_FAMILY_LABELS_JA[id] : FAMILY_LABEL.get(id)) ?? id;
}

/** An OS socket error decoded out of a SOCKET_ERR code. */
export interface SocketErrorInfo {
  /** Which base the code used: -700000 (Windows) or -800000 (every other system). */
  system: "windows" | "other";
  /** The OS error number (WSAGetLastError on Windows, errno elsewhere). */
  number: number;
  /** Its symbolic name when it is one of the common ones below, else null. */
  name: string | null;
  /** Where that name applies ("Windows", "Linux/Android", "macOS/iOS"), or null. */
  os: string | null;
  /** What it means, in plain words, or null. */
  meaning: string | null;
}

export interface ExitCodeInfo {
  /** The code as recorded. */
  code: number;
  /** The signed code that was described: `code`, or `-code` when the sign had been dropped. */
  canonicalCode: number;
  /**
   * The documented name ("NAT_ERR_PEER_PHASE"); for a member of a documented range, the range's
   * pattern ("ENCODE_ERR_*"); "OPENSSL_ERR" / "SOCKET_ERR" for composed codes; null when unknown.
   */
  name: string | null;
  familyId: ExitCodeFamilyId;
  /** The family's plain-language label, e.g. "Peer-to-peer (NAT traversal)". */
  family: string;
  severity: ExitCodeSeverity;
  /** One sentence an admin understands (plus a note when the sign had been dropped). */
  meaning: string;
  /** The usual remedy. */
  fix: string;
  known: boolean;
  /** True when a positive code was read as the documented negative error. */
  signFlipped: boolean;
  /** Short text for a table cell: "-6023 NAT_ERR_PEER_PHASE", "unknown code 123". */
  label: string;
  /** For SOCKET_ERR codes: the OS error inside it. */
  socketError?: SocketErrorInfo;
  /** For OPENSSL_ERR codes: the OpenSSL error subtracted from -600000. */
  sslError?: number;
}

interface Entry {
  name: string;
  family: ExitCodeFamilyId;
  meaning: string;
  fix: string;
}

/**
 * Whether a positive (warning) code means the connection did not happen or was lost. Negative codes
 * always count as failures and 0 never does; see `isFailure`.
 */
interface WarningEntry extends Entry {
  failure: boolean;
}

const NAT_FIX =
  "Peer-to-peer traffic is being blocked: allow Parsec's UDP traffic through the firewalls on both sides, " +
  "enable UPnP or forward the host's ports, or use a relay for networks that cannot connect directly.";
const SERVICE_FIX = "Check the computer's internet access and that firewalls, proxies or web filters allow Parsec's servers, then try again.";
const DRIVER_FIX = "Update the GPU driver on the computer that recorded it and restart it.";

// Positive codes. Each says whether it counts as a failure, and why.
const WARNINGS: ReadonlyMap<number, WarningEntry> = new Map<number, WarningEntry>([
  [
    4,
    {
      name: "HOST_WRN_SHUTDOWN",
      family: "session-ended",
      meaning: "The host shut down or stopped hosting, which ended the session.",
      fix: "Usually intentional (the host restarted, slept or quit Parsec); if not, check the host's sleep and restart settings.",
      // Ends a session that was established: an ended-with-warning, not a failed connection.
      failure: false,
    },
  ],
  [
    5,
    {
      name: "HOST_WRN_KICKED",
      family: "session-ended",
      meaning: "The host removed (kicked) the user from the session.",
      fix: "The host did this on purpose; ask the host whether the user should be let back in.",
      // A deliberate end of an established session by the host, not a connection problem.
      failure: false,
    },
  ],
  [
    6,
    {
      name: "CONNECT_WRN_APPROVAL",
      family: "connection-attempt",
      meaning: "The connection needed the host's approval and was not approved.",
      fix: "Someone at the host must approve the request, or an admin can let the user connect to that computer without approval.",
      // The user did not get in.
      failure: true,
    },
  ],
  [
    8,
    {
      name: "CONNECT_WRN_DECLINED",
      family: "connection-attempt",
      meaning: "The host declined the connection request.",
      fix: "The host must approve the user; if the user should have access, ask the host or adjust the team's permissions for that computer.",
      // The user did not get in.
      failure: true,
    },
  ],
  [
    9,
    {
      name: "CONNECT_WRN_CANCELED",
      family: "connection-attempt",
      meaning: "The connection attempt was canceled before it completed.",
      fix: "Usually the user gave up or closed the window; if it keeps happening, look at the user's other attempts for the underlying error.",
      // No connection was made, whoever canceled; a user giving up on a slow attempt is worth seeing.
      failure: true,
    },
  ],
  [
    11,
    {
      name: "CONNECT_WRN_NO_ROOM",
      family: "connection-attempt",
      meaning: "The host had no free seat: its maximum number of guests was already connected.",
      fix: "Wait until someone disconnects, or raise the host's guest limit.",
      // The user did not get in.
      failure: true,
    },
  ],
  [
    99,
    {
      name: "CONNECT_WRN_PEER_GONE",
      family: "connection-attempt",
      meaning: "The other computer went away (offline, asleep, or Parsec closed) during the connection.",
      fix: "Check that the host is switched on, awake, online and signed in to Parsec.",
      // Either the attempt never completed or an established session was lost without anyone ending it.
      failure: true,
    },
  ],
  [
    100,
    {
      name: "CONNECT_WRN_UNCONFIRMED",
      family: "connection-attempt",
      meaning: "The user's Parsec account is not confirmed yet, typically because its email address has not been verified.",
      fix: "The user should confirm their account's email address (Parsec sends a confirmation mail) and try again.",
      // The user did not get in.
      failure: true,
    },
  ],
  [
    112,
    {
      name: "CONNECT_WRN_NO_PERMISSION",
      family: "connection-attempt",
      meaning: "The user does not have permission to connect to this host.",
      fix: "A team admin can grant the user access to that computer in the Parsec Teams dashboard.",
      // The user did not get in.
      failure: true,
    },
  ],
  [
    2000,
    {
      name: "NETWORK_WRN_TIMEOUT",
      family: "network",
      meaning: "The network connection timed out.",
      fix: "Check the network between the two computers (Wi-Fi quality, VPN, firewall); repeated timeouts from one place point at that network.",
      // The connection did not happen, or was lost.
      failure: true,
    },
  ],
]);

/**
 * 200..204. The documentation names the five access-link warnings (INVALID, INACTIVE, EXPIRED,
 * NOT_STARTED, TEAM_INVALID) but does not pair each name with its number, so they share one
 * description rather than have a member's name guessed.
 */
const ACCESS_LINK: WarningEntry = {
  name: "ALINK_WRN_*",
  family: "access-link",
  meaning: "The access link used to connect could not be used: it is invalid, inactive, expired, not started yet, or its team is not valid.",
  fix: "Check the link in the Parsec Teams dashboard and send the user a new or re-enabled access link.",
  // The user did not get in.
  failure: true,
};

const ERRORS: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [
    -1,
    {
      name: "ERR_DEFAULT",
      family: "general",
      meaning: "Parsec reported an unspecified error.",
      fix: "Try again; if it repeats, check the Parsec log on the computer that recorded it and contact Parsec support.",
    },
  ],
  [
    -3,
    {
      name: "PARSEC_NOT_RUNNING",
      family: "parsec-app",
      meaning: "Parsec was not running when the connection needed it: it did not start or had already stopped.",
      fix: "Restart Parsec on that computer; on a host, make sure Parsec is running and signed in.",
    },
  ],
  [
    -4,
    {
      name: "PARSEC_ALREADY_RUNNING",
      family: "parsec-app",
      meaning: "Parsec was already running, so another instance could not start.",
      fix: "Close the other Parsec instance or restart Parsec on that computer.",
    },
  ],
  [
    -3002,
    {
      name: "WS_ERR_READ",
      family: "service-connection",
      meaning: "Reading from the connection to Parsec's servers failed, so the link to them dropped.",
      fix: SERVICE_FIX,
    },
  ],
  [
    -3003,
    {
      name: "WS_ERR_WRITE",
      family: "service-connection",
      meaning: "Sending over the connection to Parsec's servers failed, so the link to them dropped.",
      fix: SERVICE_FIX,
    },
  ],
  [
    -3008,
    {
      name: "WS_ERR_AUTH",
      family: "service-connection",
      meaning: "Parsec's servers rejected the computer's sign-in session.",
      fix: "Sign out of Parsec on that computer and sign in again.",
    },
  ],
  [
    -3009,
    {
      name: "WS_ERR_GOING_AWAY",
      family: "service-connection",
      meaning: "Parsec's servers closed the connection, for example during maintenance or a restart.",
      fix: "Usually temporary: try again, and check Parsec's status page if it persists.",
    },
  ],
  [
    -3010,
    {
      name: "WS_ERR_TEAM_DEACTIVATED",
      family: "service-connection",
      meaning: "The team is deactivated, so Parsec refused the connection.",
      fix: "The team owner should check the team's subscription and billing in the Parsec Teams dashboard.",
    },
  ],
  [
    -6101,
    {
      name: "WS_ERR_CONNECT",
      family: "service-connection",
      meaning: "The computer could not connect to Parsec's servers.",
      fix: SERVICE_FIX,
    },
  ],
  [
    -6105,
    {
      name: "WS_ERR_CLOSE",
      family: "service-connection",
      meaning: "The connection to Parsec's servers was closed unexpectedly.",
      fix: SERVICE_FIX,
    },
  ],
  [
    -6023,
    {
      name: "NAT_ERR_PEER_PHASE",
      family: "nat",
      meaning: "The two computers could not reach each other directly, typically because of a firewall or a strict NAT.",
      fix: NAT_FIX,
    },
  ],
  [
    -6024,
    {
      name: "NAT_ERR_STUN_PHASE",
      family: "nat",
      meaning: "The computer could not reach Parsec's STUN service to learn its public address, typically because outgoing UDP is blocked.",
      fix: NAT_FIX,
    },
  ],
  [
    -6025,
    {
      name: "NAT_ERR_INTEGRITY",
      family: "nat",
      meaning: "A message of the peer-to-peer handshake failed its integrity check.",
      fix: NAT_FIX,
    },
  ],
  [
    -6033,
    {
      name: "NAT_ERR_NO_CANDIDATES",
      family: "nat",
      meaning: "No usable network path (address candidate) to the other computer was found.",
      fix: NAT_FIX,
    },
  ],
  [
    -6200,
    {
      name: "NAT_ERR_WEBRTC",
      family: "nat",
      meaning: "The WebRTC peer-to-peer connection could not be established.",
      fix: NAT_FIX,
    },
  ],
  [
    -12007,
    {
      name: "NETWORK_ERR_BG_TIMEOUT",
      family: "network",
      meaning: "The connection timed out: traffic between the two computers stopped getting through.",
      fix: "Check the stability of both networks (Wi-Fi, VPN, mobile data); repeated timeouts from one place point at that network.",
    },
  ],
  [
    -12017,
    {
      name: "NETWORK_ERR_SHUTDOWN",
      family: "network",
      meaning: "The network connection was shut down, typically because the other side ended it.",
      fix: "Look at the other computer's events around the same time: it usually quit or lost its network.",
    },
  ],
  [
    -13000,
    {
      name: "SERVER_ERR_DISPLAY",
      family: "host",
      meaning: "The host could not access a display to stream.",
      fix: "Make sure the host has a monitor connected and awake (or a virtual display or dummy plug if headless) and update its GPU driver.",
    },
  ],
  [
    -13011,
    {
      name: "SERVER_ERR_NO_USER",
      family: "host",
      meaning: "No user was signed in on the host to connect to.",
      fix: "Sign in on the host computer (and in Parsec on it), then try again.",
    },
  ],
  [
    -13014,
    {
      name: "SERVER_ERR_CLIENT_ABORT",
      family: "host",
      meaning: "The host saw the client abort the connection.",
      fix: "Usually the user canceled or closed Parsec; the client's event for the same attempt tells more.",
    },
  ],
  [
    -13015,
    {
      name: "SERVER_ERR_CLIENT_GONE",
      family: "host",
      meaning: "The host lost contact with the client.",
      fix: "Usually the client's network dropped or Parsec closed on it; check the client's network.",
    },
  ],
  [
    -15000,
    {
      name: "ENCODE_ERR_INIT",
      family: "host-encoder",
      meaning: "The host's hardware video encoder could not be started.",
      fix: "Update the host's GPU driver and restart the host; check that its GPU supports hardware encoding and no other app holds the encoder.",
    },
  ],
  [
    -36000,
    {
      name: "PARSEC_ERR_VERSION",
      family: "version",
      meaning: "The two computers run Parsec versions that cannot connect to each other.",
      fix: "Update Parsec on both computers.",
    },
  ],
]);

interface RangeEntry extends Entry {
  /** Inclusive bounds, from <= to. */
  from: number;
  to: number;
}

const ERROR_RANGES: readonly RangeEntry[] = [
  {
    from: -23,
    to: -10,
    name: "DECODE_ERR_*",
    family: "client-decoder",
    meaning: "The client could not decode the host's video stream.",
    fix: "Update the client's GPU driver; if it persists, switch the client's video decoder to software in Parsec's settings.",
  },
  {
    from: -14005,
    to: -14003,
    name: "CAPTURE_ERR_*",
    family: "host-capture",
    meaning: "The host could not capture its screen.",
    fix: "Update the host's GPU driver, make sure a display is connected and awake (or a virtual display if headless), and restart Parsec.",
  },
  {
    from: -15110,
    to: -15002,
    name: "ENCODE_ERR_*",
    family: "host-encoder",
    meaning: "The host's hardware video encoder failed.",
    fix: "Update the host's GPU driver and restart the host; check that its GPU supports hardware encoding and no other app holds the encoder.",
  },
  {
    from: -22013,
    to: -22000,
    name: "D3D_ERR_*",
    family: "direct3d",
    meaning: "A Direct3D (Windows graphics) operation failed.",
    fix: DRIVER_FIX,
  },
];

// Composed codes: base minus a number. Each spans the 100000 codes below its base.
const OPENSSL_BASE = -600_000;
const WINDOWS_SOCKET_BASE = -700_000;
const OTHER_SOCKET_BASE = -800_000;
const COMPOSED_SPAN = 100_000;

/** Below this, a positive code is never read as an error that lost its sign (see the header). */
const UNSIGNED_FORM_MIN = 1000;

interface OsError {
  name: string;
  meaning: string;
}

/** Common Winsock errors (WSAGetLastError). */
const WINDOWS_SOCKET_ERRORS: ReadonlyMap<number, OsError> = new Map([
  [10051, { name: "WSAENETUNREACH", meaning: "the network is unreachable" }],
  [10054, { name: "WSAECONNRESET", meaning: "the connection was reset by the other side or a device in between" }],
  [10060, { name: "WSAETIMEDOUT", meaning: "the connection timed out" }],
  [10061, { name: "WSAECONNREFUSED", meaning: "the other side refused the connection" }],
  [10065, { name: "WSAEHOSTUNREACH", meaning: "there is no route to the other computer" }],
  [11001, { name: "WSAHOST_NOT_FOUND", meaning: "a server name could not be resolved (DNS)" }],
]);

/**
 * Common errno values. Linux and macOS number them differently; the numbers below do not overlap,
 * so each names the system it comes from (on the other system that number is not a socket error).
 */
const ERRNO_SOCKET_ERRORS: ReadonlyMap<number, OsError & { os: string }> = new Map([
  // Linux (and Android)
  [101, { os: "Linux/Android", name: "ENETUNREACH", meaning: "the network is unreachable" }],
  [104, { os: "Linux/Android", name: "ECONNRESET", meaning: "the connection was reset by the other side or a device in between" }],
  [110, { os: "Linux/Android", name: "ETIMEDOUT", meaning: "the connection timed out" }],
  [111, { os: "Linux/Android", name: "ECONNREFUSED", meaning: "the other side refused the connection" }],
  [113, { os: "Linux/Android", name: "EHOSTUNREACH", meaning: "there is no route to the other computer" }],
  // macOS (and iOS)
  [51, { os: "macOS/iOS", name: "ENETUNREACH", meaning: "the network is unreachable" }],
  [54, { os: "macOS/iOS", name: "ECONNRESET", meaning: "the connection was reset by the other side or a device in between" }],
  [60, { os: "macOS/iOS", name: "ETIMEDOUT", meaning: "the connection timed out" }],
  [61, { os: "macOS/iOS", name: "ECONNREFUSED", meaning: "the other side refused the connection" }],
  [65, { os: "macOS/iOS", name: "EHOSTUNREACH", meaning: "there is no route to the other computer" }],
]);

const SUCCESS_ENTRY: Entry = {
  name: "PARSEC_OK",
  family: "success",
  meaning: "The connection succeeded, or the session ended normally.",
  fix: "Nothing to do.",
};

/** Composed codes: their meanings name the number inside, filled in per code ({placeholders}). */
const OPENSSL_ENTRY: Entry = {
  name: "OPENSSL_ERR",
  family: "openssl",
  meaning: "A secure (TLS) connection failed with OpenSSL error {sslError}.",
  fix: "Check the computer's date and time, and any proxy, antivirus or firewall that inspects encrypted traffic.",
};
const SOCKET_ENTRY: Entry = {
  name: "SOCKET_ERR",
  family: "socket",
  meaning: "A network call failed with {what}{detail}.",
  fix: "Check the computer's network connection and that firewalls, VPNs or proxies let Parsec's traffic through.",
};

const fillPlaceholders = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));

/** The SDK's convention: 0 success, positive warning, negative error (and anything else, e.g. NaN, error). */
const severityOf = (code: number): ExitCodeSeverity => (code === 0 ? "success" : code > 0 ? "warning" : "error");

type Described = Omit<ExitCodeInfo, "code" | "signFlipped" | "label">;

/** The description of a signed code, or null when the catalogue has nothing for it. */
function describeSigned(code: number, locale: Locale): Described | null {
  const ja = locale === "ja";
  /** An entry's text in the reader's language; `values` fill a composed meaning's {placeholders}. */
  const base = (entry: Entry, values: Record<string, string | number> = {}): Described => {
    const text = ja ? EXIT_CODE_TEXT_JA[entry.name] : undefined;
    const meaning = fillPlaceholders(text?.meaning ?? entry.meaning, values);
    return {
      canonicalCode: code,
      name: entry.name,
      familyId: entry.family,
      family: exitCodeFamilyLabel(entry.family, locale),
      severity: severityOf(code),
      meaning,
      fix: text?.fix ?? entry.fix,
      known: true,
    };
  };

  if (code === 0) {
    return base(SUCCESS_ENTRY);
  }
  const exact = WARNINGS.get(code) ?? ERRORS.get(code);
  if (exact) return base(exact);
  if (code >= 200 && code <= 204) return base(ACCESS_LINK);
  const range = ERROR_RANGES.find((r) => code >= r.from && code <= r.to);
  if (range) return base(range);

  if (code <= OPENSSL_BASE && code > OPENSSL_BASE - COMPOSED_SPAN) {
    const sslError = OPENSSL_BASE - code;
    return { ...base(OPENSSL_ENTRY, { sslError }), sslError };
  }
  const windows = code <= WINDOWS_SOCKET_BASE && code > WINDOWS_SOCKET_BASE - COMPOSED_SPAN;
  const other = code <= OTHER_SOCKET_BASE && code > OTHER_SOCKET_BASE - COMPOSED_SPAN;
  if (windows || other) {
    const number = (windows ? WINDOWS_SOCKET_BASE : OTHER_SOCKET_BASE) - code;
    const socketError = decodeSocketError(windows ? "windows" : "other", number);
    const what = windows ? `Windows socket error ${number}` : `socket error ${number}`;
    const detail = socketError.name
      ? ` (${socketError.name}${windows ? "" : ` on ${socketError.os}`}: ${socketError.meaning})`
      : windows
        ? ""
        : " (an errno value on a system other than Windows)";
    const jaWhat = windows ? EXIT_CODE_PHRASES_JA.windowsSocketError(number) : EXIT_CODE_PHRASES_JA.socketError(number);
    const jaDetail = socketError.name
      ? ` (${socketError.name}${windows ? "" : EXIT_CODE_PHRASES_JA.onOs(socketError.os!)}: ${SOCKET_MEANINGS_JA[socketError.meaning!] ?? socketError.meaning})`
      : windows
        ? ""
        : EXIT_CODE_PHRASES_JA.otherSystemErrno;
    return { ...base(SOCKET_ENTRY, ja ? { what: jaWhat, detail: jaDetail } : { what, detail }), socketError };
  }
  return null;
}

function decodeSocketError(system: "windows" | "other", number: number): SocketErrorInfo {
  if (system === "windows") {
    const known = WINDOWS_SOCKET_ERRORS.get(number);
    return { system, number, name: known?.name ?? null, os: known ? "Windows" : null, meaning: known?.meaning ?? null };
  }
  const known = ERRNO_SOCKET_ERRORS.get(number);
  return { system, number, name: known?.name ?? null, os: known?.os ?? null, meaning: known?.meaning ?? null };
}

function labelOf(code: number, name: string | null, locale: Locale, socketError?: SocketErrorInfo): string {
  if (name === null) return unknownLabel(code, locale);
  return socketError?.name ? `${code} ${name} ${socketError.name}` : `${code} ${name}`;
}

/**
 * Describes an exit code as recorded in the audit log. Null only for a missing code; any number,
 * documented or not, gets a description.
 */
export function describeExitCode(code: number | null | undefined, locale: Locale = "en"): ExitCodeInfo | null {
  if (code === null || code === undefined) return null;
  const ja = locale === "ja";

  const signed = Number.isInteger(code) ? describeSigned(code, locale) : null;
  if (signed) {
    return { code, ...signed, signFlipped: false, label: labelOf(code, signed.name, locale, signed.socketError) };
  }

  // An error shown without its sign: "6023" for -6023, "800111" for -800111.
  if (Number.isInteger(code) && code >= UNSIGNED_FORM_MIN) {
    const flipped = describeSigned(-code, locale);
    if (flipped) {
      return {
        code,
        ...flipped,
        meaning: ja
          ? `${flipped.meaning}${EXIT_CODE_PHRASES_JA.signFlipped(-code)}`
          : `${flipped.meaning} Recorded without its minus sign; the documented code is ${-code}.`,
        signFlipped: true,
        label: labelOf(code, flipped.name, locale, flipped.socketError),
      };
    }
  }

  return {
    code,
    canonicalCode: code,
    name: null,
    familyId: "unknown",
    family: exitCodeFamilyLabel("unknown", locale),
    severity: severityOf(code),
    meaning: ja
      ? EXIT_CODE_PHRASES_JA.unknownMeaning(code)
      : `Parsec does not document exit code ${code}${code > 0 ? " (positive codes are warnings)" : code < 0 ? " (negative codes are errors)" : ""}.`,
    fix: ja
      ? EXIT_CODE_PHRASES_JA.unknownFix
      : "Search Parsec's support site for the code or ask Parsec support; the Parsec log on the computer that recorded it may say more.",
    known: false,
    signFlipped: false,
    label: unknownLabel(code, locale),
  };
}

const unknownLabel = (code: number, locale: Locale) => (locale === "ja" ? `不明なコード ${code}` : `unknown code ${code}`);

/**
 * Whether the code means something went wrong with the connection: the attempt did not succeed,
 * or an established session was lost.
 *
 * - null / undefined / 0: false.
 * - Negative codes (errors), documented or not: true.
 * - Positive codes read as errors that lost their sign (6023 for -6023): true.
 * - Documented warnings: per code, as commented in WARNINGS above. Approval needed (6), declined
 *   (8), canceled (9), no room (11), peer gone (99), unconfirmed account (100), no permission (112),
 *   access-link problems (200..204) and the network timeout (2000) are failures: the user did not
 *   get a working connection. Host shutdown (4) and kicked (5) end a session that was established,
 *   deliberately, on the host's side: they count as ended-with-warning, not as failures.
 * - Undocumented positive codes: false. The SDK uses positive codes for warnings that are not
 *   failures too (e.g. "still connecting"), so an unknown one is not claimed to be a failure; its
 *   "warning" severity still shows it.
 */
export function isFailure(code: number | null | undefined): boolean {
  if (code === null || code === undefined || code === 0) return false;
  if (code < 0) return true;
  const info = describeExitCode(code);
  if (!info || !info.known) return false;
  if (info.signFlipped) return true;
  if (code >= 200 && code <= 204) return ACCESS_LINK.failure;
  return WARNINGS.get(code)?.failure ?? false;
}

/** A run of exit codes, both bounds included (from <= to). */
export interface ExitCodeSpan {
  from: number;
  to: number;
}

/** One name of the catalogue and what it means, for a search of names and meanings (./exitCodeSearch.ts). */
export interface CatalogueName {
  /** As a table shows it beside the number: "NAT_ERR_PEER_PHASE", "ENCODE_ERR_*", "SOCKET_ERR WSAECONNRESET". */
  name: string;
  /** Its meaning in English and in Japanese; a composed code's meaning without the number inside it. */
  meanings: readonly [en: string, ja: string];
  /** The documented, signed codes it names (recordedForms adds the forms without the sign). */
  spans: readonly ExitCodeSpan[];
}

/** Every name the catalogue gives, with its codes: what describeExitCode describes, listed. */
export function exitCodeCatalogue(): readonly CatalogueName[] {
  const named = (entry: Entry, spans: ExitCodeSpan[]): CatalogueName => ({
    name: entry.name,
    meanings: [fillPlaceholders(entry.meaning, {}), fillPlaceholders(EXIT_CODE_TEXT_JA[entry.name]?.meaning ?? entry.meaning, {})],
    spans,
  });
  const one = (code: number): ExitCodeSpan[] => [{ from: code, to: code }];
  const osError = (base: number, number: number, error: OsError): CatalogueName => ({
    name: `${SOCKET_ENTRY.name} ${error.name}`,
    meanings: [error.meaning, SOCKET_MEANINGS_JA[error.meaning] ?? error.meaning],
    spans: one(base - number),
  });
  return [
    named(SUCCESS_ENTRY, one(0)),
    ...[...WARNINGS].map(([code, entry]) => named(entry, one(code))),
    named(ACCESS_LINK, [{ from: 200, to: 204 }]),
    ...[...ERRORS].map(([code, entry]) => named(entry, one(code))),
    ...ERROR_RANGES.map((range) => named(range, [{ from: range.from, to: range.to }])),
    named(OPENSSL_ENTRY, [composedSpan(OPENSSL_BASE)]),
    named(SOCKET_ENTRY, [composedSpan(WINDOWS_SOCKET_BASE), composedSpan(OTHER_SOCKET_BASE)]),
    ...[...WINDOWS_SOCKET_ERRORS].map(([number, error]) => osError(WINDOWS_SOCKET_BASE, number, error)),
    ...[...ERRNO_SOCKET_ERRORS].map(([number, error]) => osError(OTHER_SOCKET_BASE, number, error)),
  ];
}

function composedSpan(base: number): ExitCodeSpan {
  return { from: base - COMPOSED_SPAN + 1, to: base };
}

/**
 * The codes an audit log may carry for a span of documented codes: the span itself and, for
 * errors from -1000 down, the same codes without their minus sign (describeExitCode reads them as
 * those errors), except where a positive code is documented as a warning of its own.
 */
export function recordedForms(span: ExitCodeSpan): ExitCodeSpan[] {
  if (span.from > -UNSIGNED_FORM_MIN) return [span];
  let unsigned: ExitCodeSpan[] = [{ from: -Math.min(span.to, -UNSIGNED_FORM_MIN), to: -span.from }];
  for (const warning of WARNINGS.keys()) {
    unsigned = unsigned.flatMap((part) =>
      warning < part.from || warning > part.to
        ? [part]
        : [
            { from: part.from, to: warning - 1 },
            { from: warning + 1, to: part.to },
          ].filter((rest) => rest.from <= rest.to),
    );
  }
  return [span, ...unsigned];
}
