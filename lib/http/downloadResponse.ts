import { attachmentDisposition } from "../events/exportFileName";
import type { ExportFormat } from "../explorerUrl/explorerParams";

const CONTENT_TYPES: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" };

/** An export's answer: the streamed file, saved under `fileName` (never cached: next.config.mjs says no-store for every answer). */
export function downloadResponse(body: ReadableStream<Uint8Array>, format: ExportFormat, fileName: string): Response {
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": attachmentDisposition(fileName),
      "x-content-type-options": "nosniff",
    },
  });
}
