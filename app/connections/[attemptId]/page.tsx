import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { toConnectionListRow } from "@/lib/connections/connectionRow";
import { connectionPageData } from "@/lib/connections/connectionPage";
import { decodePathSegment } from "@/lib/explorerUrl/entityHref";
import { explorerHref } from "@/lib/explorerUrl/explorerHref";
import { ConnectionStatusBadge } from "@/components/connections/ConnectionStatusBadge";
import { ExitCodeExplained } from "@/components/connections/ExitCodeExplained";
import { RawEventsTable } from "@/components/connections/RawEventsTable";
import { getLocale } from "next-intl/server";
import { formatSeconds } from "@/lib/i18n/dateTime";
import { HostLink } from "@/components/HostLink";
import { LocalTime } from "@/components/LocalTime";
import { UserLink } from "@/components/UserLink";

export const metadata: Metadata = { title: "Connection · Parsec audit log" };

const time = (date: Date | null) => (date ? <LocalTime iso={date.toISOString()} /> : null);
const yesNo = (value: boolean | null) => (value === null ? null : value ? "yes" : "no");

/** One connection: how it went (with its exit codes explained), who and what was involved, and its raw events. */
export default async function ConnectionPage({ params }: { params: Promise<{ attemptId: string }> }) {
  await requireAdmin();
  await connection();
  const attemptId =
    decodePathSegment((await params).attemptId)
      ?.trim()
      .slice(0, 256) ?? "";
  const { stored, events, emailOf } = await connectionPageData(attemptId);
  const locale = await getLocale();
  const eventsLink = (
    <Link href={explorerHref({ attempt: [attemptId] })} prefetch={false}>
      Open these events in the explorer →
    </Link>
  );
  if (!stored) {
    return (
      <>
        <h1>Connection</h1>
        <div className="notice notice--warn" role="alert" data-testid="connection-missing">
          No connection with attempt id <code>{attemptId}</code> is stored
          {events.length > 0 ? `, though ${events.length} of its events are: it has not been stitched yet.` : "."}
        </div>
        {events.length > 0 && <RawEventsTable rows={events} testId="connection-events" />}
      </>
    );
  }
  const row = toConnectionListRow(stored, Date.now(), emailOf);
  const fields: [string, ReactNode][] = [
    ["User", row.clientUserId === null ? null : <UserLink userId={row.clientUserId} email={row.clientEmail} />],
    ["Host computer", row.hostComputerName && <HostLink name={row.hostComputerName} />],
    [
      "Host",
      [stored.hostIsShared ? "shared team computer" : stored.hostIsTeamComputer ? "team computer" : "personal computer", stored.hostPlatform, stored.hostIp]
        .filter(Boolean)
        .join(" · "),
    ],
    ["Host owner", stored.hostUserId ? <UserLink userId={stored.hostUserId} email={emailOf(stored.hostUserId)} /> : null],
    ["Client computer", row.clientComputerName],
    [
      "Client",
      [
        stored.clientIp,
        [stored.clientOs, stored.clientOsVersion].filter(Boolean).join(" "),
        stored.clientPlatform,
        stored.clientAppVersion && `app ${stored.clientAppVersion}`,
      ]
        .filter(Boolean)
        .join(" · "),
    ],
    ["Connecting to self", yesNo(stored.connectingToSelf)],
    ["Requested", time(stored.requestedAt)],
    ["Relayed", time(stored.relayedAt)],
    ["Completed", time(stored.completedAt)],
    ["Ended", time(stored.endedAt)],
    [
      "Duration",
      stored.durationSeconds === null
        ? null
        : `${formatSeconds(stored.durationSeconds, locale)}${stored.hostDurationSeconds !== null && stored.hostDurationSeconds !== stored.durationSeconds ? ` (host says ${formatSeconds(stored.hostDurationSeconds, locale)})` : ""}`,
    ],
    ["Missing events", row.missingEvents.length ? row.missingEvents.map((name) => <code key={name}>{name} </code>) : null],
    ["Perspectives disagree", stored.disagreements && <code>{stored.disagreements}</code>],
  ];
  return (
    <>
      <h1>
        Connection <ConnectionStatusBadge status={row.status} />
      </h1>
      <p className="muted">
        Attempt id <code data-testid="attempt-id">{attemptId}</code> · started {time(stored.startedAt)}
      </p>
      <div className="connection-detail">
        <section className="card" aria-labelledby="verdict-heading">
          <h2 id="verdict-heading">Completion</h2>
          <ExitCodeExplained code={stored.completionExitCode} testId="completion-exit" />
          {stored.hostCompletionExitCode !== null && stored.hostCompletionExitCode !== stored.completionExitCode && (
            <>
              <h3>Host side</h3>
              <ExitCodeExplained code={stored.hostCompletionExitCode} />
            </>
          )}
          <h2>Disconnect</h2>
          {stored.disconnectExitCode === null && row.status === "failed" ? (
            <span className="muted">none: the attempt never connected</span>
          ) : (
            <ExitCodeExplained code={stored.disconnectExitCode} testId="disconnect-exit" />
          )}
          {stored.hostDisconnectExitCode !== null && stored.hostDisconnectExitCode !== stored.disconnectExitCode && (
            <>
              <h3>Host side</h3>
              <ExitCodeExplained code={stored.hostDisconnectExitCode} />
            </>
          )}
        </section>
        <section className="card" aria-label="Connection details">
          <dl className="fields">
            {fields
              .filter(([, value]) => value !== null && value !== "" && value !== undefined)
              .map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
        </section>
      </div>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Its {events.length} events</h2>
        <RawEventsTable rows={events} testId="connection-events" />
        <p>{eventsLink}</p>
      </section>
    </>
  );
}
