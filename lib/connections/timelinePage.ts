import { userAdminActions } from "../events/eventsOf";
import { pickerOptions } from "../events/pickerOptions";
import { windowRange } from "../explorerUrl/timelineLinks";
import { getStore, type Store } from "../store/store";
import { emailLookup } from "./queryConnections";
import { timelineConnections, type TimelineSubject } from "./timelineConnections";
import { timelinePageWindow } from "./timelinePageParams";

/** How many of a user's admin actions their page lists (the newest of its window). */
export const ADMIN_ACTIONS_SHOWN = 50;

/**
 * What a user's or a host's page shows, from its URL and the browser's zone cookie: the window
 * (with the parameters it ignored), the subject's connections in it, a user's admin actions in
 * it, and the known users' emails. `store` for the benchmark, which times this on a file of its own.
 */
export async function timelinePageData(
  subject: TimelineSubject,
  searchParams: Record<string, string | string[] | undefined>,
  zoneCookie: string | undefined,
  nowMs: number,
  store?: Store,
) {
  const { db, sqlite } = store ?? (await getStore());
  const { window, problems } = timelinePageWindow(searchParams, zoneCookie, nowMs);
  const { users } = await pickerOptions(db);
  const emailOf = emailLookup(users);
  const connections = timelineConnections(sqlite, subject, window, nowMs, emailOf);
  const adminActions = "userId" in subject ? await userAdminActions(db, subject.userId, window, ADMIN_ACTIONS_SHOWN) : null;
  /** The window as the connections table's and the explorer's from/to. */
  const windowFilter = windowRange(window);
  return { window, problems, users, emailOf, connections, adminActions, windowFilter };
}
