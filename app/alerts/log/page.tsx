import type { Metadata } from "next";
import Link from "next/link";
import { SEVERITIES } from "@/lib/alertRules/ruleSchema";
import { alertLogPageData } from "@/lib/alertsAdmin/alertLog";
import { ActionButton } from "@/components/alerts/RuleButtons";
import { ALERTS_TEXT as T } from "@/components/alerts/alertsText";
import { LocalTime } from "@/components/LocalTime";
import { requireAdmin } from "../../_auth/requireAdmin";
import { ruleButtonAction } from "../actions";

export const metadata: Metadata = { title: "Alert log · Parsec audit log" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
/** The log's filters that pick one of a few values. */
const CHOICES = [
  ["severity", T.severity, SEVERITIES],
  ["status", T.status, ["notified", "muted"]],
  ["acknowledged", T.acknowledged, ["yes", "no"]],
  ["delivery", T.delivery, ["pending", "sent", "failed"]],
] as const;

/** Every alert that fired, filterable from the URL, each one click from its events. */
export default async function AlertLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const raw = await searchParams;
  const { params, problems, rows, ruleNames, olderBefore } = await alertLogPageData(raw);
  const problem = one(raw.problem);
  const { before: _before, ...filters } = params;
  const older = new URLSearchParams(Object.entries({ ...filters, before: olderBefore }).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  return (
    <>
      <h1>{T.logTitle}</h1>
      <p className="muted">
        {T.logIntro} <Link href="/alerts">{T.title} →</Link>
      </p>
      {[...problems, ...(problem ? [problem] : [])].map((p) => (
        <p key={p} className="notice notice--warn" role="alert">
          {p}
        </p>
      ))}
      <form method="get" className="filters" aria-label={T.filter}>
        <label>
          {T.rule}{" "}
          <select name="rule" defaultValue={params.rule ?? ""}>
            <option value="">{T.allRules}</option>
            {ruleNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {CHOICES.map(([name, label, options]) => (
          <label key={name}>
            {label}{" "}
            <select name={name} defaultValue={params[name] ?? ""}>
              <option value="">{T.any}</option>
              {options.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {T.from} <input name="from" defaultValue={params.from ?? ""} placeholder={T.fromExample} size={22} />
        </label>
        <label>
          {T.to} <input name="to" defaultValue={params.to ?? ""} placeholder={T.toExample} size={22} />
        </label>
        <button type="submit" className="button button--small">
          {T.filter}
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="empty">{T.nothingYet}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="alert-log">
            <thead>
              <tr>
                <th>{T.fired}</th>
                <th>{T.rule}</th>
                <th>{T.what}</th>
                <th>{T.delivered}</th>
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
                    {row.ruleName}
                    <div className="muted">
                      {row.severity} · {row.kind}
                      {row.status === "muted" ? T.mutedMark : ""}
                    </div>
                  </td>
                  <td>
                    {row.summary}
                    {row.eventCount > 0 && (
                      <div>
                        <Link href={row.linkPath}>{T.openEvents(row.eventCount)}</Link>{" "}
                        <span className="muted">
                          <code>{row.eventIds.slice(0, 5).join(" ")}</code>
                          {row.eventIds.length > 5 ? " …" : ""}
                        </span>
                      </div>
                    )}
                  </td>
                  <td>
                    {row.deliveries.length === 0 ? (
                      <span className="muted">{T.notDelivered}</span>
                    ) : (
                      <ul className="plain-list">
                        {row.deliveries.map((d) => (
                          <li key={d.channel} className={d.status === "sent" ? undefined : "error-text"} title={d.lastError ?? undefined}>
                            {d.channel}: {d.status}
                            {d.attempts > 1 ? ` (${d.attempts})` : ""}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="row-actions">
                    {row.acknowledgedAt ? (
                      <span className="muted">{T.acknowledgedBy(row.acknowledgedBy ?? "")}</span>
                    ) : (
                      <ActionButton action={ruleButtonAction} csrfToken={admin.csrfToken} id={row.id} intent="acknowledge" label={T.acknowledge} back="log" />
                    )}
                    <ActionButton
                      action={ruleButtonAction}
                      csrfToken={admin.csrfToken}
                      id={row.ruleId}
                      intent="mute"
                      minutes={1440}
                      label={T.muteRule}
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
        {params.before !== undefined && <Link href="/alerts/log">{T.newest}</Link>}{" "}
        {olderBefore !== undefined && (
          <Link className="button" href={`/alerts/log?${older}`}>
            {T.older}
          </Link>
        )}
      </p>
    </>
  );
}
