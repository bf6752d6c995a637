import { describe, expect, it } from "vitest";
import { sentenceText } from "../i18n/sentenceParts";
import { storedViewerAuditFacts, type ViewerAuditFacts } from "./viewerAuditFacts";
import { storedViewerAuditSentence, viewerAuditDetail, viewerAuditSentence } from "./viewerAuditSentence";

/** Each kind's facts, the English detail stored with them (UTC), and the Japanese the page shows (Tokyo). */
const CASES: [ViewerAuditFacts, string, string][] = [
  [{ kind: "sign-in", method: "password" }, "password", "パスワード"],
  [{ kind: "sign-in", method: "sso" }, "single sign-on", "シングルサインオン"],
  [
    { kind: "sign-in-refused", email: "ada@example.com", reason: "wrong-password", scope: null },
    "ada@example.com: wrong email or password",
    "ada@example.com: メールアドレスまたはパスワードが違います",
  ],
  [
    { kind: "sign-in-refused", email: "ada@example.com", reason: "rate-limit", scope: "ip" },
    "ada@example.com: refused, rate limit (ip)",
    "ada@example.com: 試行回数の制限により拒否 (接続元アドレス)",
  ],
  [
    { kind: "sso-refused", message: null },
    "single sign-on: the provider's answer did not check out",
    "シングルサインオン: プロバイダーの応答を検証できませんでした",
  ],
  [{ kind: "password-change-refused", reason: "wrong-current", scope: null }, "wrong current password", "現在のパスワードが違います"],
  [{ kind: "password-change-refused", reason: "rate-limit", scope: "account" }, "refused, rate limit (account)", "試行回数の制限により拒否 (アカウント)"],
  [{ kind: "password-reset", newAdmin: true }, "reset from the command line (new admin)", "コマンドラインからリセット (新しい管理者)"],
  [
    { kind: "admin-created", generated: true },
    "first start: one-time password printed to the server console",
    "初回起動: ワンタイムパスワードをサーバーのコンソールに表示",
  ],
  [{ kind: "sync-started", via: "api", full: true }, "POST /api/sync (full)", "POST /api/sync (全件)"],
  [{ kind: "sync-started", via: "button", full: false }, "Sync now button", "「今すぐ同期」ボタン"],
  [
    { kind: "import", file: "会議室.ndjson", format: "ndjson", received: 1200, inserted: 2, updated: 0, quarantined: 1 },
    "会議室.ndjson (ndjson): 1,200 read, 2 new, 0 updated, 1 quarantined",
    "会議室.ndjson (ndjson): 1,200 件読み込み、新規 2 件、更新 0 件、隔離 1 件",
  ],
  [{ kind: "import-refused", message: "x.json is not JSON" }, "x.json is not JSON", "x.json is not JSON"],
  [{ kind: "file", file: "parsec-events.csv" }, "parsec-events.csv", "parsec-events.csv"],
  [{ kind: "backup", events: 12, file: "/data/b.db" }, "12 events to /data/b.db", "12 件のイベントを /data/b.db へ"],
  [
    { kind: "restore", events: 12, file: "/data/b.db", replaced: 3 },
    "12 events from /data/b.db, replacing 3",
    "/data/b.db から 12 件のイベント（3 件を置き換え）",
  ],
  [{ kind: "destination", destination: "archive" }, "archive", "archive"],
  [{ kind: "integration-test", destination: "hook", error: null }, "hook: delivered", "hook: 配信しました"],
  [
    { kind: "integration-replay", destination: "hook", from: "2026-06-01T00:00:00.000Z", events: 4200 },
    "hook from 2026-06-01 00:00:00 UTC: 4,200 events",
    "hook へ 2026/06/01 09:00:00 から 4,200 件",
  ],
  [
    { kind: "rule-saved", created: true, name: "Keys", ruleKind: "event", enabled: false, definition: "{}" },
    'created rule "Keys" (event, off): {}',
    "ルール「Keys」を作成しました (event、無効): {}",
  ],
  [{ kind: "rule-switched", name: "Keys", enabled: true }, 'enabled rule "Keys"', "ルール「Keys」を有効にしました"],
  [{ kind: "rule-deleted", name: "Keys" }, 'deleted rule "Keys"', "ルール「Keys」を削除しました"],
  [
    { kind: "rule-muted", name: "Keys", until: "2026-06-02T01:00:00.000Z" },
    'muted rule "Keys" until 2026-06-02 01:00:00 UTC',
    "ルール「Keys」を 2026/06/02 10:00:00 までミュートしました",
  ],
  [{ kind: "rule-muted", name: "Keys", until: null }, 'unmuted rule "Keys"', "ルール「Keys」のミュートを解除しました"],
  [
    { kind: "channel-saved", created: false, name: "ops", type: "slack", definition: "{}" },
    'changed channel "ops" (slack): {}',
    "チャンネル「ops」を変更しました (slack): {}",
  ],
  [{ kind: "channel-deleted", name: "ops" }, 'deleted channel "ops"', "チャンネル「ops」を削除しました"],
  [{ kind: "alert-acknowledged", alert: 5 }, "acknowledged alert 5", "アラート 5 を確認済みにしました"],
  [
    { kind: "retention", events: 1500, connections: 20, quarantined: 0, rollups: 3, eventDays: 45, rollupDays: null, heldUndelivered: 7, error: "busy" },
    "deleted 1,500 events, 20 connections, 0 quarantined and 3 rollup rows (events older than 45 days, rollups kept); kept 7 not yet delivered; stopped: busy",
    "イベント 1,500 件、接続 20 件、隔離 0 件、ロールアップ 3 行を削除 (イベントは 45 日より前、ロールアップは保持)。未配信の 7 件は保持。停止: busy",
  ],
];

