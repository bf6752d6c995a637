import { recordViewerAudit } from "../auth/viewerAudit";
import { getConfig } from "../config";
import { getStore } from "../store/store";
import { ImportFileError, type ImportSummary } from "../ingest/importEvents";
import { importUploadedBody, uploadName } from "../ingest/importUpload";
import { getIngestRunner } from "./ingestRunnerHost";
import { importSummarySchema } from "./runnerProtocol";

export interface AdminUpload {
  body: ReadableStream<Uint8Array> | null;
  /** The x-file-name header as sent: made fit to show by `uploadName`. */
  rawName: string | null;
  /** The content-length header as sent; null when missing or not a size. */
  declaredBytes: number | null;
}

/**
 * An admin's upload through /admin/import: received into a temporary file here, then parsed and
 * stored by the ingest runner as `npm run import` would, up to IMPORT_MAX_MB, and recorded in the
 * viewer audit, an import refused whole (ImportFileError, rethrown) as such.
 */
export async function importAdminUpload(upload: AdminUpload, by: { actor: string; ip: string }): Promise<{ name: string } & ImportSummary> {
  const { db } = await getStore();
  const name = uploadName(upload.rawName);
  try {
    const summary = await importUploadedBody(upload.body, {
      name,
      declaredBytes: upload.declaredBytes,
      maxBytes: getConfig().importMaxBytes,
      importFile: async (file) => importSummarySchema.parse(await getIngestRunner().request({ type: "import", file, name })),
    });
    await recordViewerAudit(db, {
      action: "import",
      actor: by.actor,
      ip: by.ip,
      facts: {
        kind: "import",
        file: name,
        format: summary.format,
        received: summary.received,
        inserted: summary.inserted,
        updated: summary.updated,
        quarantined: summary.quarantined,
      },
    });
    return { name, ...summary };
  } catch (error) {
    if (error instanceof ImportFileError)
      await recordViewerAudit(db, { action: "import_refused", actor: by.actor, ip: by.ip, facts: { kind: "import-refused", message: error.message } });
    throw error;
  }
}
