import { useTranslations } from "next-intl";
import type { RetentionOverview } from "@/lib/retention/retentionOverview";
import { LocalTime } from "./LocalTime";

/** The overview's account of the retention policy: what it deletes, and what its last run did. */
export function RetentionPanel({ retention }: { retention: RetentionOverview }) {
  const t = useTranslations("Retention");
  const { policy, lastRun, destinations } = retention;
  return (
    <section className="cards" aria-label={t("label")}>
      <div className={`card card--wide${lastRun?.error ? " card--warn" : ""}`} data-testid="retention">
        <div className="card__label">{t("label")}</div>
        {policy ? (
          <>
            <div className="card__note">{t("policy", { days: policy.eventDays })}</div>
            {destinations > 0 && <div className="card__note">{policy.ignoreUndelivered ? t("ignoresDestinations") : t("waitsForDestinations")}</div>}
            <div className="card__note">{policy.rollupDays === null ? t("rollupsKept") : t("rollupDays", { days: policy.rollupDays })}</div>
            {lastRun ? (
              <>
                <div className="card__note">
                  {t.rich("lastRun", {
                    time: () => <LocalTime iso={lastRun.finishedAt} />,
                    events: lastRun.events,
                    connections: lastRun.connections,
                    quarantined: lastRun.quarantined,
                    rollups: lastRun.rollups,
                  })}
                </div>
                {lastRun.heldUndelivered > 0 && <div className="card__note">{t("held", { count: lastRun.heldUndelivered })}</div>}
                {lastRun.error && <div className="card__note">{t("stopped", { error: lastRun.error })}</div>}
              </>
            ) : (
              <div className="card__note">{t("notRunYet")}</div>
            )}
          </>
        ) : (
          <div className="card__note">{t("keepAll")}</div>
        )}
      </div>
    </section>
  );
}
