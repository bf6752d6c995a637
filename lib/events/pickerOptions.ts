import type { Db } from "../db/client";
import { countAllEvents } from "./countAllEvents";
import { listEventNames, type EventNameCount } from "./listEventNames";
import { listUsers, type KnownUser } from "./listUsers";

export interface PickerOptions {
  users: KnownUser[];
  eventNames: EventNameCount[];
}

/** Long enough to spare every page view two scans of the store; short enough that an email change shows the same hour. */
const MAX_AGE_MS = 10 * 60_000;
const cached = new WeakMap<Db, { events: number; at: number; options: Promise<PickerOptions> }>();

/**
 * The known users and event names for the explorer's filter pickers. Both walk every stored event
 * (about 90 ms on 300,000 events, on the server's one thread), yet change only when events are
 * added, so they are kept per database until the number of events changes (cheap to ask) or
 * ten minutes pass (for emails Parsec changed on events already stored).
 */
export async function pickerOptions(db: Db, now = Date.now()): Promise<PickerOptions> {
  const events = await countAllEvents(db);
  const entry = cached.get(db);
  if (entry && entry.events === events && now - entry.at < MAX_AGE_MS) return entry.options;
  const options = Promise.all([listUsers(db), listEventNames(db)]).then(([users, eventNames]) => ({ users, eventNames }));
  cached.set(db, { events, at: now, options });
  options.catch(() => cached.delete(db));
  return options;
}
