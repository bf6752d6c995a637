import { describe, expect, it } from "vitest";
import { EXIT_CODE_FAMILIES, describeExitCode, isFailure, type ExitCodeInfo } from "./exitCodes";
import { attemptFailureCode, disconnectCode } from "./simulator/exitCodes";
import { Prng } from "./simulator/prng";

const info = (code: number): ExitCodeInfo => {
  const described = describeExitCode(code);
  if (!described) throw new Error(`no description for ${code}`);
  return described;
};

/** Every code parsec-api.md ("Exit codes") names, transcribed from it, with the family it belongs to. */
const NAMED: ReadonlyArray<readonly [number, string, string]> = [
  [0, "PARSEC_OK", "Success"],
  [4, "HOST_WRN_SHUTDOWN", "Session ended by host"],
  [5, "HOST_WRN_KICKED", "Session ended by host"],
  [6, "CONNECT_WRN_APPROVAL", "Connection attempt"],
  [8, "CONNECT_WRN_DECLINED", "Connection attempt"],
  [9, "CONNECT_WRN_CANCELED", "Connection attempt"],
  [11, "CONNECT_WRN_NO_ROOM", "Connection attempt"],
  [99, "CONNECT_WRN_PEER_GONE", "Connection attempt"],
  [100, "CONNECT_WRN_UNCONFIRMED", "Connection attempt"],
  [112, "CONNECT_WRN_NO_PERMISSION", "Connection attempt"],
  [2000, "NETWORK_WRN_TIMEOUT", "Network"],
  [-1, "ERR_DEFAULT", "General"],
  [-3, "PARSEC_NOT_RUNNING", "Parsec app"],
  [-4, "PARSEC_ALREADY_RUNNING", "Parsec app"],
  [-3002, "WS_ERR_READ", "Parsec service connection"],
  [-3003, "WS_ERR_WRITE", "Parsec service connection"],
  [-3008, "WS_ERR_AUTH", "Parsec service connection"],
  [-3009, "WS_ERR_GOING_AWAY", "Parsec service connection"],
  [-3010, "WS_ERR_TEAM_DEACTIVATED", "Parsec service connection"],
  [-6101, "WS_ERR_CONNECT", "Parsec service connection"],
  [-6105, "WS_ERR_CLOSE", "Parsec service connection"],
  [-6023, "NAT_ERR_PEER_PHASE", "Peer-to-peer (NAT traversal)"],
  [-6024, "NAT_ERR_STUN_PHASE", "Peer-to-peer (NAT traversal)"],
  [-6025, "NAT_ERR_INTEGRITY", "Peer-to-peer (NAT traversal)"],
  [-6033, "NAT_ERR_NO_CANDIDATES", "Peer-to-peer (NAT traversal)"],
  [-6200, "NAT_ERR_WEBRTC", "Peer-to-peer (NAT traversal)"],
  [-12007, "NETWORK_ERR_BG_TIMEOUT", "Network"],
  [-12017, "NETWORK_ERR_SHUTDOWN", "Network"],
  [-13000, "SERVER_ERR_DISPLAY", "Host"],
  [-13011, "SERVER_ERR_NO_USER", "Host"],
  [-13014, "SERVER_ERR_CLIENT_ABORT", "Host"],
  [-13015, "SERVER_ERR_CLIENT_GONE", "Host"],
  [-15000, "ENCODE_ERR_INIT", "Host video encoder"],
  [-36000, "PARSEC_ERR_VERSION", "Parsec version"],
];

/** The ranges parsec-api.md gives without naming each member. */
const RANGES: ReadonlyArray<readonly [number, number, string, string]> = [
  [200, 204, "ALINK_WRN_*", "Access link"],
  [-23, -10, "DECODE_ERR_*", "Client video decoder"],
  [-14005, -14003, "CAPTURE_ERR_*", "Host screen capture"],
  [-15110, -15002, "ENCODE_ERR_*", "Host video encoder"],
  [-22013, -22000, "D3D_ERR_*", "Direct3D (graphics)"],
];

