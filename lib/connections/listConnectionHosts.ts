import { z } from "zod";
import type { Db } from "../store/client";

const hostsSchema = z.array(z.object({ name: z.string() }));

/**
 * Every host computer name among the stored connections, for the host filter's suggestions. A
 * skip scan of the (hostComputerName, startedAt) index, one seek per name: SQLite's DISTINCT
 * walks every entry instead (17 ms at 166,000 connections, on every view of /insights).
 */
export async function listConnectionHosts(db: Db): Promise<string[]> {
  const rows = hostsSchema.parse(
    await db.$queryRaw`
      WITH RECURSIVE "hosts"("name") AS (
        SELECT MIN("hostComputerName") FROM "Connection" WHERE "hostComputerName" IS NOT NULL
        UNION ALL
        SELECT (SELECT MIN("hostComputerName") FROM "Connection" WHERE "hostComputerName" > "hosts"."name") FROM "hosts" WHERE "name" IS NOT NULL
      )
      SELECT "name" FROM "hosts" WHERE "name" IS NOT NULL`,
  );
  return rows.map((row) => row.name);
}

const firstSchema = z.array(z.object({ first: z.coerce.number().nullable() })).length(1);

/** When the first stored connection started (Unix ms), or null: the start of "all" on the insights page. */
export async function firstConnectionStart(db: Db): Promise<number | null> {
  const rows = firstSchema.parse(await db.$queryRaw`SELECT MIN("startedAt") AS "first" FROM "Connection"`);
  return rows[0]!.first;
}
