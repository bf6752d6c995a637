import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { BadPathNotice } from "@/components/BadPathNotice";
import { timelinePageContext } from "@/app/_timeline/timelinePageContext";
import { ADMIN_ACTIONS_SHOWN } from "@/lib/connections/timelinePage";
import { groupByLane, timelineTotals } from "@/lib/connections/timelineConnections";
import { userIdParam } from "@/lib/events/paramSchemas";
import { userHref } from "@/lib/explorerUrl/entityHref";
import { connectionsHref, explorerHref } from "@/lib/explorerUrl/explorerHref";
import { RawEventsTable } from "@/components/connections/RawEventsTable";
import { ParamProblems } from "@/components/events/ParamProblems";
import { HostLink } from "@/components/HostLink";
import { TimelineSection, type TimelineLane } from "@/components/timeline/TimelineSection";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Timeline")]);
  return { title: t("pageTitle", { page: page("userPage") }) };
}

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const { userId: rawId } = await params;
  const parsedId = userIdParam.safeParse(rawId);
  if (!parsedId.success) {
    const t = await getTranslations("BadPath");
    return <BadPathNotice title={t("userTitle")} given={rawId} expected={t("userExpected")} />;
  }
  const userId = parsedId.data;
  const { nowMs, window, problems, users, emailOf, connections, adminActions, windowFilter } = await timelinePageContext({ userId }, searchParams);
  const actions = adminActions!;
  const known = users.find((user) => user.userId === userId);
  const email = emailOf(userId);
  const t = await getTranslations("Timeline");
  const unknownHost = t("unknownHost");
  const hostOf = (c: { hostComputerName: string | null }) => c.hostComputerName ?? unknownHost;
  const lanes: TimelineLane[] = groupByLane(connections, hostOf).map(({ key, connections }) => ({
    key,
    label: key === unknownHost ? <span className="muted">{key}</span> : <HostLink name={key} window={{ span: window.span, date: window.anchorDate }} />,
    connections,
  }));

  return (
    <>
      <h1>
        {email ? <span translate="no">{email}</span> : t("userHeading", { id: userId })}{" "}
        <span className="muted heading-sub">{t("userId", { id: userId })}</span>
      </h1>
      <p className="entity-links">
        <Link href={connectionsHref({ user: [String(userId)], ...windowFilter })}>{t("connectionsInWindow")}</Link>
        <Link href={connectionsHref({ user: [String(userId)] })}>{t("allConnections")}</Link>
        <Link href={explorerHref({ user: [String(userId)] })}>{t("allEvents")}</Link>
      </p>
      {!known && <div className="notice notice--warn">{t("unknownUserId", { id: userId })}</div>}
      <ParamProblems problems={problems} />
      <TimelineSection
        window={window}
        lanes={lanes}
        totals={timelineTotals(connections, window, hostOf)}
        laneTitle={t("byHost")}
        counterparts={t("hostsUsed")}
        hrefOf={(p) => userHref(userId, p)}
        nowMs={nowMs}
      />
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("adminActions", { span: window.span })}</h2>
        {actions.rows.length === 0 ? (
          <p className="empty">{t("noAdminActions", { span: window.span })}</p>
        ) : (
          <>
            <RawEventsTable rows={actions.rows} testId="admin-actions" />
            {actions.more && (
              <p>
                {t("latestShown", { count: ADMIN_ACTIONS_SHOWN })}{" "}
                <Link href={explorerHref({ user: [String(userId)], ...windowFilter })}>{t("allUserEventsInWindow")}</Link>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
