import { describe, expect, it } from "vitest";
import { EXIT_CODE_FAMILIES, describeExitCode, exitCodeFamilyLabel } from "./exitCodes";
import { EXIT_CODE_TEXT_JA } from "./exitCodesJa";
import { exitCodeView } from "./exitCodeView";

/** One code of every documented name and range, and of each composed family. */
const SAMPLES = [
  0, 4, 5, 6, 8, 9, 11, 99, 100, 112, 200, 204, 2000, -1, -3, -4, -10, -23, -3002, -3003, -3008, -3009, -3010, -6101, -6105, -6023, -6024, -6025, -6033, -6200,
  -12007, -12017, -13000, -13011, -13014, -13015, -14003, -15000, -15002, -22000, -36000, -600001, -710054, -800104, -799999,
];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("the exit-code catalogue in Japanese", () => {
  it("has a meaning and a usual fix for every code the English describes, the code names kept", () => {
    for (const code of SAMPLES) {
      const en = describeExitCode(code, "en")!;
      const ja = describeExitCode(code, "ja")!;
      expect(ja.name, `${code}`).toBe(en.name);
      expect(ja.meaning, `${code} meaning`).toMatch(JAPANESE);
      expect(ja.fix, `${code} fix`).toMatch(JAPANESE);
      if (en.familyId !== "openssl") expect(ja.family, `${code} family`).not.toBe(en.family);
    }
  });

  it("holds no entry for a name the catalogue does not have", () => {
    const names = new Set(SAMPLES.map((code) => describeExitCode(code)!.name));
    expect(Object.keys(EXIT_CODE_TEXT_JA).filter((name) => !names.has(name))).toEqual([]);
  });

  it("names every family", () => {
    for (const family of EXIT_CODE_FAMILIES) expect(exitCodeFamilyLabel(family.id, "ja"), family.id).toMatch(family.id === "openssl" ? /OpenSSL/ : JAPANESE);
  });

  it("writes the composed and the unknown codes' sentences with their numbers", () => {
    expect(describeExitCode(-600001, "ja")!.meaning).toBe("安全な (TLS) 接続が OpenSSL エラー 1 で失敗しました。");
    expect(describeExitCode(-710054, "ja")!.meaning).toBe(
      "ネットワーク呼び出しが Windows ソケットエラー 10054 (WSAECONNRESET: 相手側または途中の機器によって接続がリセットされました) で失敗しました。",
    );
    expect(describeExitCode(-800104, "ja")!.meaning).toBe(
      "ネットワーク呼び出しが ソケットエラー 104 (ECONNRESET、Linux/Android: 相手側または途中の機器によって接続がリセットされました) で失敗しました。",
    );
    expect(describeExitCode(6023, "ja")!.meaning).toMatch(/マイナス記号なしで記録されています。公開されているコードは -6023 です。$/);
    const unknown = describeExitCode(-16011, "ja")!;
    expect([unknown.label, unknown.meaning]).toEqual(["不明なコード -16011", "Parsec は終了コード -16011 を公開していません (負のコードはエラーです)。"]);
  });

  it("stays English where no language is asked for (the API's JSON)", () => {
    expect(describeExitCode(-6023)!.meaning).toMatch(/^The two computers could not reach each other directly/);
    expect(exitCodeView(-6023)!.title).toMatch(/^NAT_ERR_PEER_PHASE: The two computers/);
    expect(exitCodeView(-6023, "ja")!.title).toMatch(/^NAT_ERR_PEER_PHASE: 2 台のコンピューターが互いに直接通信できませんでした/);
  });
});
