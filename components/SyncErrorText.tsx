import { useTranslations } from "next-intl";
import { icuSelector } from "@/lib/i18n/icuSelector";
import type { SyncErrorKind } from "@/lib/ingest/syncErrorKind";

/**
 * Why a run failed, in the reader's language: what happened and what to do, then (unless
 * `brief`) the run's own English message folded beneath, with Parsec's words and the details. A
 * failure of a kind we do not name has only its message.
 */
export function SyncErrorText({ error, kind, brief = false }: { error: string; kind: SyncErrorKind | null; brief?: boolean }) {
  const t = useTranslations("SyncError");
  if (kind === null) return <span lang="en">{error}</span>;
  return (
    <>
      <span data-testid="sync-error">{t("headline", { kind: icuSelector(kind) })}</span>
      {!brief && (
        <details className="sync-error__details">
          <summary>{t("details")}</summary>
          <span lang="en">{error}</span>
        </details>
      )}
    </>
  );
}