describe("describeExitCode", () => {
  it("returns null for a missing code", () => {
    expect(describeExitCode(null)).toBeNull();
    expect(describeExitCode(undefined)).toBeNull();
  });

  it.each(NAMED)("%i is %s (%s)", (code, name, family) => {
    const d = info(code);
    expect(d).toMatchObject({ code, canonicalCode: code, name, family, known: true, signFlipped: false, label: `${code} ${name}` });
    expect(d.severity).toBe(code === 0 ? "success" : code > 0 ? "warning" : "error");
    expect(d.meaning.length).toBeGreaterThan(10);
    expect(d.fix.length).toBeGreaterThan(10);
  });

  it.each(RANGES)("%i..%i is the %s family", (from, to, name, family) => {
    for (let code = from; code <= to; code++) {
      expect(info(code)).toMatchObject({ code, name, family, known: true, label: `${code} ${name}` });
    }
    // Just outside the range is not part of it.
    expect(info(from - 1).name).not.toBe(name);
    expect(info(to + 1).name).not.toBe(name);
  });

  it("keeps -15001 out of the encoder family: the documentation lists -15000 and -15002..-15110", () => {
    expect(info(-15001)).toMatchObject({ known: false, label: "unknown code -15001" });
  });

  it("gives the usual remedies", () => {
    for (const code of [-6023, -6024, -6200]) expect(info(code).fix).toMatch(/firewall/i);
    for (const code of [-6023, -6024, -6200]) expect(info(code).fix).toMatch(/relay/i);
    expect(info(-15000).fix).toMatch(/GPU driver/);
    expect(info(-15042).fix).toMatch(/GPU driver/);
    expect(info(-3008).fix).toMatch(/sign in again/i);
    expect(info(6).fix).toMatch(/approve/);
    expect(info(8).fix).toMatch(/approve/);
    expect(info(11).meaning).toMatch(/no free seat/);
  });

  describe("codes recorded without their sign", () => {
    it.each([
      [6023, "NAT_ERR_PEER_PHASE", "Peer-to-peer (NAT traversal)"],
      [6200, "NAT_ERR_WEBRTC", "Peer-to-peer (NAT traversal)"],
      [15000, "ENCODE_ERR_INIT", "Host video encoder"],
      [15005, "ENCODE_ERR_*", "Host video encoder"],
      [15110, "ENCODE_ERR_*", "Host video encoder"],
      [14003, "CAPTURE_ERR_*", "Host screen capture"],
      [22013, "D3D_ERR_*", "Direct3D (graphics)"],
      [3008, "WS_ERR_AUTH", "Parsec service connection"],
      [36000, "PARSEC_ERR_VERSION", "Parsec version"],
    ] as const)("%i is read as the error %s (%s)", (code, name, family) => {
      const d = info(code);
      expect(d).toMatchObject({ code, canonicalCode: -code, name, family, severity: "error", known: true, signFlipped: true });
      expect(d.label).toBe(`${code} ${name}`);
      expect(d.meaning).toMatch(/without its minus sign/);
      expect(d.meaning).toContain(String(-code));
    });

    it("reads 600000+N, 700000+N and 800000+N as OpenSSL and socket errors", () => {
      expect(info(600001)).toMatchObject({ name: "OPENSSL_ERR", family: "OpenSSL", sslError: 1, signFlipped: true });
      expect(info(710060)).toMatchObject({ name: "SOCKET_ERR", signFlipped: true, socketError: { system: "windows", number: 10060, name: "WSAETIMEDOUT" } });
      expect(info(800111)).toMatchObject({ name: "SOCKET_ERR", signFlipped: true, socketError: { system: "other", number: 111, name: "ECONNREFUSED" } });
    });

    it("keeps documented positive codes as they are", () => {
      expect(info(11)).toMatchObject({ name: "CONNECT_WRN_NO_ROOM", signFlipped: false, severity: "warning" });
      expect(info(2000)).toMatchObject({ name: "NETWORK_WRN_TIMEOUT", signFlipped: false, severity: "warning" });
      expect(info(202)).toMatchObject({ name: "ALINK_WRN_*", signFlipped: false, severity: "warning" });
    });

    it("does not read small positive codes as errors: that is where the SDK's own warnings live", () => {
      // The public SDK header has 10 WRN_CONTINUE and 20 PARSEC_CONNECTING; -10 and -20 are decoder errors.
      for (const code of [1, 3, 10, 20, 23]) {
        expect(info(code)).toMatchObject({ known: false, signFlipped: false, severity: "warning", label: `unknown code ${code}` });
      }
    });

    it("leaves a positive code whose negation is unknown as unknown", () => {
      expect(info(6000)).toMatchObject({ known: false, signFlipped: false, severity: "warning", label: "unknown code 6000" });
      expect(info(16011)).toMatchObject({ known: false, label: "unknown code 16011" });
    });
  });

  describe("composed codes", () => {
    it("decodes OpenSSL errors", () => {
      expect(info(-600000)).toMatchObject({ name: "OPENSSL_ERR", family: "OpenSSL", sslError: 0, severity: "error" });
      expect(info(-600005)).toMatchObject({ name: "OPENSSL_ERR", sslError: 5, label: "-600005 OPENSSL_ERR" });
      expect(info(-600005).meaning).toContain("OpenSSL error 5");
      expect(info(-699999)).toMatchObject({ name: "OPENSSL_ERR", sslError: 99999 });
    });

    it("decodes Windows socket errors and names the common ones", () => {
      expect(info(-710060)).toMatchObject({
        name: "SOCKET_ERR",
        family: "Socket",
        label: "-710060 SOCKET_ERR WSAETIMEDOUT",
        socketError: { system: "windows", number: 10060, name: "WSAETIMEDOUT", os: "Windows" },
      });
      expect(info(-710061).socketError?.name).toBe("WSAECONNREFUSED");
      expect(info(-710054).socketError?.name).toBe("WSAECONNRESET");
      expect(info(-711001).socketError?.name).toBe("WSAHOST_NOT_FOUND");
      expect(info(-710060).meaning).toContain("Windows socket error 10060");
      // An uncommon one is decoded but not named.
      expect(info(-710013)).toMatchObject({
        known: true,
        label: "-710013 SOCKET_ERR",
        socketError: { system: "windows", number: 10013, name: null },
      });
    });

    it("decodes errno socket errors, naming the system whose numbering it is", () => {
      expect(info(-800111)).toMatchObject({
        label: "-800111 SOCKET_ERR ECONNREFUSED",
        socketError: { system: "other", number: 111, name: "ECONNREFUSED", os: "Linux/Android" },
      });
      expect(info(-800110).socketError).toMatchObject({ name: "ETIMEDOUT", os: "Linux/Android" });
      expect(info(-800113).socketError).toMatchObject({ name: "EHOSTUNREACH", os: "Linux/Android" });
      expect(info(-800061).socketError).toMatchObject({ name: "ECONNREFUSED", os: "macOS/iOS" });
      expect(info(-800060).socketError).toMatchObject({ name: "ETIMEDOUT", os: "macOS/iOS" });
      expect(info(-800111).meaning).toMatch(/ECONNREFUSED on Linux\/Android/);
      expect(info(-800007)).toMatchObject({ label: "-800007 SOCKET_ERR", socketError: { number: 7, name: null, os: null } });
    });

    it("keeps the composed ranges apart", () => {
      expect(info(-700000).socketError).toMatchObject({ system: "windows", number: 0 });
      expect(info(-799999).socketError).toMatchObject({ system: "windows", number: 99999 });
      expect(info(-800000).socketError).toMatchObject({ system: "other", number: 0 });
      expect(info(-899999).socketError).toMatchObject({ system: "other", number: 99999 });
      expect(info(-900000)).toMatchObject({ known: false, label: "unknown code -900000" });
      expect(info(-599999)).toMatchObject({ known: false });
    });
  });

  describe("unknown codes", () => {
    it.each([
      [123, "warning"],
      [-16011, "error"],
      [-2, "error"],
      [-6106, "error"],
      [7, "warning"],
      [-1_000_000, "error"],
    ] as const)("%i is shown as unknown, severity %s", (code, severity) => {
      const d = info(code);
      expect(d).toMatchObject({ code, canonicalCode: code, name: null, family: "Unknown", familyId: "unknown", severity, known: false, signFlipped: false });
      expect(d.label).toBe(`unknown code ${code}`);
      expect(d.meaning).toMatch(/does not document/);
    });

    it("never hides a non-integer either", () => {
      expect(info(1.5)).toMatchObject({ known: false, label: "unknown code 1.5" });
    });
  });
});

