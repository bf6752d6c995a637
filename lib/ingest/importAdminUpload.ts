import { recordViewerAudit } from "../auth/viewerAudit";
import { getConfig } from "../config";
import { getStore } from "../store/store";
import { ImportFileError, type ImportSummary } from "./importEvents";
import { importUploadedBody, uploadName } from "./importUpload";

export interface AdminUpload {
  body: ReadableStream<Uint8Array> | null;
  /** The x-file-name header as sent: made fit to show by `uploadName`. */
  rawName: string | null;
  /** The content-length header as sent; null when missing or not a size. */
  declaredBytes: number | null;
}

/**
 * An admin's upload through /admin/import: imported as `npm run import` would, up to
 * IMPORT_MAX_MB, and recorded in the viewer audit, an import refused whole (ImportFileError,
 * rethrown) as such.
 */
export async function importAdminUpload(upload: AdminUpload, by: { actor: string; ip: string }): Promise<{ name: string } & ImportSummary> {
  const { db, sqlite } = await getStore();
  const name = uploadName(upload.rawName);
  try {
    const summary = await importUploadedBody(upload.body, { name, declaredBytes: upload.declaredBytes, maxBytes: getConfig().importMaxBytes, db, sqlite });
    await recordViewerAudit(db, {
      action: "import",
      actor: by.actor,
      ip: by.ip,
      detail: `${name} (${summary.format}): ${summary.received} read, ${summary.inserted} new, ${summary.updated} updated, ${summary.quarantined} quarantined`,
    });
    return { name, ...summary };
  } catch (error) {
    if (error instanceof ImportFileError) await recordViewerAudit(db, { action: "import_refused", actor: by.actor, ip: by.ip, detail: error.message });
    throw error;
  }
}
