import type { Metadata } from "next";
import Link from "next/link";
import { VIEWER_ACTIONS } from "@/lib/auth/viewerAudit";
import { viewerAuditPageData } from "@/lib/auth/viewerAuditPage";
import { ViewerAuditTable } from "@/components/auth/ViewerAuditTable";
import { requireAdmin } from "../../_auth/requireAdmin";

export const metadata: Metadata = { title: "Viewer audit · Parsec audit log" };

/** Who did what in this viewer: sign-ins (and failures), sign-outs, password changes, syncs, imports, exports. */
export default async function ViewerAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const { action, before, rows, olderBefore } = await viewerAuditPageData(await searchParams);
  const href = (params: Record<string, string | number | undefined>) => {
    const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
    return `/admin/audit${query.size ? `?${query}` : ""}`;
  };
  return (
    <>
      <h1>Viewer audit</h1>
      <p className="muted">What was done in this viewer, newest first. The Parsec team&apos;s own audit log is under Events.</p>
      <nav className="chips" aria-label="Filter by action">
        <Link className="button button--small" aria-pressed={action === undefined} href={href({})}>
          All
        </Link>
        {Object.entries(VIEWER_ACTIONS).map(([key, label]) => (
          <Link key={key} className="button button--small" aria-pressed={action === key} href={href({ action: key })}>
            {label}
          </Link>
        ))}
      </nav>
      <ViewerAuditTable rows={rows} labels={VIEWER_ACTIONS} />
      <p>
        {before !== undefined && <Link href={href({ action })}>← Newest</Link>}{" "}
        {olderBefore !== undefined && (
          <Link className="button" href={href({ action, before: olderBefore })}>
            Older →
          </Link>
        )}
      </p>
    </>
  );
}
