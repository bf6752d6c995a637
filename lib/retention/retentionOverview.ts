import { getConfig } from "../config";
import type { Db } from "../store/client";
import { readLastRetentionRun, type RetentionPolicy, type RetentionRun } from "./runRetention";

export interface RetentionOverview {
  /** null: RETENTION_DAYS is not set, everything is kept. */
  policy: RetentionPolicy | null;
  lastRun: RetentionRun | null;
  /** How many destinations the policy waits for. */
  destinations: number;
}

/** What the overview says about the retention policy. */
export async function retentionOverview(db: Db): Promise<RetentionOverview> {
  const config = getConfig();
  return { policy: config.retention, lastRun: config.retention ? await readLastRetentionRun(db) : null, destinations: config.integrations.destinations.length };
}
