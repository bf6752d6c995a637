import { describe, expect, it } from "vitest";
import { describeExitCode, recordedForms } from "./exitCodes";
import { exitCodesMatching, inSpans } from "./exitCodeSearch";
import { exitCodeView } from "./exitCodeView";

const names = (term: string) => exitCodesMatching(term)?.names.map((name) => name.name) ?? [];

describe("exitCodesMatching", () => {
  it("finds the codes a part of a name names, case ignored, with the forms recorded without the sign", () => {
    const match = exitCodesMatching(" nat_err ")!;
    expect(match.names.map((name) => [name.name, name.spans])).toEqual([
      ["NAT_ERR_PEER_PHASE", [{ from: -6023, to: -6023 }]],
      ["NAT_ERR_STUN_PHASE", [{ from: -6024, to: -6024 }]],
      ["NAT_ERR_INTEGRITY", [{ from: -6025, to: -6025 }]],
      ["NAT_ERR_NO_CANDIDATES", [{ from: -6033, to: -6033 }]],
      ["NAT_ERR_WEBRTC", [{ from: -6200, to: -6200 }]],
    ]);
    expect(match.codes).toEqual([
      { from: -6200, to: -6200 },
      { from: -6033, to: -6033 },
      { from: -6025, to: -6023 },
      { from: 6023, to: 6025 },
      { from: 6033, to: 6033 },
      { from: 6200, to: 6200 },
    ]);
  });

  it("finds meanings in English and in Japanese", () => {
    expect(names("strict NAT")).toEqual(["NAT_ERR_PEER_PHASE"]);
    expect(names("厳しい NAT")).toEqual(["NAT_ERR_PEER_PHASE"]);
    expect(names("拒否")).toEqual(expect.arrayContaining(["CONNECT_WRN_DECLINED", "WS_ERR_TEAM_DEACTIVATED", "SOCKET_ERR WSAECONNREFUSED"]));
    // A composed meaning without its number; its codes are the whole span.
    expect(exitCodesMatching("OpenSSL error")!.codes).toEqual([
      { from: -699_999, to: -600_000 },
      { from: 600_000, to: 699_999 },
    ]);
  });

  it("names a range by its pattern, and an OS socket error inside SOCKET_ERR", () => {
    expect(exitCodesMatching("D3D_ERR")!.codes).toEqual([
      { from: -22_013, to: -22_000 },
      { from: 22_000, to: 22_013 },
    ]);
    const refused = exitCodesMatching("ECONNREFUSED")!;
    expect(refused.names.map((name) => name.name)).toEqual(["SOCKET_ERR WSAECONNREFUSED", "SOCKET_ERR ECONNREFUSED", "SOCKET_ERR ECONNREFUSED"]);
    expect(inSpans(-710_061, refused.codes) && inSpans(-800_111, refused.codes) && inSpans(-800_061, refused.codes)).toBe(true);
    expect(inSpans(-800_110, refused.codes)).toBe(false);
  });

  it("adds the unsigned forms of errors from -1000 down, but never a documented warning's code", () => {
    expect(recordedForms({ from: -23, to: -10 })).toEqual([{ from: -23, to: -10 }]);
    expect(recordedForms({ from: -1500, to: -500 })).toEqual([
      { from: -1500, to: -500 },
      { from: 1000, to: 1500 },
    ]);
    // 2000 is NETWORK_WRN_TIMEOUT itself.
    expect(recordedForms({ from: -2500, to: -1500 })).toEqual([
      { from: -2500, to: -1500 },
      { from: 1500, to: 1999 },
      { from: 2001, to: 2500 },
    ]);
    expect(exitCodesMatching("NETWORK_WRN_TIMEOUT")!.codes).toEqual([{ from: 2000, to: 2000 }]);
  });

  it("looks up nothing for terms too short to name codes, or that name none", () => {
    expect(exitCodesMatching("er")).toBeNull();
    expect(exitCodesMatching("  ")).toBeNull();
    expect(exitCodesMatching(undefined)).toBeNull();
    expect(exitCodesMatching("会議室PC")).toBeNull();
    expect(exitCodesMatching("承")).toBeNull();
  });

  it("selects exactly the codes whose shown name contains the term, for every code from -25000 to 25000 and around the composed bases", () => {
    const codes = [
      ...Array.from({ length: 50_001 }, (_, i) => i - 25_000),
      ...[600_000, 700_000, 800_000].flatMap((base) => [base - 1, base, base + 1, base + 10_054, base + 111, base + 99_999, base + 100_000]),
    ].flatMap((code) => [code, -code]);
    for (const term of ["NAT_ERR", "ENCODE_ERR", "CAPTURE", "CONNECT_WRN", "SOCKET_ERR", "OPENSSL", "DECODE_ERR", "WS_ERR", "TIMEOUT", "ECONNRESET"]) {
      const match = exitCodesMatching(term)!;
      const wrong = codes.filter((code) => {
        const view = exitCodeView(code)!;
        const shown = `${view.name || (describeExitCode(code)!.known ? describeExitCode(code)!.name : "")}`;
        return shown.toLowerCase().includes(term.toLowerCase()) !== inSpans(code, match.codes);
      });
      expect({ term, wrong: wrong.slice(0, 5) }).toEqual({ term, wrong: [] });
    }
  });
});
