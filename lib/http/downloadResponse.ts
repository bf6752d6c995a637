import type { ExportFormat } from "../explorerUrl/explorerParams";

const CONTENT_TYPES: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" };

/** `Content-Disposition` for a download: an ASCII file name for old clients and the exact one in UTF-8 (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** An export as a verb hands it to its route: the streamed file, its format and the name to save it under. */
export interface Download {
  body: ReadableStream<Uint8Array>;
  format: ExportFormat;
  fileName: string;
}

/** An export's answer: the streamed file, saved under its name (never cached: next.config.mjs says no-store for every answer). */
export function downloadResponse({ body, format, fileName }: Download): Response {
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": attachmentDisposition(fileName),
      "x-content-type-options": "nosniff",
    },
  });
}
