import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { ImportUploadForm } from "@/components/admin/ImportUploadForm";
import { requireAdmin } from "../../_auth/requireAdmin";

export const metadata: Metadata = { title: "Import · Parsec audit log" };

/** The upload form of `npm run import`: same formats, same upsert and quarantine rules. */
export default async function ImportPage() {
  const admin = await requireAdmin();
  const maxBytes = getConfig().importMaxBytes;
  return (
    <div className="auth-page">
      <h1>Import</h1>
      <p>
        A Parsec dashboard download: a JSON array of events, an object <code>{'{"data": [...]}'}</code>, or NDJSON (one event per line), up to{" "}
        {maxBytes / 1024 / 1024} MB. A file in none of these formats is refused whole, with nothing stored. Events already stored are updated, never duplicated;
        an event that does not match Parsec&apos;s shape is quarantined with the reason.
      </p>
      <ImportUploadForm csrfToken={admin.csrfToken} maxBytes={maxBytes} />
    </div>
  );
}