describe("EXIT_CODE_FAMILIES", () => {
  it("has one entry per family a code can be in, with the severities its codes have", () => {
    const ids = EXIT_CODE_FAMILIES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const samples = [...NAMED.map(([c]) => c), ...RANGES.map(([from]) => from), -600001, -710060, -800111, 16011, -16011, 6023];
    for (const code of samples) {
      const d = info(code);
      const family = EXIT_CODE_FAMILIES.find((f) => f.id === d.familyId);
      expect(family, String(code)).toBeDefined();
      expect(family?.label).toBe(d.family);
      expect(family?.severities).toContain(d.severity);
    }
  });
});

describe("isFailure", () => {
  it("is false for a missing code and success", () => {
    expect(isFailure(null)).toBe(false);
    expect(isFailure(undefined)).toBe(false);
    expect(isFailure(0)).toBe(false);
  });

  it("is true for every error, documented or not, and for errors recorded without their sign", () => {
    for (const code of [-1, -6023, -15042, -600001, -800111, -16011, 6023, 800111]) expect(isFailure(code)).toBe(true);
  });

  it("is true for warnings that mean the connection did not happen or was lost", () => {
    for (const code of [6, 8, 9, 11, 99, 100, 112, 200, 201, 202, 203, 204, 2000]) expect(isFailure(code)).toBe(true);
  });

  it("is false for the host ending an established session, and for undocumented warnings", () => {
    expect(isFailure(4)).toBe(false);
    expect(isFailure(5)).toBe(false);
    expect(isFailure(20)).toBe(false);
    expect(isFailure(6000)).toBe(false);
  });
});

