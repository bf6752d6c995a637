import { useTranslations } from "next-intl";
import type { SyncRunView } from "@/lib/sync/getSyncStatus";
import { LocalTime } from "./LocalTime";
import { SyncErrorText } from "./SyncErrorText";

export function SyncRunsTable({ runs }: { runs: SyncRunView[] }) {
  const t = useTranslations("Runs");
  if (runs.length === 0) return <p className="empty">{t("none")}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t("run")}</th>
            <th>{t("started")}</th>
            <th>{t("kind")}</th>
            <th>{t("status")}</th>
            <th className="num">{t("pages")}</th>
            <th className="num">{t("fetched")}</th>
            <th className="num">{t("new")}</th>
            <th className="num">{t("updated")}</th>
            <th className="num">{t("quarantined")}</th>
            <th>{t("error")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>{t("runId", { id: run.id })}</td>
              <td>
                <LocalTime iso={run.startedAt} />
              </td>
              <td>
                {t("kindValue", { kind: run.kind })}
                {run.mode ? ` · ${t("modeValue", { mode: run.mode })}` : ""} <span className="muted">{t("triggerValue", { trigger: run.trigger })}</span>
              </td>
              <td>
                <span className={`badge badge--${run.status}`}>{t("statusValue", { status: run.status })}</span>
              </td>
              <td className="num">{run.pages}</td>
              <td className="num">{run.fetched}</td>
              <td className="num">{run.inserted}</td>
              <td className="num">{run.updated}</td>
              <td className="num">{run.quarantined}</td>
              <td className="error-text">{run.error !== null && <SyncErrorText error={run.error} kind={run.errorKind} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
