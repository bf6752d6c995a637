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

export const metadata: Metadata = { title: "User · Parsec audit log" };

const UNKNOWN_HOST = "(unknown host)";

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
  const hostOf = (c: { hostComputerName: string | null }) => c.hostComputerName ?? UNKNOWN_HOST;
  const lanes: TimelineLane[] = groupByLane(connections, hostOf).map(({ key, connections }) => ({
    key,
    label: key === UNKNOWN_HOST ? <span className="muted">{key}</span> : <HostLink name={key} window={{ span: window.span, date: window.anchorDate }} />,
    connections,
  }));

  return (
    <>
      <h1>
        {email ?? `User ${userId}`} <span className="muted heading-sub">user id {userId}</span>
      </h1>
      <p className="entity-links">
        <Link href={connectionsHref({ user: [String(userId)], ...windowFilter })}>Connections in this window</Link>
        <Link href={connectionsHref({ user: [String(userId)] })}>All connections</Link>
        <Link href={explorerHref({ user: [String(userId)] })}>All events</Link>
      </p>
      {!known && <div className="notice notice--warn">No stored event names user {userId}.</div>}
      <ParamProblems problems={problems} />
      <TimelineSection
        window={window}
        lanes={lanes}
        totals={timelineTotals(connections, window, hostOf)}
        laneTitle="Connections by host computer"
        counterparts="Hosts used"
        hrefOf={(p) => userHref(userId, p)}
        nowMs={nowMs}
      />
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Admin actions in this {window.span}</h2>
        {actions.rows.length === 0 ? (
          <p className="empty">No administrative actions by this user in this {window.span}.</p>
        ) : (
          <>
            <RawEventsTable rows={actions.rows} testId="admin-actions" />
            {actions.more && (
              <p>
                The latest {ADMIN_ACTIONS_SHOWN} are shown.{" "}
                <Link href={explorerHref({ user: [String(userId)], ...windowFilter })}>All of this user&apos;s events in this window →</Link>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
