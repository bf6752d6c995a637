import type { Db } from "../store/client";
import { z } from "zod";
import { listEventNames, type EventNameCount } from "./listEventNames";
import { listUsers, type KnownUser } from "./listUsers";

export interface PickerOptions {
  users: KnownUser[];
  eventNames: EventNameCount[];
}

/** Long enough to spare every page view two scans of the store; short enough that an email change shows the same hour. */
const MAX_AGE_MS = 10 * 60_000;

interface CachedOptions {
  /** The newest event rowid the lists were made for. */
  newest: number;
  at: number;
  options: Promise<PickerOptions>;
  /** `options` once made. */
  ready: PickerOptions | null;
  /** The lists made before, for `staleWhileRefreshing` callers while `options` is being made. */
  previous: PickerOptions | null;
}

const cached = new WeakMap<Db, CachedOptions>();
const newestRowSchema = z.array(z.object({ newest: z.coerce.number().int().nullable() })).length(1);

/**
 * The known users and event names for the explorer's filter pickers. Both walk every stored event
 * (about 90 ms on 300,000 events, over a second on a million, on the server's one thread), yet
 * change only when events are added, so they are kept per database until an event is added (the
 * newest rowid, one index lookup: counting the events would walk a million index entries on every
 * page view) or ten minutes pass (for emails Parsec changed on events already stored).
 * `staleWhileRefreshing`: while new lists are being made, answer with the previous ones rather
 * than wait, for the explorer's pickers, which may lag the sync by those few seconds; a caller
 * that needs every current email (an export) waits.
 */
export async function pickerOptions(db: Db, now = Date.now(), { staleWhileRefreshing = false } = {}): Promise<PickerOptions> {
  const newest = newestRowSchema.parse(await db.$queryRaw`SELECT max("rowid") AS "newest" FROM "Event"`)[0]!.newest ?? 0;
  let entry = cached.get(db);
  if (!entry || entry.newest !== newest || now - entry.at >= MAX_AGE_MS) {
    const options = Promise.all([listUsers(db), listEventNames(db)]).then(([users, eventNames]) => ({ users, eventNames }));
    const made: CachedOptions = { newest, at: now, options, ready: null, previous: entry?.ready ?? entry?.previous ?? null };
    entry = made;
    cached.set(db, made);
    options.then(
      (ready) => {
        made.ready = ready;
        made.previous = null;
      },
      () => {
        if (cached.get(db) === made) cached.delete(db);
      },
    );
  }
  return staleWhileRefreshing && !entry.ready && entry.previous ? entry.previous : entry.options;
}
