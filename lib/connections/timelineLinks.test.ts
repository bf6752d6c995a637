import { describe, expect, it } from "vitest";
import { parseConnectionFilters } from "./connectionFilters";
import { searchParamsRecord } from "../explorerUrl/explorerHref";
import { calendarDate, timelineSubjectLinks, windowOfInstant, windowOfRange, windowRange } from "../explorerUrl/timelineLinks";

const TOKYO = "Asia/Tokyo";
const query = (href: string) => new URL(href, "http://localhost").searchParams;

describe("links that keep their context", () => {
  it("dates an instant in the viewer's zone: 08:00 in Tokyo is the previous day in UTC", () => {
    expect(calendarDate(Date.parse("2026-11-24T23:00:00Z"), TOKYO)).toBe("2026-11-25");
    expect(calendarDate(Date.parse("2026-11-24T23:00:00Z"), "UTC")).toBe("2026-11-24");
    expect(calendarDate(Date.parse("2026-11-24T23:00:00Z"), "Not/AZone")).toBe("2026-11-24");
    expect(windowOfInstant("2026-11-24T23:00:00.000Z", TOKYO)).toEqual({ span: "day", date: "2026-11-25" });
  });

  it.each([
    ["a Tokyo day", "2026-11-24T15:00:00.000Z", "2026-11-25T14:59:59.999Z", { span: "day", date: "2026-11-25" }],
    ["two hours of a Tokyo morning", "2026-11-24T21:00:00.000Z", "2026-11-24T23:00:00.000Z", { span: "day", date: "2026-11-25" }],
    ["a Tokyo week", "2026-11-22T15:00:00.000Z", "2026-11-29T14:59:59.999Z", { span: "week", date: "2026-11-26" }],
    ["thirty days", "2026-10-27T00:00:00.000Z", "2026-11-26T00:00:00.000Z", { span: "month", date: "2026-11-11" }],
  ])("opens a timeline on %s around its middle", (_name, from, to, expected) => {
    expect(windowOfRange({ from, to }, TOKYO)).toEqual(expected);
  });

  it("opens the default week with no range, and the week of its one bound with one", () => {
    expect(windowOfRange({}, TOKYO)).toEqual({});
    expect(windowOfRange({ from: "2026-11-24T23:00:00.000Z" }, TOKYO)).toEqual({ span: "week", date: "2026-11-25" });
    expect(windowOfRange({ to: "2026-11-24T23:00:00.000Z" }, TOKYO)).toEqual({ span: "week", date: "2026-11-25" });
  });

  it("links a host's week to its failed connections of that week, and the same for a user", () => {
    const week = { startMs: Date.parse("2026-11-22T15:00:00.000Z"), endMs: Date.parse("2026-11-29T15:00:00.000Z") };
    const links = timelineSubjectLinks({ hostName: "会議室PC" }, week);
    const failed = parseConnectionFilters(searchParamsRecord(query(links.failedConnections)));
    expect(failed).toMatchObject({ host: ["会議室PC"], exit: ["failure"], from: "2026-11-22T15:00:00.000Z", to: "2026-11-29T14:59:59.999Z" });
    expect(query(timelineSubjectLinks({ userId: 42 }, week).connections).getAll("user")).toEqual(["42"]);
    expect(query(links.events).get("from")).toBe("2026-11-22T15:00:00.000Z");
    expect(windowRange(week)).toEqual({ from: ["2026-11-22T15:00:00.000Z"], to: ["2026-11-29T14:59:59.999Z"] });
  });
});
