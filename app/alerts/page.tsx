import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { alertsPageData, alertsPageNotice } from "@/lib/alertsAdmin/alertsPage";
import { DefinitionForm } from "@/components/alerts/DefinitionForm";
import { EditableDefinition } from "@/components/alerts/EditableDefinition";
import { ActionButton } from "@/components/alerts/RuleButtons";
import { CsrfField } from "@/components/auth/CsrfField";
import { LocalTime } from "@/components/LocalTime";
import { syncNowAndOpenOverviewAction } from "../_actions/syncNowAction";
import { requireAdmin } from "../_auth/requireAdmin";
import { ruleButtonAction, saveChannelAction, saveRuleAction, scenarioAction } from "./actions";
import { icuSelector } from "@/lib/i18n/icuSelector";
import { RuleName, shownNameOrder } from "@/components/alerts/RuleName";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Pages")]);
  return { title: t("pageTitle", { page: page("alerts") }) };
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The alert rules and channels, for admins: switched, muted, edited and tested here. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const { problem, injected } = alertsPageNotice(await searchParams);
  const [data, t, page, form, locale] = await Promise.all([
    alertsPageData(),
    getTranslations("Alerts"),
    getTranslations("Pages"),
    getTranslations("AlertForm"),
    getLocale(),
  ]);
  // The built-in rules first, then the admins', each by the names the reader sees.
  const byShownName = shownNameOrder(locale, (rule) => t("builtInName", { rule }));
  const rules = [...data.rules].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || byShownName(a.name, b.name));
  const ruleTemplates = Object.fromEntries(Object.entries(data.ruleTemplates).map(([k, v]) => [k, pretty(v)]));
  const ruleForm = { channels: data.channels.map((c) => c.name), kindTemplates: ruleTemplates };
  const channelTemplates = Object.fromEntries(Object.entries(data.channelTemplates).map(([k, v]) => [k, pretty(v)]));
  return (
    <>
      <h1>{page("alerts")}</h1>
      <p className="muted">
        {t("intro")} <Link href="/alerts/log">{t("logLink")}</Link>
      </p>
      {problem && (
        <p className="notice notice--error" role="alert">
          {form("refusal", { problem })}
        </p>
      )}

      <h2>{t("rules")}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="alert-rules">
          <thead>
            <tr>
              <th>{t("nameColumn")}</th>
              <th>{t("kindColumn")}</th>
              <th>{t("severityColumn")}</th>
              <th>{t("channelsColumn")}</th>
              <th>{t("stateColumn")}</th>
              <th />
            </tr>
          </thead>
          {/* A body per rule: its row, and under it, across the whole table, its edit form. */}
          {rules.map((rule) => (
            <tbody key={rule.id} data-rule={rule.name}>
              <tr>
                <th scope="row">
                  <RuleName name={rule.name} /> {rule.builtIn && <span className="badge">{t("builtIn")}</span>}{" "}
                  {rule.provisioned && <span className="badge">{t("provisioned")}</span>}
                  {rule.invalid && (
                    <span className="badge badge--error" title={rule.invalid}>
                      {t("invalid")}
                    </span>
                  )}
                </th>
                <td title={rule.kind}>{form("kind", { kind: icuSelector(rule.kind) })}</td>
                <td>{rule.severity === null ? <span className="muted">–</span> : form("severity", { severity: rule.severity })}</td>
                <td>{rule.channels.join(", ") || <span className="muted">–</span>}</td>
                <td>
                  <strong>{rule.enabled ? t("on") : t("off")}</strong>
                  {rule.enabledAt && (
                    <>
                      {" "}
                      <span className="muted">{t.rich("since", { time: () => <LocalTime iso={rule.enabledAt!} /> })}</span>
                    </>
                  )}
                  {rule.mutedUntil && <div data-testid="muted-until">{t.rich("mutedUntil", { time: () => <LocalTime iso={rule.mutedUntil!} /> })}</div>}
                </td>
                <td className="row-actions">
                  {!rule.provisioned && (
                    <ActionButton
                      action={ruleButtonAction}
                      csrfToken={admin.csrfToken}
                      id={rule.id}
                      intent={rule.enabled ? "disable" : "enable"}
                      label={rule.enabled ? t("disable") : t("enable")}
                    />
                  )}
                  {rule.mutedUntil ? (
                    <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={rule.id} intent="mute" minutes={0} label={t("unmute")} />
                  ) : (
                    <>
                      <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={rule.id} intent="mute" minutes={60} label={t("mute1h")} />
                      <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={rule.id} intent="mute" minutes={1440} label={t("mute24h")} />
                    </>
                  )}
                  {!rule.provisioned && (
                    <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={rule.id} intent="delete-rule" label={t("delete")} danger />
                  )}
                </td>
              </tr>
              <tr className="table__detail-row">
                <td colSpan={6}>
                  <EditableDefinition
                    action={saveRuleAction}
                    csrfToken={admin.csrfToken}
                    id={rule.id}
                    name={rule.name}
                    definition={rule.definition}
                    provisioned={rule.provisioned}
                    testable
                    ruleForm={ruleForm}
                  />
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      </div>
      <details className="new-entry">
        <summary>{t("newRule")}</summary>
        <DefinitionForm
          action={saveRuleAction}
          csrfToken={admin.csrfToken}
          id={null}
          initial={ruleTemplates.event ?? ""}
          templates={ruleTemplates}
          testable
          label={t("newRule")}
          ruleForm={ruleForm}
        />
      </details>

      <h2>{t("channels")}</h2>
      {data.channels.length === 0 ? (
        <p className="empty">{t("noChannels")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="alert-channels">
            <thead>
              <tr>
                <th>{t("nameColumn")}</th>
                <th>{t("kindColumn")}</th>
                <th>{t("stateColumn")}</th>
                <th />
              </tr>
            </thead>
            {data.channels.map((channel) => (
              <tbody key={channel.id} data-channel={channel.name}>
                <tr>
                  <th scope="row">
                    {channel.name} {channel.provisioned && <span className="badge">{t("provisioned")}</span>}
                  </th>
                  <td title={channel.type}>{t("channelType", { type: channel.type })}</td>
                  <td className={channel.failed + channel.pending > 0 ? "error-text" : undefined}>
                    {channel.failed + channel.pending > 0 ? t("channelHealth", { pending: channel.pending, failed: channel.failed }) : t("channelOk")}
                    {channel.lastError && <div className="muted">{channel.lastError}</div>}
                  </td>
                  <td className="row-actions">
                    {!channel.provisioned && (
                      <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={channel.id} intent="delete-channel" label={t("delete")} danger />
                    )}
                  </td>
                </tr>
                <tr className="table__detail-row">
                  <td colSpan={4}>
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
              </tbody>
            ))}
          </table>
        </div>
      )}
      <details className="new-entry">
        <summary>{t("newChannel")}</summary>
        <DefinitionForm
          action={saveChannelAction}
          csrfToken={admin.csrfToken}
          id={null}
          initial={channelTemplates.webhook ?? ""}
          templates={channelTemplates}
          testable={false}
          label={t("newChannel")}
        />
      </details>

      {data.demo && (
        <section aria-label={t("demoTitle")}>
          <h2>{t("demoTitle")}</h2>
          <p className="muted">{t("demoIntro")}</p>
          {injected && (
            <p className="notice" role="status">
              {t("injected", { scenario: t("scenario", { scenario: icuSelector(injected.scenario) }), count: injected.count })}
            </p>
          )}
          <div className="chips">
            {data.scenarios.map((scenario) => (
              <form key={scenario} action={scenarioAction} className="inline-form">
                <CsrfField token={admin.csrfToken} />
                <input type="hidden" name="scenario" value={scenario} />
                <button type="submit" className="button button--small" title={scenario}>
                  {t("scenario", { scenario: icuSelector(scenario) })}
                </button>
              </form>
            ))}
            <form action={syncNowAndOpenOverviewAction} className="inline-form">
              <CsrfField token={admin.csrfToken} />
              <button type="submit" className="button button--small button--primary">
                {t("syncNow")}
              </button>
            </form>
          </div>
        </section>
      )}
    </>
  );
}
