import { cookies } from "next/headers";
import { connection } from "next/server";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { getSqlite } from "@/lib/store/sqlite";
import { emailLookup } from "@/lib/connections/queryConnections";
import { timelinePageWindow } from "@/lib/connections/timelinePageParams";
import { pickerOptions } from "@/lib/events/pickerOptions";
import { ZONE_COOKIE } from "@/lib/explorerUrl/zoneCookie";

/**
 * What a user's and a host's page both start from: the window their URL and the browser's zone
 * cookie ask for (with the parameters it ignored), the database (Prisma, and the raw connection the
 * timeline reads through), and the known users' emails.
 */
export async function timelinePageContext(searchParams: Promise<Record<string, string | string[] | undefined>>) {
  await connection(); // rendered per request: connections change as the sync runs
  const nowMs = Date.now();
  const { window, problems } = timelinePageWindow(await searchParams, (await cookies()).get(ZONE_COOKIE)?.value, nowMs);
  const { databaseFile } = getConfig();
  const db = await getDatabase(databaseFile);
  const { users } = await pickerOptions(db);
  /** The window as the connections table's and the explorer's from/to. */
  const windowFilter = { from: [new Date(window.startMs).toISOString()], to: [new Date(window.endMs - 1).toISOString()] };
  return { nowMs, window, problems, db, sqlite: getSqlite(databaseFile), users, emailOf: emailLookup(users), windowFilter };
}
