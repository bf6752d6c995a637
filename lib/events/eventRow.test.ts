import { describe, expect, it } from "vitest";
import { toEventRow, toParsecEvent } from "./eventRow";

// The documented example event, verbatim (../shared/parsec-api.md).
const documentedExample = {
  id: "1sn61hB1dYM1IWxTuJynYdzbwNs",
  name: "team_create",
  timestamp: "2021-05-20T07:29:52.049Z",
  user_id: 6181803,
  team_id: "1sn61992rNstjlDoJWnFXRRkxPZ",
  data: {
    app_version: "",
    client_peer_id: "1rjwCb437qXsFaHsR49UNnYJQYt",
    client_type: "",
    host_peer_id: "1rjwCVNMenFvGDzavBH8rnym2h6",
    ip: "150.249.249.19",
    os: "macos",
    team_id: "1sn61992rNstjlDoJWnFXRRkxPZ",
    team_name: "cm",
    team_seats: 5,
  },
  user_email: "mori.ryosuke@classmethod.jp",
};

const connectionEvent = {
  id: "2AbCdEfGhIjKlMnOpQrStUvWxYz",
  name: "client_disconnect",
  timestamp: "2026-11-20T01:02:03.123456Z",
  user_id: 42,
  team_id: "1sn61992rNstjlDoJWnFXRRkxPZ",
  data: {
    app_version: "150-78",
    attempt_id: "000e7777-576639b2-a60ec436-e4736baa-84546301-027ac414",
    client_computer_name: "山田のMacBook",
    client_peer_id: "peerC",
    client_user_id: 42,
    connecting_to_self: false,
    duration: 4,
    exit_code: "-6023",
    host_computer_name: "レンダリング-01",
    host_is_shared_team_computer: true,
    host_is_team_computer: true,
    host_peer_id: "peerH",
    host_user_id: 0,
    ip: "203.0.113.7",
    os: "Windows",
    os_version: "10",
    platform: "windows",
    something_new: { nested: [1, 2, 3] },
  },
  region: "ap-northeast-1",
};

describe("toEventRow", () => {
  it("accepts the documented example and keeps every field", () => {
    const result = toEventRow(documentedExample);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row.timestamp).toBe("2021-05-20T07:29:52.049Z");
    expect(result.row.occurredAt.toISOString()).toBe("2021-05-20T07:29:52.049Z");
    expect(result.row.userEmail).toBe("mori.ryosuke@classmethod.jp");
    expect(result.row.ip).toBe("150.249.249.19");
    expect(result.row.hostPeerId).toBe("1rjwCVNMenFvGDzavBH8rnym2h6");
    expect(result.row.extra).toBeNull();
    expect(toParsecEvent(result.row)).toStrictEqual(documentedExample);
  });

  it("pulls connection fields into columns leniently and keeps unknown fields and Unicode", () => {
    const result = toEventRow(connectionEvent);
    if (!result.ok) throw new Error(result.reason);
    expect(result.row).toMatchObject({
      attemptId: "000e7777-576639b2-a60ec436-e4736baa-84546301-027ac414",
      exitCode: -6023, // a numeric string still reaches the indexed column
      duration: 4,
      hostComputerName: "レンダリング-01",
      clientComputerName: "山田のMacBook",
      hostUserId: 0,
      clientUserId: 42,
      platform: "windows",
      userEmail: null,
    });
    expect(JSON.parse(result.row.extra!)).toEqual({ region: "ap-northeast-1" });
    // Round trip: same meaning, the original timestamp string with its microseconds.
    expect(toParsecEvent(result.row)).toStrictEqual(connectionEvent);
  });

  it("leaves odd data values to the JSON instead of rejecting the event", () => {
    const result = toEventRow({ ...connectionEvent, data: { exit_code: "n/a", duration: null, host_user_id: 2 ** 40 } });
    if (!result.ok) throw new Error(result.reason);
    expect(result.row).toMatchObject({ exitCode: null, duration: null, hostUserId: null });
  });

  it.each([
    [{ ...documentedExample, id: undefined }, /^id: /],
    [{ ...documentedExample, timestamp: "yesterday" }, /^timestamp: /],
    [{ ...documentedExample, user_id: "6181803" }, /^user_id: /],
    [{ ...documentedExample, data: "{}" }, /^data: /],
    ["not an event", /^event: /],
  ])("rejects an invalid event with a reason naming the field (%#)", (raw, reason) => {
    const result = toEventRow(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
  });

  it("keeps the id of a rejected event when it has one", () => {
    const result = toEventRow({ ...documentedExample, timestamp: "yesterday" });
    expect(result).toMatchObject({ ok: false, eventId: "1sn61hB1dYM1IWxTuJynYdzbwNs" });
  });
});