describe("the simulator's codes", () => {
  /** Codes the simulator generates on purpose outside the documented catalogue (see its exitCodes.ts). */
  const DELIBERATELY_UNDOCUMENTED = new Set([-16011]);

  function generatedCodes(): Set<number> {
    const codes = new Set<number>();
    const rng = new Prng(20240611, 7);
    for (let i = 0; i < 20_000; i++) {
      codes.add(attemptFailureCode(rng, true));
      codes.add(attemptFailureCode(rng, false));
      codes.add(disconnectCode(rng));
    }
    return codes;
  }

  it("are all described: documented, decoded, or deliberately unknown", () => {
    const codes = generatedCodes();
    // The sample covers the simulator's variety: both socket systems and unsigned forms show up.
    expect([...codes].some((c) => c <= -700000 && c > -800000)).toBe(true);
    expect([...codes].some((c) => c <= -800000 && c > -900000)).toBe(true);
    expect([...codes].some((c) => c > 1000)).toBe(true);
    expect(codes.size).toBeGreaterThan(30);

    const wrong = [...codes].filter((code) => {
      const d = info(code);
      return DELIBERATELY_UNDOCUMENTED.has(code) ? d.known || d.label !== `unknown code ${code}` : !d.known || d.name === null;
    });
    expect(wrong).toEqual([]);
  });

  it("names every socket error it generates", () => {
    const sockets = [...generatedCodes()].filter((c) => c <= -700000 && c > -900000);
    expect(sockets.filter((c) => !info(c).socketError?.name)).toEqual([]);
  });
});
