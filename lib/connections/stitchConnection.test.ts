import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AttemptEvent } from "./attemptEvent";
import { stitchConnection } from "./stitchConnection";
import { CLIENT_DEVICE, flowEvents, HOST_DEVICE, type FlowSpec, type FlowStepName } from "./testing";

const ATTEMPT = "000e7777-576639b2-a60ec436-e4736baa-84546301-027ac414";
const stitch = (events: AttemptEvent[]) => stitchConnection(ATTEMPT, events);
const START = Date.parse("2026-03-02T09:00:00.000Z");

describe("stitchConnection: complete flows", () => {
  it("merges both perspectives of a whole connection", () => {
    const c = stitch(flowEvents({ duration: 1800 }));
    expect(c).toMatchObject({
      attemptId: ATTEMPT,
      status: "ended",
      startedAt: new Date(START),
      requestedAt: new Date(START),
      relayedAt: new Date(START + 200),
      completedAt: new Date(START + 3_000),
      endedAt: new Date(START + 5_000 + 1_800_000),
      lastEventAt: new Date(START + 5_000 + 1_800_000 + 400),
      durationSeconds: 1800,
      clientUserId: 1001,
      clientComputerName: "DESKTOP-田中",
      clientIp: CLIENT_DEVICE.ip,
      clientOs: "Windows",
      clientOsVersion: "11",
      clientPlatform: "windows",
      clientAppVersion: CLIENT_DEVICE.appVersion,
      hostComputerName: "render-01 🎬",
      hostUserId: 2002,
      hostIsShared: false,
      hostIsTeamComputer: true,
      hostIp: HOST_DEVICE.ip,
      hostAppVersion: HOST_DEVICE.appVersion,
      connectingToSelf: false,
      completionExitCode: 0,
      hostCompletionExitCode: 0,
      disconnectExitCode: 0,
      hostDisconnectExitCode: 0,
      hostDurationSeconds: 1800,
      eventCount: 6,
      missingEvents: null,
      disagreements: null,
    });
  });

  it("keeps the client's duration as the duration and notes the host's second more", () => {
    const c = stitch(flowEvents({ duration: 100, hostDuration: 101 }));
    expect(c.durationSeconds).toBe(100);
    expect(c.hostDurationSeconds).toBe(101);
    expect(JSON.parse(c.disagreements!)).toEqual({ durationSeconds: { client: 100, host: 101 } });
  });

  it("is open while connected without a disconnect", () => {
    const c = stitch(flowEvents({ omit: ["clientDisconnect", "hostDisconnect"] }));
    expect(c.status).toBe("open");
    expect(c.endedAt).toBeNull();
    expect(c.durationSeconds).toBeNull();
    expect(c.missingEvents).toBeNull();
  });

  it("is connecting with only the offer (and the relay)", () => {
    const relayed = stitch(flowEvents({ omit: ["clientComplete", "hostComplete", "clientDisconnect", "hostDisconnect"] }));
    expect(relayed).toMatchObject({ status: "connecting", completionExitCode: null, eventCount: 2, missingEvents: null });
    const offerOnly = stitch(flowEvents({ omit: ["relayed", "clientComplete", "hostComplete"], failure: 6 }));
    expect(offerOnly).toMatchObject({ status: "connecting", eventCount: 1, hostIp: null });
  });
});

