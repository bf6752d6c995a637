"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { use } from "react";
import type { EventListRow } from "@/lib/events/queryEvents";
import { hostHref, userHref } from "@/lib/explorerUrl/entityHref";
import { explorerHref } from "@/lib/explorerUrl/explorerHref";
import { windowOfInstant } from "@/lib/explorerUrl/timelineLinks";
import { useShownZone } from "../timeDisplay";
import { LocalTime } from "../LocalTime";
import { AdminSummaryLine } from "./AdminSummaryLine";
import { CopyButton } from "./CopyButton";
import { ExplorerViewContext } from "./explorerViewContext";
import { useEventDetail } from "./useEventDetail";

/** The name of Parsec's field, shown as it is in every language. */
const DATA_FIELD = "data";

const fieldText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * Everything Parsec sent for one event: its fields, the `data` object in full, and where to look
 * next. The links come from the row at once; the event itself is fetched when the row opens.
 */
export function EventDetail({ row }: { row: EventListRow }) {
  const t = useTranslations("EventDetail");
  const [detail, retry] = useEventDetail(row.id);
  const event = detail.state === "loaded" ? detail.event : null;
  const { data, ...fields } = event ?? {};
  const dataJson = event ? JSON.stringify(data, null, 2) : "";
  // The user's and the host's events keep the explorer's time range; their timelines open on this event's day.
  const { from, to } = use(ExplorerViewContext).filters;
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const day = windowOfInstant(row.occurredAt, useShownZone());
  return (
    <div className="event-detail" id={`event-detail-${row.id}`} aria-busy={detail.state === "loading"}>
      <div className="event-detail__fields">
        <h3>{t("event")}</h3>
        {row.summary && (
          <p className="event-detail__summary">
            <AdminSummaryLine summary={row.summary} />
          </p>
        )}
        {detail.state === "loading" && (
          <p className="muted" role="status" data-testid="event-detail-loading">
            {t("loading")}
          </p>
        )}
        {detail.state === "failed" && (
          <div className="notice notice--error" role="alert" data-testid="event-detail-error">
            {t("failed")} {detail.message}{" "}
            <button type="button" className="button button--small" onClick={retry}>
              {t("retry")}
            </button>
          </div>
        )}
        {event && (
          <dl>
            {Object.entries(fields).map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>
                  <code>{fieldText(value)}</code>
                  {key === "timestamp" && (
                    <span className="muted"> {t.rich("yourTime", { time: () => <LocalTime iso={row.occurredAt} original={row.timestamp} /> })}</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
        <nav className="event-detail__links" aria-label={t("related")}>
          {row.attemptId && (
            <Link href={explorerHref({ attempt: [row.attemptId] })} prefetch={false}>
              {t("attemptEvents")}
            </Link>
          )}
          <Link href={explorerHref({ user: [String(row.userId)], ...range })} prefetch={false}>
            {t("userEvents")}
          </Link>
          <Link href={userHref(row.userId, day)} prefetch={false}>
            {t("userTimeline")}
          </Link>
          {row.hostComputerName && (
            <Link href={explorerHref({ host: [row.hostComputerName], ...range })} prefetch={false}>
              {t("hostEvents")}
            </Link>
          )}
          {row.hostComputerName && (
            <Link href={hostHref(row.hostComputerName, day)} prefetch={false}>
              {t("hostTimeline")}
            </Link>
          )}
        </nav>
      </div>
      {event && (
        <div className="event-detail__data">
          <div className="event-detail__heading">
            <h3>{DATA_FIELD}</h3>
            <CopyButton text={dataJson} label={t("copyData")} />
            <CopyButton text={JSON.stringify(event, null, 2)} label={t("copyEvent")} />
          </div>
          <pre className="json" tabIndex={0} aria-label={t("dataJson")}>
            {dataJson}
          </pre>
        </div>
      )}
    </div>
  );
}
