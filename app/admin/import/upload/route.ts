import { isDevelopment } from "@/lib/config";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { clientIp, isHttps } from "@/lib/auth/requestContext";
import { newNonce, securityHeaders } from "@/lib/auth/securityHeaders";
import { importAdminUpload } from "@/lib/runner/importAdminUpload";
import { routeHandler } from "@/lib/routes/routeHandler";
import { MethodNotAllowedError } from "@/lib/http/requestErrors";

const importUpload = routeHandler({
  authorize: authorizeRequest,
  parse: (request) => {
    const declared = Number(request.headers.get("content-length"));
    return { body: request.body, rawName: request.headers.get("x-file-name"), declaredBytes: Number.isFinite(declared) && declared > 0 ? declared : null };
  },
  run: (upload, { caller, request }) => importAdminUpload(upload, { actor: caller.email, ip: clientIp(request.headers) }),
});

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
const refuseOtherMethod = routeHandler({
  authorize: authorizeRequest,
  run: () => Promise.reject(new MethodNotAllowedError("Upload a file with POST (the import page does).", ["POST"])),
});
async function refuseOtherMethods(request: Request) {
  return withSecurityHeaders(request, await refuseOtherMethod(request));
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
