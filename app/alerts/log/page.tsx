import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SEVERITIES } from "@/lib/alertRules/ruleSchema";
import { alertLogPageData } from "@/lib/alertsAdmin/alertLog";
import { alertsPageNotice } from "@/lib/alertsAdmin/alertsPage";
import { ActionButton } from "@/components/alerts/RuleButtons";
import { LocalTime } from "@/components/LocalTime";
import { AlertLogTimeRange } from "@/components/alerts/AlertLogTimeRange";
import { Sentence } from "@/components/Sentence";
import { RuleName, ruleNameText, shownNameOrder } from "@/components/alerts/RuleName";
import { builtInRuleKey } from "@/lib/alertRules/builtInRules";
import { requireAdmin } from "../../_auth/requireAdmin";
import { ruleButtonAction } from "../actions";
import { icuSelector } from "@/lib/i18n/icuSelector";

export async function generateMetadata(): Promise<Metadata> {
  const [t, log] = await Promise.all([getTranslations("Metadata"), getTranslations("AlertLog")]);
  return { title: t("pageTitle", { page: log("title") }) };
}

/** Every alert that fired, filterable from the URL, each one click from its events. */
export default async function AlertLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const raw = await searchParams;
  const [t, alerts, rules, locale] = await Promise.all([getTranslations("AlertLog"), getTranslations("AlertForm"), getTranslations("Alerts"), getLocale()]);
  const { params, problems, rows, ruleNames, olderBefore } = await alertLogPageData(raw, locale);
  const problem = alertsPageNotice(raw).problem;
  const builtInName = (rule: string) => rules("builtInName", { rule });
  const ruleOptions = [...ruleNames].sort(shownNameOrder(locale, builtInName));
  // The log's filters that pick one of a few values.
  const choices = [
    ["severity", t("severity"), SEVERITIES],
    ["status", t("status"), ["notified", "muted"]],
    ["acknowledged", t("acknowledged"), ["yes", "no"]],
    ["delivery", t("delivery"), ["pending", "sent", "failed"]],
  ] as const;
  const { before: _before, ...filters } = params;
  const older = new URLSearchParams(Object.entries({ ...filters, before: olderBefore }).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">
        {t("intro")} <Link href="/alerts">{t("rulesLink")}</Link>
      </p>
      {problems.map((p) => (
        <p key={p.param} className="notice notice--warn" role="alert">
          {t("badParam", { param: p.param, value: p.value })}
        </p>
      ))}
      {problem && (
        <p className="notice notice--error" role="alert">
          {alerts("refusal", { problem })}
        </p>
      )}
      <form method="get" className="filters" aria-label={t("filter")}>
        <label>
          {t("rule")}{" "}
          <select name="rule" defaultValue={params.rule ?? ""}>
            <option value="">{t("allRules")}</option>
            {ruleOptions.map((name) => (
              <option key={name} value={name} translate={builtInRuleKey(name) === null ? "no" : undefined}>
                {ruleNameText(name, builtInName)}
              </option>
            ))}
          </select>
        </label>
        {choices.map(([name, label, options]) => (
          <label key={name}>
            {label}{" "}
            <select name={name} defaultValue={params[name] ?? ""}>
              <option value="">{t("any")}</option>
              {options.map((option) => (
                <option key={option} value={option}>
                  {t("choice", { value: option })}
                </option>
              ))}
            </select>
          </label>
        ))}
        <AlertLogTimeRange from={params.from} to={params.to} />
        <button type="submit" className="button button--small">
          {t("filter")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="empty">{t("nothingYet")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="alert-log">
            <thead>
              <tr>
                <th>{t("fired")}</th>
                <th>{t("rule")}</th>
                <th>{t("what")}</th>
                <th>{t("delivered")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-alert={row.id} data-rule={row.ruleName}>
                  <td className="nowrap">
                    <LocalTime iso={row.firedAt} />
                  </td>
                  <td>
                    <RuleName name={row.ruleName} />
                    <div className="muted">
                      {alerts("severity", { severity: row.severity })} · {alerts("kind", { kind: icuSelector(row.kind) })}
                      {row.status === "muted" ? t("mutedMark") : ""}
                    </div>
                  </td>
                  <td>
                    <span data-testid="alert-sentence" lang={row.sentenceIsEnglish ? "en" : undefined}>
                      <Sentence parts={row.sentence} />
                    </span>
                    {row.eventCount > 0 && (
                      <div>
                        <Link href={row.linkPath}>{t("openEvents", { count: row.eventCount })}</Link>{" "}
                        <span className="muted">
                          <code>{row.eventIds.slice(0, 5).join(" ")}</code>
                          {row.eventIds.length > 5 ? " …" : ""}
                        </span>
                      </div>
                    )}
                  </td>
                  <td>
                    {row.deliveries.length === 0 ? (
                      <span className="muted">{t("notDelivered")}</span>
                    ) : (
                      <ul className="plain-list">
                        {row.deliveries.map((d) => (
                          <li key={d.channel} className={d.status === "sent" ? undefined : "error-text"} title={d.lastError ?? undefined}>
                            {t("deliveryState", { channel: d.channel, status: d.status, attempts: d.attempts })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="row-actions">
                    {row.acknowledgedAt ? (
                      <span className="muted">{t("acknowledgedBy", { who: row.acknowledgedBy ?? "" })}</span>
                    ) : (
                      <ActionButton
                        action={ruleButtonAction}
                        csrfToken={admin.csrfToken}
                        id={row.id}
                        intent="acknowledge"
                        label={t("acknowledge")}
                        back="log"
                      />
                    )}
                    <ActionButton
                      action={ruleButtonAction}
                      csrfToken={admin.csrfToken}
                      id={row.ruleId}
                      intent="mute"
                      minutes={1440}
                      label={t("muteRule")}
                      back="log"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {params.before !== undefined && <Link href="/alerts/log">{t("newest")}</Link>}{" "}
        {olderBefore !== undefined && (
          <Link className="button" href={`/alerts/log?${older}`}>
            {t("older")}
          </Link>
        )}
      </p>
    </>
  );
}
