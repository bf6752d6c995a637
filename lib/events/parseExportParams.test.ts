import { describe, expect, it } from "vitest";
import { FilterError, parseEventFilters } from "./eventFilters";
import { attachmentDisposition } from "../http/downloadResponse";
import { exportFileName } from "./exportFileName";
import { parseExportParams } from "./parseExportParams";

describe("parseExportParams", () => {
  it("reads the explorer's filters and the format; paging parameters are ignored", () => {
    expect(parseExportParams({ user: "42", name: ["a", "b"], format: "csv", limit: "25", cursor: "x" })).toEqual({
      filters: parseEventFilters({ user: "42", name: ["a", "b"] }),
      format: "csv",
    });
    expect(parseExportParams({}).format).toBe("ndjson");
  });

  it.each([
    [{ format: "xlsx" }, /^format must be csv or ndjson$/],
    [{ user: "bob" }, /^user must be a Parsec user id/],
    [{ sort: "name" }, /^sort is not a parameter of the export/],
    [{ from: "2026-13-01T00:00:00Z" }, /^from must be an RFC 3339 date-time/],
  ])("refuses %j with a message naming the parameter", (raw, message) => {
    expect(() => parseExportParams(raw)).toThrow(FilterError);
    expect(() => parseExportParams(raw)).toThrow(message);
  });
});

describe("export file names", () => {
  it("name the filters", () => {
    expect(exportFileName(parseEventFilters({ user: "42", exit: "failure" }), "csv")).toBe("parsec-events_user-42_exit-failure.csv");
    expect(exportFileName(parseEventFilters({}), "ndjson")).toBe("parsec-events_all.ndjson");
  });

  it("reach the browser intact when they are not ASCII", () => {
    const name = exportFileName(parseEventFilters({ host: "レンダリング-01" }), "csv");
    const header = attachmentDisposition(name);
    // An HTTP header must be Latin-1: the exact name goes in filename*, percent-encoded UTF-8.
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header).toBe(
      `attachment; filename="parsec-events_host-______-01.csv"; filename*=UTF-8''${encodeURIComponent("parsec-events_host-レンダリング-01.csv")}`,
    );
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!)).toBe(name);
  });
});
