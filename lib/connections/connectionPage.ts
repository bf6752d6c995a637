import { attemptEvents } from "../events/eventsOf";
import { pickerOptions } from "../events/pickerOptions";
import { getStore } from "../store/store";
import { findConnection } from "./findConnection";
import { emailLookup } from "./queryConnections";

/**
 * What /connections/<attempt id> shows: the stored connection (null when it is not stitched, or
 * unknown), its raw events, and the known users' emails.
 */
export async function connectionPageData(attemptId: string) {
  const { db } = await getStore();
  const [stored, events, options] = await Promise.all([findConnection(db, attemptId), attemptEvents(db, attemptId), pickerOptions(db)]);
  return { stored, events, emailOf: emailLookup(options.users) };
}
