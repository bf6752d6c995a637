import type { Db } from "../store/client";
import type { ViewerAuditFacts } from "./viewerAuditFacts";
import { viewerAuditDetail } from "./viewerAuditSentence";

/**
 * What the viewer records about its own use (shown at /admin/audit), as stored: these keys stay
 * English; the page says each in the reader's language (messages/*.json, ViewerAudit.action).
 */
export const VIEWER_ACTIONS = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "password_changed",
  "password_change_failed",
  "admin_created",
  "sync_started",
  "import",
  "import_refused",
  "export",
  "export_connections",
  "backup",
  "restore",
  "integration_paused",
  "integration_resumed",
  "integration_test",
  "integration_replay",
  "alert_rule_saved",
  "alert_rule_deleted",
  "alert_rule_muted",
  "alert_channel_saved",
  "alert_channel_deleted",
  "alert_acknowledged",
  "retention",
] as const;

export type ViewerAction = (typeof VIEWER_ACTIONS)[number];

export interface ViewerAuditInput {
  action: ViewerAction;
  /** The admin's email, "sync-token" for the cron bearer, or null when nobody is known. */
  actor: string | null;
  ip?: string | null;
  /** What else it records, for people; never a secret (no passwords, tokens or keys). Stored with its English wording as `detail`. */
  facts?: ViewerAuditFacts;
  at?: Date;
}

const MAX_DETAIL = 500;

export async function recordViewerAudit(db: Db, entry: ViewerAuditInput): Promise<void> {
  await db.viewerAuditEntry.create({
    data: {
      action: entry.action,
      actor: entry.actor?.slice(0, 254) ?? null,
      ip: entry.ip ?? null,
      detail: entry.facts ? viewerAuditDetail(entry.facts).slice(0, MAX_DETAIL) : null,
      facts: entry.facts ? JSON.stringify(entry.facts) : null,
      at: entry.at ?? new Date(),
    },
  });
}

export interface ViewerAuditRow {
  id: number;
  at: string;
  action: string;
  actor: string | null;
  ip: string | null;
  detail: string | null;
  facts: string | null;
}

/** Newest first, `limit` rows older than the row `beforeId` (keyset paging). */
export async function listViewerAudit(db: Db, options: { limit: number; beforeId?: number; action?: ViewerAction }): Promise<ViewerAuditRow[]> {
  const rows = await db.viewerAuditEntry.findMany({
    where: { ...(options.beforeId ? { id: { lt: options.beforeId } } : {}), ...(options.action ? { action: options.action } : {}) },
    orderBy: { id: "desc" },
    take: options.limit,
  });
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}
