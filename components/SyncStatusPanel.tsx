import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { LiveSyncStatus } from "@/lib/sync/liveSyncStatus";
import { noEstimateReason } from "@/lib/sync/syncProgress";
import { SyncErrorText } from "./SyncErrorText";
import { formatSeconds } from "@/lib/i18n/dateTime";
import { LocalTime } from "./LocalTime";

// Shown rounded up: a wait or an estimate is never understated.
const secondsOf = (ms: number) => Math.ceil(ms / 1000);

export function SyncStatusPanel({ status, intervalSeconds }: { status: LiveSyncStatus; intervalSeconds: number }) {
  const t = useTranslations("SyncStatus");
  const runs = useTranslations("Runs");
  const format = useFormatter();
  const locale = useLocale();
  const last = status.runs.find((run) => run.kind === "sync" && run.status !== "running") ?? null;
  const running = status.running;
  const progress = running?.progress ?? null;
  const clock = status.clock;
  const noEstimateText = (text: string | null) => {
    const reason = text === null ? null : noEstimateReason(text);
    if (reason === null) return text ?? t("unknown");
    return t("noEstimate", { reason });
  };
  const clockAmount = (offsetMs: number) => formatSeconds(Math.round(Math.abs(offsetMs) / 60_000) * 60, locale);
  // Relative to when the snapshot was read, so that the server's render and the browser's agree.
  const readAt = Date.parse(status.readAt);
  const relative = (iso: string) => format.relativeTime(Date.parse(iso), readAt);
  // At least a second ago: a run that ended within the second would read "now" ("今に終了").
  const ago = (iso: string) => format.relativeTime(Math.min(Date.parse(iso), readAt - 1_000), readAt);
  const next = status.next;
  return (
    <section className="cards" aria-label={t("label")}>
      <div className="card">
        <div className="card__label">{t("eventsStored")}</div>
        <div className="card__value" data-testid="events-stored">
          {format.number(status.eventsStored)}
        </div>
        <div className="card__note">
          {status.coveredUntil ? t.rich("completeUpTo", { time: () => <LocalTime iso={status.coveredUntil!} /> }) : t("backfillNotFinished")}
        </div>
      </div>
      <div className={`card${status.quarantined > 0 ? " card--warn" : ""}`}>
        <div className="card__label">{t("quarantined")}</div>
        <div className="card__value" data-testid="quarantined">
          {format.number(status.quarantined)}
        </div>
        <div className="card__note">{status.quarantined > 0 ? t("quarantinedSome") : t("quarantinedNone")}</div>
      </div>
      <div className={`card${last?.status === "failed" ? " card--error" : ""}`}>
        <div className="card__label">{t("lastSync")}</div>
        {last ? (
          <>
            <div className="card__value card__value--small">
              <span className={`badge badge--${last.status}`}>{runs("statusValue", { status: last.status })}</span>{" "}
              <LocalTime iso={last.finishedAt ?? last.startedAt} />
            </div>
            <div className="card__note" data-testid="last-sync-ago">
              {t("finishedAgo", { ago: ago(last.finishedAt ?? last.startedAt) })}
            </div>
            <div className="card__note">
              {last.error !== null ? (
                <SyncErrorText error={last.error} kind={last.errorKind} />
              ) : (
                t("lastSyncCounts", { inserted: last.inserted, fetched: last.fetched, pages: last.pages })
              )}
            </div>
          </>
        ) : (
          <div className="card__note">{t("noSyncYet")}</div>
        )}
        <div className="card__note">{intervalSeconds > 0 ? t("runsEvery", { interval: formatSeconds(intervalSeconds, locale) }) : t("backgroundOff")}</div>
        {next.kind !== "off" && (
          <div className="card__note" data-testid="next-sync">
            {next.kind === "at"
              ? t.rich("nextAt", { in: relative(next.at), time: () => <LocalTime iso={next.at} /> })
              : next.kind === "afterRun"
                ? t("nextAfterRun", { interval: formatSeconds(secondsOf(next.intervalMs), locale) })
                : t("nextDue")}
          </div>
        )}
      </div>
      {clock?.difference && (
        <div className="card card--wide card--warn" data-testid="clock-difference" role="status">
          <div className="card__label">{t("clockDifference")}</div>
          <div className="card__note">
            {/* offset = Parsec's clock minus ours: a negative one means this machine is ahead. */}
            {clock.offsetMs < 0 ? t("clockAhead", { amount: clockAmount(clock.offsetMs) }) : t("clockBehind", { amount: clockAmount(clock.offsetMs) })}
          </div>
        </div>
      )}
      {running && (
        <div className="card card--wide" data-testid="sync-running">
          <div className="card__label">{t("running", { mode: running.mode ?? "starting" })}</div>
          {progress ? (
            <>
              <div className="card__value card__value--small">
                {t("progress", { events: progress.events, pages: progress.pages })}
                {progress.eventsPerSecond !== null && t("rate", { rate: progress.eventsPerSecond })}
              </div>
              {progress.estimate ? (
                <div className="card__note">
                  {t("estimate", {
                    events: progress.estimate.remainingEvents,
                    duration: formatSeconds(secondsOf(progress.estimate.remainingMs), locale),
                    basis: progress.estimate.sharePercent === undefined ? progress.estimate.basis : t("basis", { percent: progress.estimate.sharePercent }),
                  })}
                </div>
              ) : (
                <div className="card__note">{t("timeLeft", { reason: noEstimateText(progress.noEstimate) })}</div>
              )}
              {progress.quotaCeilingPerHour !== null && <div className="card__note">{t("quotaCeiling", { events: progress.quotaCeilingPerHour })}</div>}
              {progress.waiting && (
                <div className="card__note">
                  {t.rich("waiting", {
                    // ICU's select keys are words: "rate-limited" is said as rateLimited.
                    reason: progress.waiting.reason === "rate-limited" ? "rateLimited" : progress.waiting.reason,
                    until: () => <LocalTime iso={progress.waiting!.until} />,
                    left: formatSeconds(Math.max(0, secondsOf(Date.parse(progress.waiting.until) - readAt)), locale),
                  })}
                </div>
              )}
            </>
          ) : (
            <div className="card__note">{t("starting")}</div>
          )}
        </div>
      )}
    </section>
  );
}
