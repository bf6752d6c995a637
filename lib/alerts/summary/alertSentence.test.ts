import { describe, expect, it } from "vitest";
import { formatWeekdays } from "../../i18n/dateTime";
import type { AlertFacts } from "./alertFacts";
import { storedFacts } from "./alertFacts";
import { sentenceText } from "../../i18n/sentenceParts";
import { alertSentence, notificationSummary, storedAlertSentence } from "./alertSentence";

const AT = "2026-06-02T01:00:00.000Z"; // 10:00 in Tokyo
const mori = { id: 7, email: "mori@example.jp" };

/** Each kind's facts, and its sentence in English (UTC) and in Japanese (Asia/Tokyo). */
const CASES: [AlertFacts, string, string][] = [
  [
    { kind: "event", name: "team_api_key_create", actor: mori, at: AT, host: null },
    "team_api_key_create by mori@example.jp (user 7) at 2026-06-02 01:00:00 UTC.",
    "mori@example.jp（ユーザー 7） による team_api_key_create（2026/06/02 10:00:00）。",
  ],
  [
    { kind: "event", name: "conn_client_offer", actor: { id: 8, email: null }, at: AT, host: "会議室PC" },
    "conn_client_offer by user 8 at 2026-06-02 01:00:00 UTC on 会議室PC.",
    "ユーザー 8 による conn_client_offer（2026/06/02 10:00:00、会議室PC）。",
  ],
  [
    {
      kind: "schedule",
      name: "conn_client_offer",
      actor: mori,
      at: "2026-06-01T18:12:00.000Z",
      zone: "Asia/Tokyo",
      days: ["mon", "tue", "wed", "thu", "fri"],
      from: "09:00",
      to: "19:00",
    },
    "conn_client_offer by mori@example.jp (user 7) at Tue 2 Jun 03:12 (Asia/Tokyo), outside the working hours (Mon–Fri 09:00-19:00).",
    "mori@example.jp（ユーザー 7） による conn_client_offer が勤務時間外（Asia/Tokyo の 6月2日(火) 03:12、勤務時間は 月〜金 09:00〜19:00）に行われました。",
  ],
  [
    { kind: "schedule", name: "conn_client_offer", actor: mori, at: AT, zone: "UTC", days: [], from: "09:00", to: "19:00" },
    "conn_client_offer by mori@example.jp (user 7) at Tue 2 Jun 01:00 (UTC), outside the working hours (no working days).",
    "mori@example.jp（ユーザー 7） による conn_client_offer が勤務時間外（UTC の 6月2日(火) 01:00、勤務時間は 設定なし）に行われました。",
  ],
  [
    { kind: "threshold", count: 12, groupBy: "host", group: "render-01", windowMinutes: 15, lastAt: AT },
    "12 matching events for host render-01 within 15 minutes, the last at 2026-06-02 01:00:00 UTC.",
    "15 分以内に一致するイベントが 12 件（コンピューター render-01）、最後は 2026/06/02 10:00:00。",
  ],
  [
    { kind: "threshold", count: 1, groupBy: null, group: null, windowMinutes: 1, lastAt: AT },
    "1 matching event within 1 minute, the last at 2026-06-02 01:00:00 UTC.",
    "1 分以内に一致するイベントが 1 件、最後は 2026/06/02 10:00:00。",
  ],
  [
    { kind: "new-value", who: { user: mori }, value: "ip", seen: "203.0.113.5", lookbackDays: 90, name: "conn_client_offer", at: AT },
    "mori@example.jp (user 7) used address 203.0.113.5 for the first time in 90 days (conn_client_offer at 2026-06-02 01:00:00 UTC).",
    "mori@example.jp（ユーザー 7） が 90 日間で初めてアドレス 203.0.113.5 を使いました（2026/06/02 10:00:00 の conn_client_offer）。",
  ],
  [
    { kind: "new-value", who: { host: "render-01" }, value: "ip-prefix", seen: "126.77.3.3", lookbackDays: 1, name: "conn_client_offer", at: AT },
    "computer render-01 used the network of 126.77.3.3 for the first time in 1 day (conn_client_offer at 2026-06-02 01:00:00 UTC).",
    "コンピューター render-01 が 1 日間で初めてネットワーク 126.77.3.3 を使いました（2026/06/02 10:00:00 の conn_client_offer）。",
  ],
  [
    { kind: "sync-failing", minutes: 31, runs: 2, error: "Parsec answered 503" },
    "The sync has failed for 31 minutes (2 runs); the last error: Parsec answered 503",
    "同期が 31 分間失敗しています（2 回）。最後のエラー: Parsec answered 503",
  ],
  [
    { kind: "sync-failing", minutes: 1, runs: 1, error: null },
    "The sync has failed for 1 minute (1 run); the last error: unknown",
    "同期が 1 分間失敗しています（1 回）。最後のエラー: 不明",
  ],
  [
    { kind: "parsec-auth", error: "Parsec rejected the API key (401 Unauthorized)." },
    "The sync stopped: Parsec rejected the API key (401 Unauthorized).",
    "同期が止まりました: Parsec rejected the API key (401 Unauthorized).",
  ],
  [
    { kind: "quarantine-growing", grown: 1, total: 1200 },
    "1 more event was quarantined (1,200 in all); they failed validation and are kept with their raw JSON.",
    "隔離されたイベントが 1 件増えました（合計 1,200 件）。検証に通らなかったイベントで、元の JSON のまま保管されています。",
  ],
  [
    { kind: "clock-skew", seconds: 75, direction: "behind" },
    "This machine's clock is 75 s behind Parsec's.",
    "このマシンの時計は Parsec より 75 秒遅れています。",
  ],
  [
    {
      kind: "destination-lagging",
      lags: [
        { destination: "archive", pending: 1200, behindMinutes: 42, failingMinutes: 40, lastError: "503" },
        { destination: "hook", pending: 0, behindMinutes: 0, failingMinutes: 20, lastError: null },
        { destination: "siem", pending: 1, behindMinutes: 1, failingMinutes: null, lastError: null },
      ],
    },
    "archive is 42 minutes behind (1,200 events waiting), failing for 40 minutes: 503; hook is failing for 20 minutes: unknown error; siem is 1 minute behind (1 event waiting).",
    "archive は 42 分遅れており（1,200 件待ち）、40 分前から失敗しています: 503。hook は 20 分前から失敗しています: 不明なエラー。siem は 1 分遅れています（1 件待ち）。",
  ],
];

