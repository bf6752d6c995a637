import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { IntegrationStatus } from "@/lib/integrations/status/integrationStatus";
import { formatSeconds } from "@/lib/i18n/dateTime";
import { CsrfField } from "../auth/CsrfField";
import { LocalTime } from "../LocalTime";

export interface IntegrationActions {
  sendTest: (data: FormData) => Promise<void>;
  setPaused: (data: FormData) => Promise<void>;
  replay: (data: FormData) => Promise<void>;
}

/** One destination: its state, its last delivery and error, and what an admin can do with it. */
export function IntegrationCard({ status, actions, csrfToken }: { status: IntegrationStatus; actions: IntegrationActions; csrfToken: string }) {
  const t = useTranslations("Integrations");
  const format = useFormatter();
  const locale = useLocale();
  const state = status.paused
    ? t("paused")
    : status.caughtUp
      ? t("caughtUp")
      : t("behind", { events: status.pending, duration: formatSeconds(Math.ceil(status.behindMs / 1000), locale) });
  const tone = status.failing ? "card--error" : status.caughtUp ? "" : "card--warn";
  return (
    <article className={`card card--wide integration ${tone}`} aria-labelledby={`integration-${status.name}`} data-testid={`integration-${status.name}`}>
      <h2 id={`integration-${status.name}`}>
        {/* The destination's name and type, as the integrations file writes them: not text to translate. */}
        <span translate="no">{status.name}</span>{" "}
        <span className="muted" translate="no">
          {status.type}
        </span>
      </h2>
      <p className="card__value--small" data-testid="integration-state">
        {state}
        {status.failing && <strong className="error-text"> · {t("failing")}</strong>}
      </p>
      <dl className="integration__facts">
        <div>
          <dt>{t("lastDelivery")}</dt>
          <dd>{status.lastDeliveryAt ? <LocalTime iso={status.lastDeliveryAt} /> : t("never")}</dd>
        </div>
        <div>
          <dt>{t("delivered")}</dt>
          <dd data-testid="integration-delivered">{format.number(status.delivered)}</dd>
        </div>
        <div>
          <dt>{t("lastError")}</dt>
          <dd data-testid="integration-error">
            {status.lastError && status.lastErrorAt ? (
              <>
                <LocalTime iso={status.lastErrorAt} /> <span className={status.failing ? "error-text" : "muted"}>{status.lastError}</span>
              </>
            ) : (
              t("noError")
            )}
          </dd>
        </div>
        {status.lastTest && (
          <div>
            <dt>{t("lastTest")}</dt>
            <dd>
              <LocalTime iso={status.lastTest.at} /> {status.lastTest.error ? <span className="error-text">{status.lastTest.error}</span> : t("testArrived")}
            </dd>
          </div>
        )}
        {status.replay && (
          <div>
            <dt>{t("replay")}</dt>
            <dd>
              <progress max={Math.max(status.replay.total, 1)} value={status.replay.done} />{" "}
              {t.rich("replayProgress", { done: status.replay.done, total: status.replay.total, time: () => <LocalTime iso={status.replay!.from} /> })}
            </dd>
          </div>
        )}
      </dl>
      <div className="integration__actions">
        <form action={actions.sendTest}>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="name" value={status.name} />
          <button type="submit" className="button button--small" data-testid="integration-send-test">
            {t("sendTest")}
          </button>
        </form>
        <form action={actions.setPaused}>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="name" value={status.name} />
          <input type="hidden" name="paused" value={status.paused ? "false" : "true"} />
          <button type="submit" className="button button--small" data-testid="integration-pause">
            {status.paused ? t("resume") : t("pause")}
          </button>
        </form>
        <form action={actions.replay} className="integration__replay">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="name" value={status.name} />
          <label className="inline-label">
            {t("replayFrom")} <input type="date" name="from" required data-testid="integration-replay-from" />
          </label>
          <button type="submit" className="button button--small" data-testid="integration-replay">
            {t("replayButton")}
          </button>
        </form>
      </div>
    </article>
  );
}
