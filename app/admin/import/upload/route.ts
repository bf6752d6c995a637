import { getConfig, isDevelopment } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { getSqlite } from "@/lib/store/sqlite";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { clientIp, isHttps } from "@/lib/auth/requestContext";
import { newNonce, securityHeaders } from "@/lib/auth/securityHeaders";
import { recordViewerAudit } from "@/lib/auth/viewerAudit";
import { ImportFileError } from "@/lib/ingest/importEvents";
import { importUploadedBody, uploadName, UploadTooLargeError } from "@/lib/ingest/importUpload";
import { problemResponse } from "@/lib/http/problemResponse";

/**
 * An admin's upload of a Parsec audit-log download (the file itself is the body; its name in
 * x-file-name): imported as `npm run import` would, or refused whole with a 400/413 naming why.
 * proxy.ts does not run here (so that the body streams in whole): the answer gets its security
 * headers from this route.
 */
export async function POST(request: Request) {
  return withSecurityHeaders(request, await importUpload(request));
}

/**
 * Any other method: refused as every other route refuses it (401 without a session), then 405.
 * Next.js's own 405 would carry none of the headers the proxy adds elsewhere.
 */
async function refuseOtherMethods(request: Request) {
  const admin = await authorizeRequest(request);
  const response = admin instanceof Response ? admin : problemResponse(405, "Upload a file with POST (the import page does).");
  if (!(admin instanceof Response)) response.headers.set("allow", "POST");
  return withSecurityHeaders(request, response);
}
export const GET = refuseOtherMethods;
export const PUT = refuseOtherMethods;
export const PATCH = refuseOtherMethods;
export const DELETE = refuseOtherMethods;

function withSecurityHeaders(request: Request, response: Response): Response {
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
