import { z } from "zod";
import { preparedStatements, type SqliteConnection } from "../../store/sqlite";

const rowsSchema = z.array(z.object({ userId: z.number().int(), email: z.string().nullable() }));

const emailsStatement = (sqlite: SqliteConnection) =>
  sqlite.prepare<[string], unknown>(
    `SELECT ids."value" AS "userId",
       (SELECT e."userEmail" FROM "Event" e
         WHERE e."userId" = ids."value" AND e."userEmail" IS NOT NULL
         ORDER BY e."occurredAt" DESC LIMIT 1) AS "email"
     FROM (SELECT DISTINCT "value" FROM json_each(?)) ids`,
  );

/**
 * The email the store knows for each of these users (that of their latest event carrying one:
 * Parsec reports the current email), in one query however many there are: each is one walk down
 * the (userId, occurredAt) index. Users with no known email are absent.
 */
export function userEmails(sqlite: SqliteConnection, userIds: readonly number[]): Map<number, string> {
  if (userIds.length === 0) return new Map();
  const rows = rowsSchema.parse(preparedStatements(sqlite, emailsStatement).all(JSON.stringify([...new Set(userIds)])));
  return new Map(rows.flatMap((row) => (row.email === null ? [] : [[row.userId, row.email] as const])));
}
