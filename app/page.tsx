import Link from "next/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { overviewPageData } from "@/lib/sync/overviewPage";
import { RetentionPanel } from "@/components/RetentionPanel";
import { LatestEventsTable } from "@/components/LatestEventsTable";
import { SyncNowButton } from "@/components/SyncNowButton";
import { LiveSyncProvider, LiveSyncRunsTable, LiveSyncStatusPanel } from "@/components/LiveSync";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { syncNowAction } from "@/app/_actions/syncNowAction";

export default async function OverviewPage() {
  const admin = await requireAdmin();
  await connection(); // always rendered per request: this page shows the live state of the store
  const { status, events, retention, intervalSeconds } = await overviewPageData();
  const [t, page] = await Promise.all([getTranslations("Overview"), getTranslations("Pages")]);
  return (
    <>
      <h1>{page("overview")}</h1>
      {/* The sync's cards and runs follow the store while the page is open (components/LiveSync.tsx). */}
      <LiveSyncProvider initial={status}>
        <SyncNowButton action={syncNowAction} csrfToken={admin.csrfToken} />
        <LiveSyncStatusPanel intervalSeconds={intervalSeconds} />
        <RetentionPanel retention={retention} />
        <section aria-labelledby="latest-events">
          <h2 id="latest-events">
            <Link href="/events">{t("latestEvents")}</Link>
          </h2>
          <LatestEventsTable events={events} />
          <p>
            <Link href="/events">{t("allEvents")}</Link>
          </p>
        </section>
        <section aria-labelledby="sync-runs">
          <h2 id="sync-runs">{t("runs")}</h2>
          <LiveSyncRunsTable />
        </section>
      </LiveSyncProvider>
    </>
  );
}
