import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "../store/testing";
import {
  CONNECTING_MAX_AGE_MS,
  DISPLAY_STATUSES,
  displayStatus,
  displayStatusCondition,
  displayStatusSql,
  displayStatusWhere,
  OPEN_CONNECTION_MAX_AGE_MS,
} from "./connectionStatus";
import { connectionStatements, writeConnection } from "../ingest/refreshConnections";
import { RollupChanges } from "./rollupContributions";
import { stitchConnection } from "./stitchConnection";
import { flowEvents } from "./testing";

const NOW = new Date("2026-03-10T12:00:00.000Z");
let database: TempDatabase;

/** Stored statuses at ages around each threshold. */
const CASES = [
  ["open", 0],
  ["open", OPEN_CONNECTION_MAX_AGE_MS],
  ["open", OPEN_CONNECTION_MAX_AGE_MS + 1],
  ["open", 30 * OPEN_CONNECTION_MAX_AGE_MS],
  ["connecting", CONNECTING_MAX_AGE_MS],
  ["connecting", CONNECTING_MAX_AGE_MS + 1],
  ["failed", 10 * OPEN_CONNECTION_MAX_AGE_MS],
  ["ended", 5],
  ["incomplete", 5],
] as const;

beforeAll(async () => {
  database = await createTempDatabase();
  const statements = connectionStatements(database.sqlite);
  CASES.forEach(([status, age], i) => {
    const base = stitchConnection(`attempt-${i}`, flowEvents({ attemptId: `attempt-${i}` }));
    const row = { ...base, status, lastEventAt: new Date(NOW.getTime() - age) };
    writeConnection(statements, new RollupChanges(), null, row, NOW.getTime());
  });
});
afterAll(() => database.close());

describe("display status", () => {
  it("turns open into active or, once older than any session runs, stale; and old connecting into incomplete", () => {
    expect(CASES.map(([status, age]) => displayStatus({ status, lastEventAt: NOW.getTime() - age }, NOW))).toEqual([
      "active",
      "active",
      "stale",
      "stale",
      "connecting",
      "incomplete",
      "failed",
      "ended",
      "incomplete",
    ]);
  });

  it("counts a stale connection in no other status, and every stored row in exactly one", () => {
    const shown = CASES.map(([status, age]) => displayStatus({ status, lastEventAt: NOW.getTime() - age }, NOW));
    for (const [i, status] of shown.entries()) {
      const matching = DISPLAY_STATUSES.filter((wanted) => {
        const sql = `SELECT 1 FROM "Connection" c WHERE c."attemptId" = ? AND ${displayStatusCondition(wanted, NOW, "c")}`;
        return database.sqlite.prepare(sql).get(`attempt-${i}`) !== undefined;
      });
      expect(matching, `attempt-${i}`).toEqual([status]);
    }
  });

  it.each(DISPLAY_STATUSES)("%s: the SQL condition, the SQL expression and the Prisma filter select what the function says", async (wanted) => {
    const expected = CASES.map(([status, age], i) => ({ i, shown: displayStatus({ status, lastEventAt: NOW.getTime() - age }, NOW) }))
      .filter((c) => c.shown === wanted)
      .map((c) => `attempt-${c.i}`)
      .sort();
    const ids = (sql: string) => (database.sqlite.prepare(sql).all() as { attemptId: string }[]).map((r) => r.attemptId).sort();
    expect(ids(`SELECT "attemptId" FROM "Connection" c WHERE ${displayStatusCondition(wanted, NOW, "c")}`)).toEqual(expected);
    expect(ids(`SELECT "attemptId" FROM "Connection" WHERE ${displayStatusSql(NOW)} = '${wanted}'`)).toEqual(expected);
    const viaPrisma = await database.db.connection.findMany({ where: displayStatusWhere(wanted, NOW), select: { attemptId: true } });
    expect(viaPrisma.map((r) => r.attemptId).sort()).toEqual(expected);
  });
});
