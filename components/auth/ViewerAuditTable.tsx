import { useTranslations } from "next-intl";
import type { ViewerAuditRow } from "@/lib/auth/viewerAudit";
import type { SentencePart } from "@/lib/i18n/sentenceParts";
import { LocalTime } from "../LocalTime";
import { Sentence } from "../Sentence";

/** An entry with its detail worded for the reader (null: it has none); `english` for one kept before entries stored facts, or quoting English text. */
export type ViewerAuditEntryView = ViewerAuditRow & { sentence: { parts: SentencePart[]; english: boolean } | null };

/** Entries that record something refused, shown as errors. */
const REFUSALS = new Set(["sign_in_failed", "password_change_failed", "import_refused"]);

/**
 * The viewer's own audit trail. Every value is rendered as text: details quote what visitors typed.
 * An action stored by a later or earlier version and unknown to the catalogue shows its stored key.
 */
export function ViewerAuditTable({ rows }: { rows: ViewerAuditEntryView[] }) {
  const t = useTranslations("ViewerAudit");
  if (rows.length === 0) return <p className="empty">{t("empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="viewer-audit">
        <thead>
          <tr>
            <th>{t("when")}</th>
            <th>{t("what")}</th>
            <th>{t("who")}</th>
            <th>{t("address")}</th>
            <th>{t("detail")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-action={row.action}>
              <td className="nowrap">
                <LocalTime iso={row.at} />
              </td>
              <td className={REFUSALS.has(row.action) ? "error-text" : undefined}>{t("action", { action: row.action })}</td>
              <td>{row.actor ?? <span className="muted">–</span>}</td>
              <td>
                <code>{row.ip ?? "–"}</code>
              </td>
              <td lang={row.sentence?.english ? "en" : undefined}>{row.sentence && <Sentence parts={row.sentence.parts} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
