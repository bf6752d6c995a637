import type { Metadata } from "next";
import Link from "next/link";
import { alertsPageData } from "@/lib/alertsAdmin/alertsPage";
import { DefinitionForm } from "@/components/alerts/DefinitionForm";
import { EditableDefinition } from "@/components/alerts/EditableDefinition";
import { ActionButton } from "@/components/alerts/RuleButtons";
import { ALERTS_TEXT as T } from "@/components/alerts/alertsText";
import { CsrfField } from "@/components/auth/CsrfField";
import { LocalTime } from "@/components/LocalTime";
import { syncNowAndOpenOverviewAction } from "../_actions/syncNowAction";
import { requireAdmin } from "../_auth/requireAdmin";
import { ruleButtonAction, saveChannelAction, saveRuleAction, scenarioAction } from "./actions";

export const metadata: Metadata = { title: "Alerts · Parsec audit log" };

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The alert rules and channels, for admins: switched, muted, edited and tested here. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const data = await alertsPageData();
  const ruleTemplates = Object.fromEntries(Object.entries(data.ruleTemplates).map(([k, v]) => [k, pretty(v)]));
  const channelTemplates = Object.fromEntries(Object.entries(data.channelTemplates).map(([k, v]) => [k, pretty(v)]));
  const problem = one(params.problem);
  const injected = one(params.injected);
  return (
    <>
      <h1>{T.title}</h1>
      <p className="muted">
        {T.intro} <Link href="/alerts/log">{T.logLink}</Link>
      </p>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}

      <h2>{T.rules}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="alert-rules">
          <thead>
            <tr>
              <th>{T.nameColumn}</th>
              <th>{T.kind}</th>
              <th>{T.severity}</th>
              <th>{T.channelsColumn}</th>
              <th>{T.state}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.rules.map((rule) => (
              <tr key={rule.id} data-rule={rule.name}>
                <th scope="row">
                  {rule.name} {rule.builtIn && <span className="badge">{T.builtIn}</span>} {rule.provisioned && <span className="badge">{T.provisioned}</span>}
                  {rule.invalid && (
                    <span className="badge badge--error" title={rule.invalid}>
                      {T.invalid}
                    </span>
                  )}
                </th>
                <td>{rule.kind}</td>
                <td>{rule.severity}</td>
                <td>{rule.channels.join(", ") || <span className="muted">–</span>}</td>
                <td>
                  <strong>{rule.enabled ? T.on : T.off}</strong>
                  {rule.enabledAt && (
                    <>
                      {" "}
                      <span className="muted">
                        {T.since} <LocalTime iso={rule.enabledAt} />
                      </span>
                    </>
                  )}
                  {rule.mutedUntil && (
                    <div data-testid="muted-until">
                      {T.mutedUntil} <LocalTime iso={rule.mutedUntil} />
                    </div>
                  )}
                </td>
                <td className="row-actions">
                  {!rule.provisioned && (
                    <ActionButton
                      action={ruleButtonAction}
                      csrfToken={admin.csrfToken}
                      id={rule.id}
                      intent={rule.enabled ? "disable" : "enable"}
                      label={rule.enabled ? T.disable : T.enable}
                    />
                  )}
                  {rule.mutedUntil ? (
                    <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={rule.id} intent="mute" minutes={0} label={T.unmute} />
                  ) : (
                    <>
                      <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={rule.id} intent="mute" minutes={60} label={T.mute1h} />
                      <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={rule.id} intent="mute" minutes={1440} label={T.mute24h} />
                    </>
                  )}
                  {!rule.provisioned && (
                    <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={rule.id} intent="delete-rule" label={T.delete} danger />
                  )}
                  <EditableDefinition
                    action={saveRuleAction}
                    csrfToken={admin.csrfToken}
                    id={rule.id}
                    name={rule.name}
                    definition={rule.definition}
                    provisioned={rule.provisioned}
                    testable
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="new-entry">
        <summary>{T.newRule}</summary>
        <DefinitionForm
          action={saveRuleAction}
          csrfToken={admin.csrfToken}
          id={null}
          initial={ruleTemplates.event ?? ""}
          templates={ruleTemplates}
          testable
          label={T.newRule}
        />
      </details>

      <h2>{T.channels}</h2>
      {data.channels.length === 0 ? (
        <p className="empty">{T.noChannels}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="alert-channels">
            <thead>
              <tr>
                <th>{T.nameColumn}</th>
                <th>{T.kind}</th>
                <th>{T.state}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.channels.map((channel) => (
                <tr key={channel.id} data-channel={channel.name}>
                  <th scope="row">
                    {channel.name} {channel.provisioned && <span className="badge">{T.provisioned}</span>}
                  </th>
                  <td>{channel.type}</td>
                  <td className={channel.failed + channel.pending > 0 ? "error-text" : undefined}>
                    {channel.failed + channel.pending > 0 ? T.channelHealth(channel.pending, channel.failed) : T.channelOk}
                    {channel.lastError && <div className="muted">{channel.lastError}</div>}
                  </td>
                  <td className="row-actions">
                    {!channel.provisioned && (
                      <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={channel.id} intent="delete-channel" label={T.delete} danger />
                    )}
                    <EditableDefinition
                      action={saveChannelAction}
                      csrfToken={admin.csrfToken}
                      id={channel.id}
                      name={channel.name}
                      definition={channel.definition}
                      provisioned={channel.provisioned}
                      testable={false}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="new-entry">
        <summary>{T.newChannel}</summary>
        <DefinitionForm
          action={saveChannelAction}
          csrfToken={admin.csrfToken}
          id={null}
          initial={channelTemplates.webhook ?? ""}
          templates={channelTemplates}
          testable={false}
          label={T.newChannel}
        />
      </details>

      {data.demo && (
        <section aria-label={T.demoTitle}>
          <h2>{T.demoTitle}</h2>
          <p className="muted">{T.demoIntro}</p>
          {injected && (
            <p className="notice" role="status">
              {injected}
            </p>
          )}
          <div className="chips">
            {data.scenarios.map((scenario) => (
              <form key={scenario} action={scenarioAction} className="inline-form">
                <CsrfField token={admin.csrfToken} />
                <input type="hidden" name="scenario" value={scenario} />
                <button type="submit" className="button button--small">
                  {scenario}
                </button>
              </form>
            ))}
            <form action={syncNowAndOpenOverviewAction} className="inline-form">
              <CsrfField token={admin.csrfToken} />
              <button type="submit" className="button button--small button--primary">
                {T.syncNow}
              </button>
            </form>
          </div>
        </section>
      )}
    </>
  );
}
