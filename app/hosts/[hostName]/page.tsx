import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { BadPathNotice } from "@/components/BadPathNotice";
import { timelinePageContext } from "@/app/_timeline/timelinePageContext";
import { groupByLane, timelineTotals } from "@/lib/connections/timelineConnections";
import { decodePathSegment, hostHref } from "@/lib/explorerUrl/entityHref";
import { connectionsHref, explorerHref } from "@/lib/explorerUrl/explorerHref";
import { timelineSubjectLinks } from "@/lib/explorerUrl/timelineLinks";
import { ParamProblems } from "@/components/events/ParamProblems";
import { TimelineSection, type TimelineLane } from "@/components/timeline/TimelineSection";
import { UserLink } from "@/components/UserLink";

export async function generateMetadata({ params }: { params: Promise<{ hostName: string }> }): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Timeline")]);
  const hostName = decodePathSegment((await params).hostName);
  return { title: t("pageTitle", { page: hostName ?? page("hostComputer") }) };
}

/** A host computer: who connected to it and when (one lane per user), and how often attempts failed. */
export default async function HostPage({
  params,
  searchParams,
}: {
  params: Promise<{ hostName: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const { hostName: rawName } = await params;
  const hostName = decodePathSegment(rawName);
  if (hostName === null || hostName.trim() === "" || hostName.length > 256) {
    const t = await getTranslations("BadPath");
    return <BadPathNotice title={t("hostTitle")} given={rawName} expected={t("hostExpected")} />;
  }
  const { nowMs, window, problems, connections, windowFilter } = await timelinePageContext({ hostComputerName: hostName }, searchParams);
  const [t, filters] = await Promise.all([getTranslations("Timeline"), getTranslations("Filters")]);
  const userOf = (c: { clientUserId: number | null; clientEmail: string | null }) =>
    c.clientUserId === null ? t("unknownUser") : (c.clientEmail ?? filters("userFallback", { id: c.clientUserId }));
  const lanes: TimelineLane[] = groupByLane(connections, userOf).map(({ key, connections }) => {
    const userId = connections[0]!.clientUserId;
    return {
      key,
      label:
        userId === null ? (
          <span className="muted">{key}</span>
        ) : (
          <UserLink userId={userId} email={connections[0]!.clientEmail} window={{ span: window.span, date: window.anchorDate }} />
        ),
      connections,
    };
  });

  return (
    <>
      <h1>
        <span translate="no">{hostName}</span> <span className="muted heading-sub">{t("hostComputer")}</span>
      </h1>
      <p className="entity-links">
        <Link href={connectionsHref({ host: [hostName], ...windowFilter })}>{t("connectionsInWindow")}</Link>
        <Link href={timelineSubjectLinks({ hostName }, window).failedConnections}>{t("failedConnections")}</Link>
        <Link href={explorerHref({ host: [hostName] })}>{t("allEvents")}</Link>
      </p>
      <ParamProblems problems={problems} />
      <TimelineSection
        window={window}
        lanes={lanes}
        totals={timelineTotals(connections, window, userOf)}
        laneTitle={t("byUser")}
        counterparts={t("users")}
        hrefOf={(p) => hostHref(hostName, p)}
        nowMs={nowMs}
      />
    </>
  );
}
