import { getStore } from "../store/store";
import { AUDIT_PAGE_SIZE, parseAuditParams } from "./parseAuditParams";
import type { Locale } from "../i18n/locales";
import { listViewerAudit } from "./viewerAudit";
import { storedViewerAuditSentence } from "./viewerAuditSentence";

/**
 * What /admin/audit shows, from its URL: one page of the viewer audit, newest first (of one action
 * when `action` names one), and the id to continue from when older entries remain.
 */
export async function viewerAuditPageData(searchParams: Record<string, string | string[] | undefined>, locale: Locale) {
  const { action, before } = parseAuditParams(searchParams);
  const { db } = await getStore();
  const rows = await listViewerAudit(db, { limit: AUDIT_PAGE_SIZE + 1, beforeId: before, action });
  const shown = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, sentence: storedViewerAuditSentence(row, locale) }));
  return { action, before, rows: shown, olderBefore: rows.length > AUDIT_PAGE_SIZE ? shown.at(-1)!.id : undefined };
}
