import { formatDuration } from "../parsec/formatDuration";
import type { SyncProgress } from "./syncProgress";

/** One line for a terminal or a log: where a pass stands and, when it can be told, how long it has left. */
export function describeProgress(progress: SyncProgress): string {
  const parts = [
    `${progress.mode}: ${progress.pages.toLocaleString("en")} ${progress.pages === 1 ? "page" : "pages"}, ${progress.events.toLocaleString("en")} events`,
  ];
  if (progress.eventsPerSecond !== null) parts.push(`${progress.eventsPerSecond.toLocaleString("en")} events/s`);
  if (progress.oldestSeen) parts.push(`reached ${progress.order === "oldest-first" ? progress.newestSeen : progress.oldestSeen}`);
  if (progress.estimate) {
    parts.push(`about ${progress.estimate.remainingEvents.toLocaleString("en")} events and ${formatDuration(progress.estimate.remainingMs)} left (estimate)`);
  }
  if (progress.waiting) parts.push(`waiting until ${progress.waiting.until}: ${progress.waiting.detail}`);
  return parts.join(", ");
}
