import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { boundsViolation, describeCut, EVENT_BOUNDS, measureJson, quarantineJson, quarantineText } from "./jsonBounds";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** `levels` arrays inside one another, parsed from text as an upload would be (JSON.parse does not recurse). */
const nested = (levels: number): unknown => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);
const event = (data: unknown) => ({
  id: "2deepdeepdeepdeepdeepdeep01",
  name: "client_connect",
  timestamp: "2026-05-01T10:00:00Z",
  user_id: 1,
  team_id: "t",
  data,
});

describe("measureJson", () => {
  it("counts levels and the longest string (keys included), and the top-level field they lie under", () => {
    expect(measureJson(7)).toMatchObject({ depth: 0, longestString: 0 });
    expect(measureJson("abc")).toMatchObject({ depth: 0, longestString: 3 });
    expect(measureJson([])).toMatchObject({ depth: 1 });
    expect(measureJson({ a: { b: [1, "xy"] }, c: "z" })).toEqual({ depth: 3, longestString: 2, deepestIn: "a", longestIn: "a" });
    expect(measureJson({ short: "a", [`k${"e".repeat(20)}`]: 1 })).toMatchObject({ longestString: 21, longestIn: `k${"e".repeat(20)}` });
  });

  it("measures two million levels without recursing (a recursive walk overflows the stack)", () => {
    expect(() => JSON.stringify(nested(2_000_000))).toThrow(RangeError);
    expect(measureJson(event({ a: nested(2_000_000) }))).toMatchObject({ depth: 2_000_002, deepestIn: "data" });
  });
});

describe("boundsViolation", () => {
  it("accepts a real, flat event and one at the limit", () => {
    expect(boundsViolation(event({ attempt_id: "a", exit_code: 0, host_computer_name: "ホスト" }))).toBeNull();
    expect(boundsViolation(event({ a: nested(EVENT_BOUNDS.maxDepth - 2) }))).toBeNull();
    expect(boundsViolation(event({ note: "x".repeat(EVENT_BOUNDS.maxStringChars) }))).toBeNull();
  });

  it("names the depth, the field and the limit of an event that nests too deep", () => {
    expect(boundsViolation(event({ a: nested(EVENT_BOUNDS.maxDepth - 1) }))).toBe("the event nests 65 levels deep (in `data`); at most 64 are accepted");
    expect(boundsViolation(event({ a: nested(2_000_000) }))).toBe("the event nests 2,000,002 levels deep (in `data`); at most 64 are accepted");
    expect(boundsViolation(nested(100))).toBe("the event nests 100 levels deep; at most 64 are accepted");
  });

  it("names the length, the field and the limit of a string too long", () => {
    expect(boundsViolation({ ...event({}), user_email: "x".repeat(70_000) })).toBe(
      "the event holds a string of 70,000 characters (in `user_email`); at most 65,536 are accepted",
    );
  });
});

describe("quarantineJson", () => {
  it("writes exactly what JSON.stringify writes, so a quarantined event keeps its row (same hash) when it comes again", () => {
    const values: unknown[] = [
      null,
      0,
      -0,
      1.5e300,
      true,
      "",
      'é\u2028"\\\n\u0001\ud800',
      [],
      {},
      [1, [2, [3, {}]], "x"],
      { b: 1, a: { "1": "one", "0": "zero", z: [null, { "": "" }] } },
      event({ host_computer_name: "ゆうき", exit_code: -1, nested: { list: [1, 2, { deep: [] }] } }),
      { undefinedField: undefined, fn: () => 1, kept: [undefined, () => 1], at: new Date(0) },
    ];
    for (const value of values) {
      const whole = JSON.stringify(value);
      expect(quarantineJson(value)).toEqual({ text: whole, totalChars: whole.length, sha256: sha256(whole) });
    }
    expect(quarantineJson(undefined).text).toBe("undefined");
  });

  it("writes two million levels whole, never throwing", () => {
    const raw = quarantineJson(event({ a: nested(2_000_000) }));
    expect(raw.text.length).toBe(raw.totalChars);
    expect(raw.text).toMatch(/^\{"id":"2deepdeepdeepdeepdeepdeep01",.*"data":\{"a":\[\[\[/);
    expect(raw.text.endsWith("]]]}}")).toBe(true);
    expect(describeCut(raw)).toBe("");
  });

  it("cuts at maxChars, says so, and hashes the whole text so that values cut alike stay apart", () => {
    const a = quarantineJson({ data: nested(1_000), id: "a" }, 100);
    const b = quarantineJson({ data: nested(1_000), id: "b" }, 100);
    expect(a.text).toBe(`{"data":${"[".repeat(92)}`);
    expect(a.text).toBe(b.text);
    expect(a.totalChars).toBe(JSON.stringify({ data: [], id: "a" }).length + 1_998);
    expect(a.sha256).not.toBe(b.sha256);
    expect(describeCut(a)).toBe(`; its raw text is cut to the first 100 of its ${a.totalChars.toLocaleString("en")} characters`);
  });

  it("never leaves half a character where it cuts, and writes a cycle instead of looping", () => {
    expect(quarantineJson(["😀😀"], 4).text).toBe('["😀');
    expect(quarantineJson(["😀😀"], 3).text).toBe('["');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(quarantineJson(cyclic).text).toBe('{"a":1,"self":"[cycle]"}');
  });
});

describe("quarantineText", () => {
  it("keeps a line whole up to the limit, and beyond it cuts it and hashes it whole", () => {
    expect(quarantineText("not json")).toEqual({ text: "not json", totalChars: 8, sha256: sha256("not json") });
    const long = quarantineText("y".repeat(50), 10);
    expect(long).toEqual({ text: "y".repeat(10), totalChars: 50, sha256: sha256("y".repeat(50)) });
  });
});
