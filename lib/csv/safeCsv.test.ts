import { describe, expect, it } from "vitest";
import { parseCsv } from "../events/testing";
import { neutraliseCell, stringifySafeCsv } from "./safeCsv";

describe("CSV formula injection", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
  ])("neutralises %j", (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it.each(["DESKTOP-1", "ゲーミングPC", "a=b", "-5", "+81", "1e-3", "", '{"a":1}'])("leaves %j as it is", (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });

  it("keeps numbers and empty cells, and quotes as CSV requires", () => {
    const csv = stringifySafeCsv([[1, -32, "=1+1", 'x,"y"', null]]);
    expect(parseCsv(csv)).toEqual([["1", "-32", "'=1+1", 'x,"y"', ""]]);
  });
});
