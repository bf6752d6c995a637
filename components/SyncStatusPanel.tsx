import type { SyncStatus } from "@/lib/sync/getSyncStatus";
import { formatDuration } from "@/lib/parsec/formatDuration";
import { LocalTime } from "./LocalTime";

const number = new Intl.NumberFormat("en");

export function SyncStatusPanel({ status, intervalSeconds }: { status: SyncStatus; intervalSeconds: number }) {
  const last = status.runs.find((run) => run.kind === "sync" && run.status !== "running") ?? null;
  const running = status.running;
  const progress = running?.progress ?? null;
  return (
    <section className="cards" aria-label="Sync state">
      <div className="card">
        <div className="card__label">Events stored</div>
        <div className="card__value" data-testid="events-stored">
          {number.format(status.eventsStored)}
        </div>
        <div className="card__note">
          {status.coveredUntil ? (
            <>
              complete up to <LocalTime iso={status.coveredUntil} />
            </>
          ) : (
            "first backfill not finished yet"
          )}
        </div>
      </div>
      <div className={`card${status.quarantined > 0 ? " card--warn" : ""}`}>
        <div className="card__label">Quarantined</div>
        <div className="card__value" data-testid="quarantined">
          {number.format(status.quarantined)}
        </div>
        <div className="card__note">{status.quarantined > 0 ? "events that failed validation, kept with the reason" : "every event passed validation"}</div>
      </div>
      <div className={`card${last?.status === "failed" ? " card--error" : ""}`}>
        <div className="card__label">Last sync</div>
        {last ? (
          <>
            <div className="card__value card__value--small">
              <span className={`badge badge--${last.status}`}>{last.status}</span> <LocalTime iso={last.finishedAt ?? last.startedAt} />
            </div>
            <div className="card__note">
              {last.error ?? `${number.format(last.inserted)} new of ${number.format(last.fetched)} fetched in ${last.pages} pages`}
            </div>
          </>
        ) : (
          <div className="card__note">no sync has finished yet</div>
        )}
        <div className="card__note">{intervalSeconds > 0 ? `runs every ${formatDuration(intervalSeconds * 1000)}` : "background sync is off"}</div>
      </div>
      {status.clock?.difference && (
        <div className="card card--wide card--warn" data-testid="clock-difference" role="status">
          <div className="card__label">Clock difference</div>
          <div className="card__note">{status.clock.difference}</div>
        </div>
      )}
      {running && (
        <div className="card card--wide" data-testid="sync-running">
          <div className="card__label">Sync running ({running.mode ?? "starting"})</div>
          {progress ? (
            <>
              <div className="card__value card__value--small">
                {number.format(progress.events)} events in {number.format(progress.pages)} pages
                {progress.eventsPerSecond !== null && ` · ${number.format(progress.eventsPerSecond)} events/s`}
              </div>
              {progress.estimate ? (
                <div className="card__note">
                  about {number.format(progress.estimate.remainingEvents)} events and {formatDuration(progress.estimate.remainingMs)} left (estimate:{" "}
                  {progress.estimate.basis})
                </div>
              ) : (
                <div className="card__note">time left: {progress.noEstimate ?? "unknown"}</div>
              )}
              {progress.quotaCeilingPerHour !== null && (
                <div className="card__note">the API quota allows at most {number.format(progress.quotaCeilingPerHour)} events an hour</div>
              )}
              {progress.waiting && <div className="card__note">{progress.waiting.detail}</div>}
            </>
          ) : (
            <div className="card__note">starting…</div>
          )}
        </div>
      )}
    </section>
  );
}
