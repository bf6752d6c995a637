import { getConfig } from "../config";
import { latestEvents } from "../events/latestEvents";
import { getStore } from "../store/store";
import { readLiveSyncStatus } from "./liveSyncStatus";

const LATEST_EVENTS_SHOWN = 50;

/** Everything the overview shows: the sync's status, last runs and next run, and the newest events. */
export async function overviewPageData() {
  const { db } = await getStore();
  const [status, events] = await Promise.all([readLiveSyncStatus(), latestEvents(db, LATEST_EVENTS_SHOWN)]);
  return { status, events, intervalSeconds: getConfig().sync.intervalMs / 1000 };
}
