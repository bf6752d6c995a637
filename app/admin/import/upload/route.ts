import { getConfig, isDevelopment } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { getSqlite } from "@/lib/db/sqlite";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { clientIp, isHttps } from "@/lib/auth/requestContext";
import { newNonce, securityHeaders } from "@/lib/auth/securityHeaders";
import { recordViewerAudit } from "@/lib/auth/viewerAudit";
import { ImportFileError } from "@/lib/events/importEvents";
import { importUploadedBody, uploadName, UploadTooLargeError } from "@/lib/events/importUpload";
import { problemResponse } from "@/lib/http/problemResponse";

/**
 * An admin's upload of a Parsec audit-log download (the file itself is the body; its name in
 * x-file-name): imported as `npm run import` would, or refused whole with a 400/413 naming why.
 * proxy.ts does not run here (so that the body streams in whole): the answer gets its security
 * headers from this route.
 */
export async function POST(request: Request) {
  const response = await importUpload(request);
  const https = isHttps(request.headers, request.url);
  for (const [name, value] of Object.entries(securityHeaders(newNonce(), { development: isDevelopment(), https }))) response.headers.set(name, value);
  return response;
}

async function importUpload(request: Request): Promise<Response> {
  const admin = await authorizeRequest(request);
  if (admin instanceof Response) return admin;
  const config = getConfig();
  const db = await getDatabase(config.databaseFile);
  const name = uploadName(request.headers.get("x-file-name"));
  const declared = Number(request.headers.get("content-length"));
  const ip = clientIp(request.headers);
  try {
    const summary = await importUploadedBody(request.body, {
      name,
      declaredBytes: Number.isFinite(declared) && declared > 0 ? declared : null,
      maxBytes: config.importMaxBytes,
      db,
      sqlite: getSqlite(config.databaseFile),
    });
    await recordViewerAudit(db, {
      action: "import",
      actor: admin.email,
      ip,
      detail: `${name} (${summary.format}): ${summary.received} read, ${summary.inserted} new, ${summary.updated} updated, ${summary.quarantined} quarantined`,
    });
    return Response.json({ name, ...summary });
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    await recordViewerAudit(db, { action: "import_refused", actor: admin.email, ip, detail: error.message });
    return problemResponse(error instanceof UploadTooLargeError ? 413 : 400, error.message);
  }
}
