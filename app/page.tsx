import Link from "next/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { overviewPageData } from "@/lib/sync/overviewPage";
import { SyncStatusPanel } from "@/components/SyncStatusPanel";
import { SyncRunsTable } from "@/components/SyncRunsTable";
import { RetentionPanel } from "@/components/RetentionPanel";
import { LatestEventsTable } from "@/components/LatestEventsTable";
import { SyncNowButton } from "@/components/SyncNowButton";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { syncNowAction } from "@/app/_actions/syncNowAction";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const { sync } = await searchParams;
  await connection(); // always rendered per request: this page shows the live state of the store
  const { status, events, retention, intervalSeconds } = await overviewPageData();
  const [t, page] = await Promise.all([getTranslations("Overview"), getTranslations("Pages")]);
  return (
    <>
      <h1>{page("overview")}</h1>
      <SyncNowButton action={syncNowAction} csrfToken={admin.csrfToken} outcome={typeof sync === "string" ? sync : undefined} />
      <SyncStatusPanel status={status} intervalSeconds={intervalSeconds} />
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
        <SyncRunsTable runs={status.runs} />
      </section>
    </>
  );
}
