import { z } from "zod";
import type { Db } from "../store/client";

export interface KnownUser {
  userId: number;
  /** The email of the user's latest event that carried one (Parsec reports the *current* email), or null. */
  email: string | null;
  events: number;
}

const userRowsSchema = z.array(z.object({ userId: z.coerce.number().int(), email: z.string().nullable(), events: z.coerce.number().int().min(0) }));

/**
 * Every user with stored events, for the explorer's user picker: by email, then users without one
 * by id. Plain (portable) SQL: counting walks the (userId, occurredAt) index, and each user's latest
 * email is one index lookup; Prisma's groupBy over (userId, userEmail) had to sort every row
 * instead (0.8 s rather than 50 ms on 300,000 events).
 */
export async function listUsers(db: Db): Promise<KnownUser[]> {
  const rows = userRowsSchema.parse(
    await db.$queryRaw`
      SELECT u."userId" AS "userId", u."events" AS "events",
        (SELECT e."userEmail" FROM "Event" e
          WHERE e."userId" = u."userId" AND e."userEmail" IS NOT NULL
          ORDER BY e."occurredAt" DESC LIMIT 1) AS "email"
      FROM (SELECT "userId", COUNT(*) AS "events" FROM "Event" GROUP BY "userId") u`,
  );
  return rows.sort(byEmailThenId);
}

function byEmailThenId(a: KnownUser, b: KnownUser): number {
  if (a.email !== null && b.email !== null) return a.email.localeCompare(b.email) || a.userId - b.userId;
  if (a.email !== null || b.email !== null) return a.email === null ? 1 : -1;
  return a.userId - b.userId;
}
