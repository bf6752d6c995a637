"use client";

import Link from "next/link";
import type { EventListRow } from "@/lib/events/queryEvents";
import { hostHref, userHref } from "@/lib/explorerUrl/entityHref";
import { explorerHref } from "@/lib/explorerUrl/explorerHref";
import { LocalTime } from "../LocalTime";
import { CopyButton } from "./CopyButton";
import { useEventDetail } from "./useEventDetail";

const fieldText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * Everything Parsec sent for one event: its fields, the `data` object in full, and where to look
 * next. The links come from the row at once; the event itself is fetched when the row opens.
 */
export function EventDetail({ row }: { row: EventListRow }) {
  const [detail, retry] = useEventDetail(row.id);
  const event = detail.state === "loaded" ? detail.event : null;
  const { data, ...fields } = event ?? {};
  const dataJson = event ? JSON.stringify(data, null, 2) : "";
  return (
    <div className="event-detail" id={`event-detail-${row.id}`} aria-busy={detail.state === "loading"}>
      <div className="event-detail__fields">
        <h3>Event</h3>
        {detail.state === "loading" && (
          <p className="muted" role="status" data-testid="event-detail-loading">
            Loading the event…
          </p>
        )}
        {detail.state === "failed" && (
          <div className="notice notice--error" role="alert" data-testid="event-detail-error">
            The event could not be loaded. {detail.message}{" "}
            <button type="button" className="button button--small" onClick={retry}>
              Try again
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
                    <span className="muted">
                      {" "}
                      (<LocalTime iso={row.occurredAt} original={row.timestamp} /> your time)
                    </span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
        <nav className="event-detail__links" aria-label="Related events">
          {row.attemptId && (
            <Link href={explorerHref({ attempt: [row.attemptId] })} prefetch={false}>
              All events of this attempt
            </Link>
          )}
          <Link href={explorerHref({ user: [String(row.userId)] })} prefetch={false}>
            This user&apos;s events
          </Link>
          <Link href={userHref(row.userId)} prefetch={false}>
            This user&apos;s timeline
          </Link>
          {row.hostComputerName && (
            <Link href={explorerHref({ host: [row.hostComputerName] })} prefetch={false}>
              This host&apos;s events
            </Link>
          )}
          {row.hostComputerName && (
            <Link href={hostHref(row.hostComputerName)} prefetch={false}>
              This host&apos;s timeline
            </Link>
          )}
        </nav>
      </div>
      {event && (
        <div className="event-detail__data">
          <div className="event-detail__heading">
            <h3>data</h3>
            <CopyButton text={dataJson} label="Copy data" />
            <CopyButton text={JSON.stringify(event, null, 2)} label="Copy event" />
          </div>
          <pre className="json" tabIndex={0} aria-label="The event's data as JSON">
            {dataJson}
          </pre>
        </div>
      )}
    </div>
  );
}
