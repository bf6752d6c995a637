import { existsSync } from "node:fs";
import { getConfig } from "../config";
import { pendingMigrations } from "../store/migrate";
import { migrationNames } from "../store/schemaEngine";
import { getStore } from "../store/store";
import { logger } from "../logging/logger.mjs";

export type ReadinessCheck = "ok" | "failing" | "off";

export interface Readiness {
  status: "ready" | "not ready";
  /** One word per check: enough for an orchestrator or an uptime page, nothing an anonymous caller should not see. */
  checks: { database: ReadinessCheck; migrations: ReadinessCheck; sync: ReadinessCheck };
}

/**
 * For an orchestrator's readiness probe: the store answers, every migration of this version is
 * applied, and the sync has not been failing for longer than READY_SYNC_FAILING_MINUTES (0 leaves
 * the sync out, for those who would rather keep serving the stored history while Parsec refuses).
 * Why a check fails goes to the server's log.
 */
export async function checkReadiness(now = new Date()): Promise<Readiness> {
  const { databaseFile, readySyncFailingMs } = getConfig();
  const checks: Readiness["checks"] = { database: "ok", migrations: "ok", sync: readySyncFailingMs > 0 ? "ok" : "off" };
  try {
    // An open SQLite connection keeps answering from a file deleted under it (a volume gone, a
    // mistaken rm): what it writes then is lost with the last handle, so that is not ready.
    if (!existsSync(databaseFile)) throw new Error(`the database file ${databaseFile} is gone`);
    const { db } = await getStore();
    await db.$queryRawUnsafe("SELECT 1");
    const pending = pendingMigrations(databaseFile, migrationNames());
    if (pending.length > 0) {
      checks.migrations = "failing";
      logger("readiness").error(`${pending.length} migrations not applied (${pending.join(", ")}): restart the server or run npm run db:migrate`);
    }
    if (readySyncFailingMs > 0) {
      const failingSince = await syncFailingSince(db);
      if (failingSince && now.getTime() - failingSince.getTime() > readySyncFailingMs) {
        checks.sync = "failing";
        logger("readiness").error(`every sync since ${failingSince.toISOString()} failed`);
      }
    }
  } catch (error) {
    checks.database = "failing";
    logger("readiness").error({ err: error }, "the database does not answer");
  }
  const ready = Object.values(checks).every((check) => check !== "failing");
  return { status: ready ? "ready" : "not ready", checks };
}

type StoreDb = Awaited<ReturnType<typeof getStore>>["db"];

/** When the current run of failed syncs began: the first failure after the last success, or null when the last finished sync succeeded. */
async function syncFailingSince(db: StoreDb): Promise<Date | null> {
  const lastSuccess = await db.syncRun.findFirst({ where: { kind: "sync", status: "succeeded" }, orderBy: { id: "desc" }, select: { id: true } });
  const firstFailure = await db.syncRun.findFirst({
    where: { kind: "sync", status: "failed", ...(lastSuccess ? { id: { gt: lastSuccess.id } } : {}) },
    orderBy: { id: "asc" },
    select: { startedAt: true },
  });
  return firstFailure?.startedAt ?? null;
}