describe("stitchConnection: failed attempts", () => {
  it("takes the client's completion code as the verdict and keeps the host's beside it", () => {
    const c = stitch(flowEvents({ failure: -6023, hostFailure: -6024 }));
    expect(c).toMatchObject({ status: "failed", completionExitCode: -6023, hostCompletionExitCode: -6024, endedAt: null, eventCount: 4 });
    expect(JSON.parse(c.disagreements!)).toEqual({ completionExitCode: { client: -6023, host: -6024 } });
    expect(c.missingEvents).toBeNull();
  });

  it("expects no host events of an attempt the backend refused", () => {
    const c = stitch(flowEvents({ failure: 112, omit: ["relayed", "hostComplete"] }));
    expect(c).toMatchObject({ status: "failed", completionExitCode: 112, hostCompletionExitCode: null, missingEvents: null, hostIp: null });
  });

  it("falls back to the host's code without the client's completion", () => {
    const c = stitch(flowEvents({ failure: -15000, omit: ["clientComplete"] }));
    expect(c).toMatchObject({ status: "failed", completionExitCode: -15000, missingEvents: "p2p_client_complete" });
  });

  it("reads an unsigned code as the error it is (6023 is NAT_ERR_PEER_PHASE)", () => {
    expect(stitch(flowEvents({ failure: 6023 })).status).toBe("failed");
  });

  it("counts a warning that is not a failure as connected", () => {
    // HOST_WRN_SHUTDOWN ends sessions; it is not a failed attempt (exitCodes.ts).
    const c = stitch(flowEvents({ failure: 0, disconnectCode: 4 }));
    expect(c).toMatchObject({ status: "ended", disconnectExitCode: 4 });
  });
});

describe("stitchConnection: missing events", () => {
  const cases: [FlowStepName[], string, string][] = [
    [["hostComplete"], "incomplete", "p2p_host_complete"],
    [["hostDisconnect"], "incomplete", "client_disconnect (host)"],
    [["offer"], "incomplete", "conn_client_offer"],
    [["clientComplete", "hostComplete"], "incomplete", "p2p_client_complete,p2p_host_complete"],
  ];
  it.each(cases)("without %j: %s, missing %s", (omit, status, missing) => {
    const c = stitch(flowEvents({ omit }));
    expect(c.status).toBe(status);
    expect(c.missingEvents).toBe(missing);
  });

  it("uses the host's disconnect when the client's is lost", () => {
    const c = stitch(flowEvents({ duration: 60, hostDuration: 61, omit: ["clientDisconnect"] }));
    expect(c).toMatchObject({ status: "incomplete", durationSeconds: 61, hostDurationSeconds: 61, missingEvents: "client_disconnect (client)" });
    expect(c.endedAt).toEqual(new Date(START + 5_000 + 60_000 + 400));
  });

  it("lists the open connection's missing host completion without calling it incomplete", () => {
    const c = stitch(flowEvents({ omit: ["hostComplete", "clientDisconnect", "hostDisconnect"] }));
    expect(c).toMatchObject({ status: "open", missingEvents: "p2p_host_complete" });
  });

  it("starts at the earliest event it has", () => {
    const c = stitch(flowEvents({ omit: ["offer"] }));
    expect(c.startedAt).toEqual(new Date(START + 200));
    expect(c.requestedAt).toBeNull();
  });
});

