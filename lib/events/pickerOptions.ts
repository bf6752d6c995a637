import type { Db } from "../db/client";
import { z } from "zod";
import { listEventNames, type EventNameCount } from "./listEventNames";
import { listUsers, type KnownUser } from "./listUsers";

export interface PickerOptions {
  users: KnownUser[];
  eventNames: EventNameCount[];
}

/** Long enough to spare every page view two scans of the store; short enough that an email change shows the same hour. */
const MAX_AGE_MS = 10 * 60_000;
const cached = new WeakMap<Db, { newest: number; at: number; options: Promise<PickerOptions> }>();
const newestRowSchema = z.array(z.object({ newest: z.coerce.number().int().nullable() })).length(1);

/**
 * The known users and event names for the explorer's filter pickers. Both walk every stored event
 * (about 90 ms on 300,000 events, on the server's one thread), yet change only when events are
 * added, so they are kept per database until an event is added (the newest rowid, one index
 * lookup: counting the events would walk a million index entries on every page view) or ten
 * minutes pass (for emails Parsec changed on events already stored).
 */
export async function pickerOptions(db: Db, now = Date.now()): Promise<PickerOptions> {
  const newest = newestRowSchema.parse(await db.$queryRaw`SELECT max("rowid") AS "newest" FROM "Event"`)[0]!.newest ?? 0;
  const entry = cached.get(db);
  if (entry && entry.newest === newest && now - entry.at < MAX_AGE_MS) return entry.options;
  const options = Promise.all([listUsers(db), listEventNames(db)]).then(([users, eventNames]) => ({ users, eventNames }));
  cached.set(db, { newest, at: now, options });
  options.catch(() => cached.delete(db));
  return options;
}
