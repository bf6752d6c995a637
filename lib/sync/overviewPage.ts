import { getConfig } from "../config";
import { latestEvents } from "../events/latestEvents";
import { retentionOverview } from "../retention/retentionOverview";
import { getStore } from "../store/store";
import { readSyncStatus } from "./getSyncStatus";

const LATEST_EVENTS_SHOWN = 50;

/** Everything the overview shows: the sync's status and last runs, its period, the newest events and the retention policy. */
export async function overviewPageData() {
  const { db } = await getStore();
  const [status, events, retention] = await Promise.all([readSyncStatus(), latestEvents(db, LATEST_EVENTS_SHOWN), retentionOverview(db)]);
  return { status, events, retention, intervalSeconds: getConfig().sync.intervalMs / 1000 };
}
