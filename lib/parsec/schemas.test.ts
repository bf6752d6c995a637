import { describe, expect, it } from "vitest";
import { errorBodySchema, eventsPageSchema, eventsQuerySchema, parsecEventSchema } from "./schemas";

// Verbatim from shared/parsec-api.md ("The documented example, verbatim values").
const documentedExample = JSON.parse(`{
  "id": "1sn61hB1dYM1IWxTuJynYdzbwNs",
  "name": "team_create",
  "timestamp": "2021-05-20T07:29:52.049Z",
  "user_id": 6181803,
  "team_id": "1sn61992rNstjlDoJWnFXRRkxPZ",
  "data": {
    "app_version": "",
    "client_peer_id": "1rjwCb437qXsFaHsR49UNnYJQYt",
    "client_type": "",
    "host_peer_id": "1rjwCVNMenFvGDzavBH8rnym2h6",
    "ip": "150.249.249.19",
    "os": "macos",
    "team_id": "1sn61992rNstjlDoJWnFXRRkxPZ",
    "team_name": "cm",
    "team_seats": 5
  },
  "user_email": "mori.ryosuke@classmethod.jp"
}`) as Record<string, unknown>;

/** "path: message" for each issue, to assert that failures say what is wrong and where. */
function issuesOf(value: unknown): string[] {
  const result = parsecEventSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("parsecEventSchema", () => {
  it("accepts the documented example and keeps every value as sent", () => {
    const parsed = parsecEventSchema.parse(documentedExample);
    expect(parsed).toEqual(documentedExample);
    expect(parsed.timestamp).toBe("2021-05-20T07:29:52.049Z");
  });

  it("accepts what the documentation allows", () => {
    const { user_email: _omitted, ...withoutEmail } = documentedExample;
    expect(issuesOf(withoutEmail)).toEqual([]);
    expect(issuesOf({ ...documentedExample, user_email: null })).toEqual([]);
    // More than three fractional digits are legal RFC 3339, and so is an offset.
    expect(issuesOf({ ...documentedExample, timestamp: "2021-05-20T07:29:52.049123456Z" })).toEqual([]);
    expect(issuesOf({ ...documentedExample, timestamp: "2021-05-20T16:29:52+09:00" })).toEqual([]);
    expect(issuesOf({ ...documentedExample, data: {} })).toEqual([]);
  });

  it("keeps undocumented top-level fields", () => {
    const parsed = parsecEventSchema.parse({ ...documentedExample, region: "ap-northeast-1" });
    expect((parsed as Record<string, unknown>).region).toBe("ap-northeast-1");
  });

  it("rejects events missing required fields, naming each", () => {
    const { id: _id, timestamp: _ts, ...rest } = documentedExample;
    const issues = issuesOf(rest);
    expect(issues).toHaveLength(2);
    expect(issues.some((i) => i.startsWith("id:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("timestamp:"))).toBe(true);
  });

  it("rejects a timestamp that is not RFC 3339 with a zone", () => {
    for (const timestamp of ["2021-05-20 07:29:52", "2021-05-20T07:29:52.049", "yesterday", 1621495792049]) {
      const issues = issuesOf({ ...documentedExample, timestamp });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatch(/^timestamp: /);
    }
  });

  it("rejects a user_id that is not an integer", () => {
    expect(issuesOf({ ...documentedExample, user_id: "6181803" })).toEqual([expect.stringMatching(/^user_id: .*number/i)]);
    expect(issuesOf({ ...documentedExample, user_id: 1.5 })).toEqual([expect.stringMatching(/^user_id: .*int/i)]);
  });

  it("rejects data that is not an object, and empty names", () => {
    expect(issuesOf({ ...documentedExample, data: null })).toEqual([expect.stringMatching(/^data: /)]);
    expect(issuesOf({ ...documentedExample, data: [1, 2] })).toEqual([expect.stringMatching(/^data: /)]);
    expect(issuesOf({ ...documentedExample, name: "" })).toEqual([expect.stringMatching(/^name: /)]);
  });

  it("rejects things that are not events at all", () => {
    expect(issuesOf(null)).toHaveLength(1);
    expect(issuesOf("1sn61hB1dYM1IWxTuJynYdzbwNs")).toHaveLength(1);
  });
});

describe("eventsPageSchema", () => {
  it("parses the envelope without judging the events", () => {
    const page = eventsPageSchema.parse({ data: [documentedExample, { nonsense: true }], next_cursor: "" });
    expect(page.data).toHaveLength(2);
    expect(page.next_cursor).toBe("");
    expect(eventsPageSchema.parse({ data: [] }).next_cursor).toBeUndefined();
  });

  it("rejects a body that is not an events page", () => {
    expect(eventsPageSchema.safeParse({ events: [] }).success).toBe(false);
    expect(eventsPageSchema.safeParse({ data: null }).success).toBe(false);
    expect(eventsPageSchema.safeParse({ data: [], next_cursor: 5 }).success).toBe(false);
  });
});

describe("errorBodySchema and eventsQuerySchema", () => {
  it("reads Parsec's error body", () => {
    expect(errorBodySchema.parse({ message: "Unauthorized" })).toEqual({ message: "Unauthorized" });
  });

  it("enforces the documented limit range", () => {
    expect(eventsQuerySchema.safeParse({ limit: 1 }).success).toBe(true);
    expect(eventsQuerySchema.safeParse({ limit: 1000 }).success).toBe(true);
    expect(eventsQuerySchema.safeParse({ limit: 0 }).success).toBe(false);
    expect(eventsQuerySchema.safeParse({ limit: 1001 }).success).toBe(false);
  });
});
