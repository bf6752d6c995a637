import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requireAdmin } from "@/app/_auth/requireAdmin";
import { requestZone } from "@/app/_timeline/requestZone";
import { toConnectionListRow } from "@/lib/connections/connectionRow";
import { STALE_AFTER_HOURS } from "@/lib/connections/connectionStatus";
import { connectionPageData } from "@/lib/connections/connectionPage";
import { decodePathSegment } from "@/lib/explorerUrl/entityHref";
import { explorerHref } from "@/lib/explorerUrl/explorerHref";
import { windowOfInstant } from "@/lib/explorerUrl/timelineLinks";
import { ConnectionStatusBadge } from "@/components/connections/ConnectionStatusBadge";
import { ExitCodeExplained } from "@/components/connections/ExitCodeExplained";
import { RawEventsTable } from "@/components/connections/RawEventsTable";
import { formatSeconds } from "@/lib/i18n/dateTime";
import { HostLink } from "@/components/HostLink";
import { LocalTime } from "@/components/LocalTime";
import { UserLink } from "@/components/UserLink";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("ConnectionPage")]);
  return { title: t("pageTitle", { page: page("title") }) };
}

const time = (date: Date | null) => (date ? <LocalTime iso={date.toISOString()} /> : null);

/** One connection: how it went (with its exit codes explained), who and what was involved, and its raw events. */
export default async function ConnectionPage({ params }: { params: Promise<{ attemptId: string }> }) {
  await requireAdmin();
  await connection();
  const attemptId =
    decodePathSegment((await params).attemptId)
      ?.trim()
      .slice(0, 256) ?? "";
  const { stored, events, emailOf } = await connectionPageData(attemptId);
  const [locale, t] = await Promise.all([getLocale(), getTranslations("ConnectionPage")]);
  const yesNo = (value: boolean | null) => (value === null ? null : value ? t("yes") : t("no"));
  const eventsLink = (
    <Link href={explorerHref({ attempt: [attemptId] })} prefetch={false}>
      {t("openEvents")}
    </Link>
  );
  if (!stored) {
    return (
      <>
        <h1>{t("title")}</h1>
        <div className="notice notice--warn" role="alert" data-testid="connection-missing">
          {t.rich("missing", { unstitched: events.length, code: () => <code>{attemptId}</code> })}
        </div>
        {events.length > 0 && <RawEventsTable rows={events} testId="connection-events" />}
      </>
    );
  }
  const row = toConnectionListRow(stored, Date.now(), emailOf);
  // The user's and the host's timelines open on the day of this connection.
  const day = windowOfInstant(row.startedAt, await requestZone());
  const fields: [string, ReactNode][] = [
    [t("user"), row.clientUserId === null ? null : <UserLink userId={row.clientUserId} email={row.clientEmail} window={day} />],
    [t("hostComputer"), row.hostComputerName && <HostLink name={row.hostComputerName} window={day} />],
    [
      t("host"),
      [stored.hostIsShared ? t("sharedComputer") : stored.hostIsTeamComputer ? t("teamComputer") : t("personalComputer"), stored.hostPlatform, stored.hostIp]
        .filter(Boolean)
        .join(" · "),
    ],
    [t("hostOwner"), stored.hostUserId ? <UserLink userId={stored.hostUserId} email={emailOf(stored.hostUserId)} window={day} /> : null],
    [t("clientComputer"), row.clientComputerName],
    [
      t("client"),
      [
        stored.clientIp,
        [stored.clientOs, stored.clientOsVersion].filter(Boolean).join(" "),
        stored.clientPlatform,
        stored.clientAppVersion && t("app", { version: stored.clientAppVersion }),
      ]
        .filter(Boolean)
        .join(" · "),
    ],
    [t("toSelf"), yesNo(stored.connectingToSelf)],
    [t("requested"), time(stored.requestedAt)],
    [t("relayed"), time(stored.relayedAt)],
    [t("completed"), time(stored.completedAt)],
    [t("ended"), time(stored.endedAt)],
    [
      t("duration"),
      stored.durationSeconds === null
        ? null
        : `${formatSeconds(stored.durationSeconds, locale)}${stored.hostDurationSeconds !== null && stored.hostDurationSeconds !== stored.durationSeconds ? t("hostSays", { duration: formatSeconds(stored.hostDurationSeconds, locale) }) : ""}`,
    ],
    [t("missingEvents"), row.missingEvents.length ? row.missingEvents.map((name) => <code key={name}>{name} </code>) : null],
    [t("disagree"), stored.disagreements && <code>{stored.disagreements}</code>],
  ];
  return (
    <>
      <h1>
        {t("title")} <ConnectionStatusBadge status={row.status} />
      </h1>
      <p className="muted">{t.rich("attemptStarted", { code: () => <code data-testid="attempt-id">{attemptId}</code>, time: () => time(stored.startedAt) })}</p>
      {row.status === "stale" && (
        <p className="notice notice--warn" data-testid="connection-stale">
          {t.rich("stale", { hours: STALE_AFTER_HOURS, time: () => time(stored.completedAt ?? stored.lastEventAt) })}
        </p>
      )}
      <div className="connection-detail">
        <section className="card" aria-labelledby="verdict-heading">
          <h2 id="verdict-heading">{t("completion")}</h2>
          <ExitCodeExplained code={stored.completionExitCode} testId="completion-exit" />
          {stored.hostCompletionExitCode !== null && stored.hostCompletionExitCode !== stored.completionExitCode && (
            <>
              <h3>{t("hostSide")}</h3>
              <ExitCodeExplained code={stored.hostCompletionExitCode} />
            </>
          )}
          <h2>{t("disconnect")}</h2>
          {stored.disconnectExitCode === null && row.status === "failed" ? (
            <span className="muted">{t("neverConnected")}</span>
          ) : (
            <ExitCodeExplained code={stored.disconnectExitCode} testId="disconnect-exit" />
          )}
          {stored.hostDisconnectExitCode !== null && stored.hostDisconnectExitCode !== stored.disconnectExitCode && (
            <>
              <h3>{t("hostSide")}</h3>
              <ExitCodeExplained code={stored.hostDisconnectExitCode} />
            </>
          )}
        </section>
        <section className="card" aria-label={t("details")}>
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
        <h2 id="events-heading">{t("itsEvents", { count: events.length })}</h2>
        <RawEventsTable rows={events} testId="connection-events" />
        <p>{eventsLink}</p>
      </section>
    </>
  );
}
