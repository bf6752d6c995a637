import { describe, expect, it } from "vitest";
import { connectionsHref, searchParamsRecord } from "../explorerUrl/explorerHref";
import { connectionFiltersToParams, formatDurationParam, parseConnectionFilters } from "./connectionFilters";
import { DURATION_BUCKETS, durationBucketBounds } from "./durationBuckets";
import { formatDurationRange } from "../i18n/dateTime";

describe("duration filters", () => {
  it("are shown as they were typed, whatever seconds they stand for", () => {
    for (const typed of ["13h", "1.5h", "90", "5m", "1h30m", "12h 52m 21s"]) {
      const filters = parseConnectionFilters({ min_duration: typed });
      expect(connectionFiltersToParams(filters).min_duration).toEqual([typed]);
    }
    expect(parseConnectionFilters({ min_duration: "1h30m", max_duration: "12h52m21s" })).toMatchObject({ minDurationSeconds: 5400, maxDurationSeconds: 46341 });
    expect(parseConnectionFilters({ min_duration: "12h 52m 21s" }).minDurationSeconds).toBe(46341);
  });

  it("refuse what is not a duration, or writes a unit twice or out of order", () => {
    for (const bad of ["5 minutes", "1h1h", "30m1h", "h", "1hh", "-5m", "1h30"]) {
      expect(() => parseConnectionFilters({ min_duration: bad }), bad).toThrow(/^min_duration must be a duration such as 90/);
    }
  });

  it("are written by links in hours, minutes and seconds, which read back as the same seconds", () => {
    expect(formatDurationParam(46341)).toBe("12h52m21s");
    expect(formatDurationParam(5400)).toBe("1h30m");
    expect(formatDurationParam(45)).toBe("45s");
    expect(formatDurationParam(90.5)).toBe("90.5s");
    for (const seconds of [0, 1, 59, 60, 61, 3599, 3600, 46341, 86_400 * 9 + 7]) {
      const href = connectionsHref({ min_duration: [formatDurationParam(seconds)] });
      expect(parseConnectionFilters(searchParamsRecord(new URL(href, "http://x").searchParams)).minDurationSeconds).toBe(seconds);
    }
  });
});

describe("the duration histogram's buckets", () => {
  it("each name two different ends", () => {
    for (let bucket = 0; bucket < DURATION_BUCKETS - 1; bucket++) {
      const { from, to } = durationBucketBounds(bucket);
      const [low, high] = formatDurationRange(from, to!, "en").split("–");
      expect(low, `bucket ${bucket}`).not.toBe(high);
    }
    expect(formatDurationRange(90.51, 128, "en")).toBe("1m 31s–2m 08s");
    expect(formatDurationRange(90.51, 128, "ja")).toBe("1分31秒–2分08秒");
    expect(formatDurationRange(32, 45.25, "en")).toBe("32s–45s");
  });
});