describe("an alert's sentence", () => {
  it.each(CASES)("is worded from its facts in each language (%j)", (facts, english, japanese) => {
    expect(sentenceText(alertSentence(facts, "en"), "en", "UTC")).toBe(english);
    expect(sentenceText(alertSentence(facts, "ja"), "ja", "Asia/Tokyo")).toBe(japanese);
  });

  it("covers every kind of facts", () => {
    const kinds = new Set(CASES.map(([facts]) => facts.kind));
    expect([...kinds].sort()).toEqual(
      ["clock-skew", "destination-lagging", "event", "new-value", "parsec-auth", "quarantine-growing", "schedule", "sync-failing", "threshold"].sort(),
    );
  });

  it("keeps the instants apart, for the page to show in its reader's zone", () => {
    const parts = alertSentence(CASES[0]![0], "ja");
    expect(parts).toEqual(["mori@example.jp（ユーザー 7） による team_api_key_create（", { time: AT }, "）。"]);
    expect(sentenceText(parts, "en", "America/New_York")).toContain("2026-06-01 21:00:00");
  });

  it("lets no value pass itself off as an instant", () => {
    const forged = alertSentence({ kind: "event", name: "x", actor: mori, at: AT, host: "\u00002020-01-01T00:00:00Z\u0000" }, "en");
    expect(forged.filter((part) => typeof part !== "string")).toEqual([{ time: AT }]);
    expect(sentenceText(forged, "en", "UTC")).toContain("on 2020-01-01T00:00:00Z.");
  });

  it("opens a notification with the rule's name, in English and UTC", () => {
    expect(notificationSummary("API key created", CASES[0]![0])).toBe(
      "API key created: team_api_key_create by mori@example.jp (user 7) at 2026-06-02 01:00:00 UTC.",
    );
  });
});

describe("a stored alert's sentence", () => {
  it("is worded from its facts, or is the English summary of a row kept before facts were", () => {
    const facts = JSON.stringify(CASES[0]![0]);
    expect(storedAlertSentence({ facts, summary: "ignored" }, "ja")).toEqual({ parts: alertSentence(CASES[0]![0], "ja"), english: false });
    expect(storedAlertSentence({ facts: null, summary: "Old rule: something." }, "ja")).toEqual({ parts: ["Old rule: something."], english: true });
  });

  it("falls back to the summary for facts that are not JSON or not of a known kind", () => {
    expect(storedFacts("{not json")).toBeNull();
    expect(storedFacts(JSON.stringify({ kind: "future-kind" }))).toBeNull();
    expect(storedFacts(JSON.stringify({ kind: "event", name: "x" }))).toBeNull();
    expect(storedAlertSentence({ facts: "[]", summary: "kept" }, "en").english).toBe(true);
  });
});

describe("weekdays", () => {
  it("are written Monday first, three or more in a row as a span", () => {
    expect(formatWeekdays(["fri", "mon", "wed", "tue", "thu"], "en")).toBe("Mon–Fri");
    expect(formatWeekdays(["mon", "wed", "sat"], "ja")).toBe("月・水・土");
    expect(formatWeekdays(["sat", "sun", "mon"], "en")).toBe("Mon, Sat, Sun");
    expect(formatWeekdays(["mon", "tue", "thu", "fri", "sat", "sun"], "ja")).toBe("月・火・木〜日");
    expect(formatWeekdays([], "en")).toBe("");
  });
});
