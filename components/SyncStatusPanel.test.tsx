import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { describeClockDifference } from "@/lib/parsec/parsecClock";
import type { SyncRunView } from "@/lib/sync/getSyncStatus";
import type { LiveSyncStatus } from "@/lib/sync/liveSyncStatus";
import { estimateRemaining, type SyncProgress } from "@/lib/sync/syncProgress";
import type { Locale } from "@/lib/i18n/locales";
import { CATALOGUES } from "@/i18n/catalogues";
import { SyncStatusPanel } from "./SyncStatusPanel";

const status = (offsetMs: number | null): LiveSyncStatus => ({
  eventsStored: 12345,
  quarantined: 0,
  coveredUntil: "2026-12-01T00:00:00.000Z",
  historyStartsAt: null,
  backfillDone: true,
  clock: offsetMs === null ? null : { offsetMs, readAt: "2026-12-01T00:00:00.000Z", difference: describeClockDifference(offsetMs) },
  running: null,
  runs: [],
  readAt: "2026-12-01T00:00:00.000Z",
  next: { kind: "off" },
});

const render = (node: ReactNode, locale: Locale = "en") =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={CATALOGUES[locale]} timeZone="UTC">
      {node}
    </NextIntlClientProvider>,
  );

describe("the overview's sync panel", () => {
  it("warns when this machine's clock is more than a minute off Parsec's, saying which way and how far", () => {
    expect(render(<SyncStatusPanel status={status(-9 * 3_600_000)} intervalSeconds={300} />)).toContain(
      "This machine&#x27;s clock is 9h 00m ahead of Parsec&#x27;s.",
    );
    expect(render(<SyncStatusPanel status={status(90 * 60_000)} intervalSeconds={300} />, "ja")).toContain(
      "このマシンの時計は Parsec より 1時間30分遅れています。",
    );
  });

  it("says nothing within a minute, or before any answer was read", () => {
    for (const offset of [45_000, -59_000, null]) {
      expect(render(<SyncStatusPanel status={status(offset)} intervalSeconds={300} />)).not.toContain("clock-difference");
    }
  });

  it("writes counts, times and intervals the reader's language's way", () => {
    const en = render(<SyncStatusPanel status={status(null)} intervalSeconds={300} />);
    expect(en).toContain("12,345");
    expect(en).toContain("complete up to <time");
    expect(en).toContain(">2026-12-01 00:00:00 UTC</time>");
    expect(en).toContain("runs every 5m 00s");
    const ja = render(<SyncStatusPanel status={status(null)} intervalSeconds={300} />, "ja");
    expect(ja).toContain(">2026/12/01 00:00:00 UTC</time> まで取得済み");
    expect(ja).toContain("5分00秒ごとに実行");
    expect(ja).not.toMatch(/complete up to|runs every|Events stored/);
  });

  it("says how long ago the last sync finished and when the next one is due, counted from when the state was read", () => {
    const finished: SyncRunView = {
      id: 3,
      kind: "sync",
      trigger: "schedule",
      mode: "incremental",
      status: "succeeded",
      startedAt: "2026-12-01T00:00:00.000Z",
      finishedAt: "2026-12-01T00:00:05.000Z",
      pages: 1,
      fetched: 1,
      inserted: 1,
      updated: 0,
      quarantined: 0,
      error: null,
      errorKind: null,
      progress: null,
    };
    const at = (next: LiveSyncStatus["next"]): LiveSyncStatus => ({ ...status(null), runs: [finished], readAt: "2026-12-01T00:03:05.000Z", next });
    const due = { kind: "at", at: "2026-12-01T00:05:05.000Z", inMs: 120_000 } as const;
    const en = render(<SyncStatusPanel status={at(due)} intervalSeconds={300} />);
    expect(en).toContain("finished 3 minutes ago");
    expect(en).toContain("1 new of 1 fetched in 1 page");
    expect(en).toMatch(/next run in 2 minutes \(<time[^>]*>2026-12-01 00:05:05 UTC<\/time>\)/);
    const ja = render(<SyncStatusPanel status={at(due)} intervalSeconds={300} />, "ja");
    expect(ja).toContain("3 分前に終了");
    expect(ja).toMatch(/次回の実行: 2 分後 \(<time[^>]*>2026\/12\/01 00:05:05 UTC<\/time>\)/);
    expect(render(<SyncStatusPanel status={at({ kind: "afterRun", intervalMs: 300_000 })} intervalSeconds={300} />, "ja")).toContain(
      "次回の実行: この同期の終了から5分00秒後",
    );
    expect(render(<SyncStatusPanel status={at({ kind: "due" })} intervalSeconds={300} />)).toContain("next run due now");
    expect(render(<SyncStatusPanel status={at({ kind: "off" })} intervalSeconds={0} />)).not.toContain("next-sync");
  });

  it("says why the last sync failed in the reader's language, with the run's own message folded beneath", () => {
    const failed = (errorKind: SyncRunView["errorKind"]): LiveSyncStatus => ({
      ...status(null),
      runs: [
        {
          id: 4,
          kind: "sync",
          trigger: "schedule",
          mode: "incremental",
          status: "failed",
          startedAt: "2026-12-01T00:00:00.000Z",
          finishedAt: "2026-12-01T00:00:01.000Z",
          pages: 0,
          fetched: 0,
          inserted: 0,
          updated: 0,
          quarantined: 0,
          error: "The API key lacks the Access Audit Log permission (403 Forbidden).",
          errorKind,
          progress: null,
        },
      ],
      readAt: "2026-12-01T00:03:05.000Z",
      next: { kind: "off" },
    });
    const ja = render(<SyncStatusPanel status={failed("permission")} intervalSeconds={0} />, "ja");
    expect(ja).toContain("API キーに監査ログを読む権限がありません (403)。");
    expect(ja).toMatch(
      /<details[^>]*><summary>詳細<\/summary><span lang="en">The API key lacks the Access Audit Log permission \(403 Forbidden\)\.<\/span><\/details>/,
    );
    const en = render(<SyncStatusPanel status={failed("permission")} intervalSeconds={0} />);
    expect(en).toContain("The API key may not read the audit log (403): the team owner must give it the Access Audit Log permission");
    // A failure of no kind we name has only its message, marked as English.
    expect(render(<SyncStatusPanel status={failed(null)} intervalSeconds={0} />, "ja")).toContain(
      '<span lang="en">The API key lacks the Access Audit Log permission (403 Forbidden).</span>',
    );
  });

  it("says a running sync's estimate, its absence and its waits in the reader's language", () => {
    const progress = (over: Partial<SyncProgress>): SyncProgress => ({
      mode: "backfill",
      pages: 3,
      events: 300,
      window: { startAt: null, endAt: "2026-12-01T00:00:00.000Z" },
      oldestSeen: null,
      newestSeen: null,
      order: "unknown",
      eventsPerSecond: null,
      quotaCeilingPerHour: null,
      estimate: null,
      noEstimate: null,
      waiting: null,
      updatedAt: "2026-12-01T00:00:00.000Z",
      ...over,
    });
    const running = (p: SyncProgress): LiveSyncStatus => ({
      ...status(null),
      running: { id: 7, kind: "sync", status: "running", mode: "backfill", progress: p } as unknown as SyncRunView,
    });
    const pass = {
      startAt: "2026-11-01T00:00:00.000Z",
      endAt: "2026-12-01T00:00:00.000Z",
      events: 300,
      oldestAt: new Date("2026-11-16T00:00:00Z"),
      newestAt: new Date("2026-12-01T00:00:00Z"),
    };
    const estimated = estimateRemaining({ pass, order: "newest-first", historyStartsAt: null, pageSize: 100, quota: null, msPerPage: 1000 });
    const noOrder = estimateRemaining({ pass, order: "mixed", historyStartsAt: null, pageSize: 100, quota: null, msPerPage: null });
    const ja = [
      render(<SyncStatusPanel status={running(progress(estimated))} intervalSeconds={300} />, "ja"),
      render(<SyncStatusPanel status={running(progress(noOrder))} intervalSeconds={300} />, "ja"),
      render(
        <SyncStatusPanel
          status={running(progress({ noEstimate: "measuring…", waiting: { reason: "quota", until: "2026-12-01T00:05:00.000Z", detail: "quota used up" } }))}
          intervalSeconds={300}
        />,
        "ja",
      ),
    ].join("\n");
    expect(ja).toContain("期間の 50% を取得済み");
    expect(ja).toContain("残り時間: ページが時刻順に届いていません");
    expect(ja).toContain("残り時間: 計測中…");
    expect(ja).toMatch(/2026\/12\/01 00:05:00 UTC<\/time> まで待機中 \(残り 5分00秒\): API の利用上限に達しました/);
    expect(ja).not.toMatch(/time window walked|pages do not come|measuring|quota used up/);
    // The stored sentence of a version that named no reason is still shown.
    expect(render(<SyncStatusPanel status={running(progress({ noEstimate: "some older reason" }))} intervalSeconds={300} />, "ja")).toContain(
      "some older reason",
    );
  });
});
