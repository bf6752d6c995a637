import type { DeliveryEvent } from "../../delivery/deliveryEvent";

export interface S3Object {
  key: string;
  events: DeliveryEvent[];
}

/**
 * A batch as S3 objects: its events grouped by team and UTC day of `occurredAt` (Hive-style
 * partitions that Athena, BigQuery and Spark read as columns), in batch order, at
 * `<prefix>team=<teamId>/date=<YYYY-MM-DD>/<first id>-<last id>.ndjson.gz`. The name depends only
 * on the batch, which is fixed before it is sent, so a batch sent again overwrites its own objects.
 * Events Parsec re-delivered with changed content go to objects of their own in the same
 * partition, `...<first id>-<last id>.update-<change>.ndjson.gz`, so the first objects hold every
 * event exactly once and the updates sit beside them.
 */
export function s3Objects(prefix: string, batch: readonly DeliveryEvent[]): S3Object[] {
  const groups = new Map<string, DeliveryEvent[]>();
  for (const event of batch) {
    const partition = `${prefix}team=${event.teamId}/date=${new Date(event.occurredAt).toISOString().slice(0, 10)}/${event.update ? "u" : ""}`;
    const events = groups.get(partition);
    if (events) events.push(event);
    else groups.set(partition, [event]);
  }
  return [...groups].map(([partition, events]) => {
    const first = events[0]!;
    const last = events[events.length - 1]!;
    const update = first.update;
    const base = `${partition.slice(0, update ? -1 : undefined)}${safeKeyPart(first.id)}-${safeKeyPart(last.id)}`;
    return { key: update ? `${base}.update-${first.changeSeq}.ndjson.gz` : `${base}.ndjson.gz`, events };
  });
}

/** Parsec's ids are letters and digits; anything else is escaped so that it cannot add a path level. */
function safeKeyPart(id: string): string {
  return /^[A-Za-z0-9_-]+$/.test(id) ? id : encodeURIComponent(id);
}
