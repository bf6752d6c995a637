import type { Db } from "../store/client";

/** What the viewer records about its own use (shown at /admin/audit). */
export const VIEWER_ACTIONS = {
  sign_in: "Signed in",
  sign_in_failed: "Failed sign-in",
  sign_out: "Signed out",
  password_changed: "Changed password",
  password_change_failed: "Failed password change",
  admin_created: "Admin account created",
  sync_started: "Started a sync",
  import: "Imported a file",
  import_refused: "Refused an import",
  // The stored key of an events export stays "export"; connections have their own.
  export: "Exported events",
  export_connections: "Exported connections",
  backup: "Took a backup",
  restore: "Restored a backup",
  integration_paused: "Paused an integration",
  integration_resumed: "Resumed an integration",
  integration_test: "Sent a test event",
  integration_replay: "Replayed to an integration",
  alert_rule_saved: "Saved an alert rule",
  alert_rule_deleted: "Deleted an alert rule",
  alert_rule_muted: "Muted or unmuted an alert rule",
  alert_channel_saved: "Saved an alert channel",
  alert_channel_deleted: "Deleted an alert channel",
  alert_acknowledged: "Acknowledged an alert",
} as const;

export type ViewerAction = keyof typeof VIEWER_ACTIONS;

export interface ViewerAuditInput {
  action: ViewerAction;
  /** The admin's email, "sync-token" for the cron bearer, or null when nobody is known. */
  actor: string | null;
  ip?: string | null;
  /** A short note for people; never a secret (no passwords, tokens or keys). */
  detail?: string | null;
  at?: Date;
}

const MAX_DETAIL = 500;

export async function recordViewerAudit(db: Db, entry: ViewerAuditInput): Promise<void> {
  await db.viewerAuditEntry.create({
    data: {
      action: entry.action,
      actor: entry.actor?.slice(0, 254) ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail?.slice(0, MAX_DETAIL) ?? null,
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