describe("stitchConnection: whose disconnect is whose", () => {
  const durations = (spec: FlowSpec) => {
    const c = stitch(flowEvents({ duration: 500, hostDuration: 501, ...spec }));
    return { client: c.durationSeconds, host: c.hostDurationSeconds, endedAt: c.endedAt?.getTime(), clientIp: c.clientIp, hostIp: c.hostIp };
  };

  it("by user when the host has another owner, even if the host disconnects first", () => {
    expect(durations({ hostDisconnectOffsetMs: -800 })).toMatchObject({ client: 500, host: 501, endedAt: START + 5_000 + 500_000 });
  });

  it("by perspective on a shared computer whose host events carry the connecting user's id", () => {
    const r = durations({ hostUserId: 0, hostDisconnectOffsetMs: -800, hostDuration: 499 });
    // The host's disconnect came first and with the shorter duration: only ip/os/app version tell.
    expect(r).toMatchObject({ client: 500, host: 499, endedAt: START + 5_000 + 500_000 });
    const c = stitch(flowEvents({ hostUserId: 0 }));
    expect(c).toMatchObject({ hostUserId: 0, hostIsShared: true, clientUserId: 1001 });
  });

  it("by perspective when connecting to one's own computer", () => {
    const r = durations({ clientUserId: 7, hostUserId: 7, hostDisconnectOffsetMs: -300, hostDuration: 498 });
    expect(r).toMatchObject({ client: 500, host: 498 });
    expect(stitch(flowEvents({ clientUserId: 7, hostUserId: 7 })).connectingToSelf).toBe(true);
  });

  it("by the shorter duration when both sides look alike", () => {
    const same = { clientDevice: CLIENT_DEVICE, hostDevice: CLIENT_DEVICE, hostUserId: 0 };
    expect(durations({ ...same, hostDisconnectOffsetMs: -500 })).toMatchObject({ client: 500, host: 501 });
  });

  it("a lone disconnect recorded by the host's owner is the host's", () => {
    const c = stitch(flowEvents({ omit: ["clientDisconnect"], duration: 30, hostDuration: 31 }));
    expect(c).toMatchObject({ durationSeconds: 31, hostDurationSeconds: 31, disconnectExitCode: 0, hostDisconnectExitCode: 0 });
  });

  it("notes attempt-wide fields the two sides report differently", () => {
    const events = flowEvents().map((e) => (e.name === "p2p_host_complete" ? { ...e, hostComputerName: "render-01 (renamed)" } : e));
    const c = stitch(events);
    expect(c.hostComputerName).toBe("render-01 🎬");
    expect(JSON.parse(c.disagreements!)).toEqual({ hostComputerName: { client: "render-01 🎬", host: "render-01 (renamed)" } });
  });
});

describe("stitchConnection: order and duplicates", () => {
  it("gives the same row for reordered and repeated events", () => {
    const events = flowEvents({ hostUserId: 0, duration: 70, hostDuration: 71, hostDisconnectOffsetMs: -200 });
    const expected = stitch(events);
    expect(stitch([...events].reverse())).toEqual(expected);
    expect(stitch([...events, ...events.slice(2), events[0]!])).toEqual(expected);
  });

  it("refuses an attempt without events", () => {
    expect(() => stitch([])).toThrow(/no events/);
  });
});

/** Flows as the simulator makes them: owners or shared computers, self-connections, failures, lost events. */
const flowSpec: fc.Arbitrary<FlowSpec> = fc.record({
  clientUserId: fc.constantFrom(11, 12),
  hostUserId: fc.constantFrom(0, 11, 12, 13),
  failure: fc.constantFrom(0, 0, 0, -6023, 112, 8, 4),
  hostFailure: fc.option(fc.constantFrom(0, -6024, -15000), { nil: undefined }),
  duration: fc.integer({ min: 0, max: 60_000 }),
  hostDuration: fc.option(fc.integer({ min: 0, max: 60_001 }), { nil: undefined }),
  hostDisconnectOffsetMs: fc.integer({ min: -800, max: 1500 }),
  hostDevice: fc.constantFrom(HOST_DEVICE, CLIENT_DEVICE),
  omit: fc.subarray<FlowStepName>(["offer", "relayed", "clientComplete", "hostComplete", "clientDisconnect", "hostDisconnect"], {
    maxLength: 5,
  }),
});

describe("stitchConnection: properties", () => {
  it("any shuffling, repetition or subset order of an attempt's events gives the same connection", () => {
    fc.assert(
      fc.property(
        flowSpec.filter((spec) => (spec.omit?.length ?? 0) < 5),
        fc.infiniteStream(fc.nat()),
        fc.array(fc.nat(), { maxLength: 6 }),
        (spec, randomness, repeats) => {
          const events = flowEvents(spec);
          fc.pre(events.length > 0);
          const expected = stitch(events);
          const shuffled = [...events].sort(() => (randomness.next().value % 3) - 1);
          const repeated = [...shuffled, ...repeats.map((i) => events[i % events.length]!)];
          expect(stitch(repeated)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
