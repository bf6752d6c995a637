import { getConfig } from "../config";
import { latestEvents } from "../events/latestEvents";
import { getStore } from "../store/store";
import { readSyncStatus } from "./getSyncStatus";

const LATEST_EVENTS_SHOWN = 50;

/** Everything the overview shows: the sync's status and last runs, its period, and the newest events. */
export async function overviewPageData() {
  const { db } = await getStore();
  const [status, events] = await Promise.all([readSyncStatus(), latestEvents(db, LATEST_EVENTS_SHOWN)]);
  return { status, events, intervalSeconds: getConfig().sync.intervalMs / 1000 };
}
