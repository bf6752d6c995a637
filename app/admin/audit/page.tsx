import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { VIEWER_ACTIONS } from "@/lib/auth/viewerAudit";
import { viewerAuditPageData } from "@/lib/auth/viewerAuditPage";
import { ViewerAuditTable } from "@/components/auth/ViewerAuditTable";
import { requireAdmin } from "../../_auth/requireAdmin";

export async function generateMetadata(): Promise<Metadata> {
  const [t, header] = await Promise.all([getTranslations("Metadata"), getTranslations("Header")]);
  return { title: t("pageTitle", { page: header("viewerAudit") }) };
}

/** Who did what in this viewer: sign-ins (and failures), sign-outs, password changes, syncs, imports, exports. */
export default async function ViewerAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const [t, header, locale] = await Promise.all([getTranslations("ViewerAudit"), getTranslations("Header"), getLocale()]);
  const { action, before, rows, olderBefore } = await viewerAuditPageData(await searchParams, locale);
  const href = (params: Record<string, string | number | undefined>) => {
    const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
    return `/admin/audit${query.size ? `?${query}` : ""}`;
  };
  return (
    <>
      <h1>{header("viewerAudit")}</h1>
      <p className="muted">{t("intro")}</p>
      <nav className="chips" aria-label={t("filterByAction")}>
        <Link className="button button--small" aria-pressed={action === undefined} href={href({})}>
          {t("all")}
        </Link>
        {VIEWER_ACTIONS.map((key) => (
          <Link key={key} className="button button--small" aria-pressed={action === key} href={href({ action: key })} data-action={key}>
            {t("action", { action: key })}
          </Link>
        ))}
      </nav>
      <ViewerAuditTable rows={rows} />
      <p>
        {before !== undefined && <Link href={href({ action })}>{t("newest")}</Link>}{" "}
        {olderBefore !== undefined && (
          <Link className="button" href={href({ action, before: olderBefore })}>
            {t("older")}
          </Link>
        )}
      </p>
    </>
  );
}
