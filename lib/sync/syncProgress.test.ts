import { describe, expect, it } from "vitest";
import { estimateRemaining, nextOrder, quotaCeilingPerHour } from "./syncProgress";

const d = (iso: string) => new Date(iso);

describe("nextOrder", () => {
  const seen = { oldest: d("2026-01-10T00:00:00Z"), newest: d("2026-01-20T00:00:00Z") };
  it("recognises newest-first and oldest-first pages", () => {
    expect(nextOrder("unknown", seen, { oldest: d("2026-01-01T00:00:00Z"), newest: d("2026-01-10T00:00:00Z") })).toBe("newest-first");
    expect(nextOrder("unknown", seen, { oldest: d("2026-01-20T00:00:00Z"), newest: d("2026-01-25T00:00:00Z") })).toBe("oldest-first");
  });
  it("says mixed when pages overlap or change direction", () => {
    expect(nextOrder("unknown", seen, { oldest: d("2026-01-12T00:00:00Z"), newest: d("2026-01-15T00:00:00Z") })).toBe("mixed");
    expect(nextOrder("newest-first", seen, { oldest: d("2026-01-21T00:00:00Z"), newest: d("2026-01-22T00:00:00Z") })).toBe("mixed");
    expect(nextOrder("mixed", seen, { oldest: d("2026-01-01T00:00:00Z"), newest: d("2026-01-02T00:00:00Z") })).toBe("mixed");
  });
  it("stays unknown until there is something to compare with", () => {
    expect(nextOrder("unknown", { oldest: null, newest: null }, { oldest: d("2026-01-01T00:00:00Z"), newest: d("2026-01-02T00:00:00Z") })).toBe("unknown");
  });
});

describe("estimateRemaining", () => {
  const quota = { requests: 40, windowMs: 300_000 };
  it("scales what was fetched by the share of the window walked, paced by the quota", () => {
    // 100 days of history, newest-first, 25 days walked with 10,000 events: 30,000 to go.
    const { estimate } = estimateRemaining({
      pass: { startAt: null, endAt: "2026-04-11T00:00:00.000Z", events: 10_000, oldestAt: d("2026-03-17T00:00:00Z"), newestAt: d("2026-04-10T00:00:00Z") },
      order: "newest-first",
      historyStartsAt: d("2026-01-01T00:00:00Z"),
      pageSize: 1000,
      quota,
      msPerPage: 200,
    });
    expect(estimate?.remainingEvents).toBe(30_000);
    expect(estimate?.remainingMs).toBe(30 * 7_500); // 30 pages, the quota's 7.5 s a page beats 200 ms
  });
  it("uses the measured pace when it is slower than the quota", () => {
    const { estimate } = estimateRemaining({
      pass: {
        startAt: "2026-01-01T00:00:00.000Z",
        endAt: "2026-01-03T00:00:00.000Z",
        events: 500,
        oldestAt: d("2026-01-01T00:00:00Z"),
        newestAt: d("2026-01-02T00:00:00Z"),
      },
      order: "oldest-first",
      historyStartsAt: null,
      pageSize: 100,
      quota: null,
      msPerPage: 1_000,
    });
    expect(estimate).toMatchObject({ remainingEvents: 500, remainingMs: 5_000 });
  });
  it("gives a reason instead of a number when the order or the start is unknown", () => {
    const pass = { startAt: null, endAt: "2026-04-11T00:00:00.000Z", events: 10, oldestAt: d("2026-04-01T00:00:00Z"), newestAt: d("2026-04-10T00:00:00Z") };
    expect(estimateRemaining({ pass, order: "mixed", historyStartsAt: d("2026-01-01T00:00:00Z"), pageSize: 1000, quota, msPerPage: 1 })).toEqual({
      estimate: null,
      noEstimate: "pages do not come in time order",
    });
    expect(estimateRemaining({ pass, order: "newest-first", historyStartsAt: null, pageSize: 1000, quota, msPerPage: 1 }).noEstimate).toMatch(
      /start of the team's history/,
    );
  });
  it("states the quota's ceiling", () => {
    expect(quotaCeilingPerHour(quota, 1000)).toBe(480_000);
    expect(quotaCeilingPerHour(null, 1000)).toBeNull();
  });
});