describe("a viewer-audit entry's detail", () => {
  it.each(CASES)("is worded from its facts in each language (%j)", (facts, english, japanese) => {
    expect(viewerAuditDetail(facts)).toBe(english);
    expect(sentenceText(viewerAuditSentence(facts, "ja"), "ja", "Asia/Tokyo")).toBe(japanese);
  });

  it("covers every kind of facts", () => {
    const kinds = [...new Set(CASES.map(([facts]) => facts.kind))].sort();
    const schemaKinds = [
      "sign-in",
      "sign-in-refused",
      "sso-refused",
      "password-change-refused",
      "password-reset",
      "admin-created",
      "sync-started",
      "import",
      "import-refused",
      "file",
      "backup",
      "restore",
      "destination",
      "integration-test",
      "integration-replay",
      "rule-saved",
      "rule-switched",
      "rule-deleted",
      "rule-muted",
      "channel-saved",
      "channel-deleted",
      "alert-acknowledged",
      "retention",
    ];
    expect(kinds).toEqual(schemaKinds.sort());
    for (const [facts] of CASES) expect(storedViewerAuditFacts(JSON.stringify(facts))).toEqual(facts);
  });

  it("lets no typed value pass itself off as an instant", () => {
    const parts = viewerAuditSentence({ kind: "rule-muted", name: "\u00002020-01-01T00:00:00Z\u0000", until: "2026-06-02T01:00:00.000Z" }, "en");
    expect(parts.filter((part) => typeof part !== "string")).toEqual([{ time: "2026-06-02T01:00:00.000Z" }]);
  });

  it("is the stored English for an entry written before facts were kept, and nothing for one without a detail", () => {
    expect(storedViewerAuditSentence({ facts: null, detail: "acknowledged alert 3" }, "ja")).toEqual({ parts: ["acknowledged alert 3"], english: true });
    expect(storedViewerAuditSentence({ facts: "{broken", detail: "kept" }, "ja")).toEqual({ parts: ["kept"], english: true });
    expect(storedViewerAuditSentence({ facts: null, detail: null }, "ja")).toBeNull();
    expect(storedViewerAuditSentence({ facts: JSON.stringify(CASES[0]![0]), detail: "password" }, "ja")).toEqual({ parts: ["パスワード"], english: false });
  });
});
