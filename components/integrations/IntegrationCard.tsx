import type { IntegrationStatus } from "@/lib/integrations/status/integrationStatus";
import { CsrfField } from "../auth/CsrfField";
import { LocalTime } from "../LocalTime";
import { INTEGRATIONS_TEXT as T } from "./integrationsText";

export interface IntegrationActions {
  sendTest: (data: FormData) => Promise<void>;
  setPaused: (data: FormData) => Promise<void>;
  replay: (data: FormData) => Promise<void>;
}

/** One destination: its state, its last delivery and error, and what an admin can do with it. */
export function IntegrationCard({ status, actions, csrfToken }: { status: IntegrationStatus; actions: IntegrationActions; csrfToken: string }) {
  const state = status.paused ? T.paused : status.caughtUp ? T.caughtUp : T.behind(status.pending, status.behindMs);
  const tone = status.failing ? "card--error" : status.caughtUp ? "" : "card--warn";
  return (
    <article className={`card card--wide integration ${tone}`} aria-labelledby={`integration-${status.name}`} data-testid={`integration-${status.name}`}>
      <h2 id={`integration-${status.name}`}>
        {status.name} <span className="muted">{status.type}</span>
      </h2>
      <p className="card__value--small" data-testid="integration-state">
        {state}
        {status.failing && <strong className="error-text"> · {T.failing}</strong>}
      </p>
      <dl className="integration__facts">
        <div>
          <dt>{T.lastDelivery}</dt>
          <dd>{status.lastDeliveryAt ? <LocalTime iso={status.lastDeliveryAt} /> : T.never}</dd>
        </div>
        <div>
          <dt>{T.delivered}</dt>
          <dd>{status.delivered.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>{T.lastError}</dt>
          <dd data-testid="integration-error">
            {status.lastError && status.lastErrorAt ? (
              <>
                <LocalTime iso={status.lastErrorAt} /> <span className={status.failing ? "error-text" : "muted"}>{status.lastError}</span>
              </>
            ) : (
              T.noError
            )}
          </dd>
        </div>
        {status.lastTest && (
          <div>
            <dt>{T.lastTest}</dt>
            <dd>
              <LocalTime iso={status.lastTest.at} /> {status.lastTest.error ? <span className="error-text">{status.lastTest.error}</span> : T.testArrived}
            </dd>
          </div>
        )}
        {status.replay && (
          <div>
            <dt>{T.replay}</dt>
            <dd>
              <progress max={Math.max(status.replay.total, 1)} value={status.replay.done} />{" "}
              {T.replayProgress(status.replay.done, status.replay.total, status.replay.from)}
            </dd>
          </div>
        )}
      </dl>
      <div className="integration__actions">
        <form action={actions.sendTest}>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="name" value={status.name} />
          <button type="submit" className="button button--small">
            {T.sendTest}
          </button>
        </form>
        <form action={actions.setPaused}>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="name" value={status.name} />
          <input type="hidden" name="paused" value={status.paused ? "false" : "true"} />
          <button type="submit" className="button button--small">
            {status.paused ? T.resume : T.pause}
          </button>
        </form>
        <form action={actions.replay} className="integration__replay">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="name" value={status.name} />
          <label className="inline-label">
            {T.replayFrom} <input type="date" name="from" required />
          </label>
          <button type="submit" className="button button--small">
            {T.replayButton}
          </button>
        </form>
      </div>
    </article>
  );
}
