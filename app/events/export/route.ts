import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { FilterError } from "@/lib/events/eventFilters";
import { exportEventsStream } from "@/lib/events/exportEventsStream";
import { attachmentDisposition, exportFileName } from "@/lib/events/exportFileName";
import { parseExportParams } from "@/lib/events/parseExportParams";
import { searchParamsRecord } from "@/lib/explorerUrl/explorerHref";
import { problemResponse } from "@/lib/http/problemResponse";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" } as const;

/**
 * Every event matching the explorer's filters, oldest first, as CSV or NDJSON (`format`), streamed
 * a batch at a time: a million rows never sit in memory. Same parameters as the page; a bad one is
 * a 400 naming it.
 */
export async function GET(request: Request) {
  let parsed;
  try {
    parsed = parseExportParams(searchParamsRecord(new URL(request.url).searchParams));
  } catch (error) {
    if (error instanceof FilterError) return problemResponse(400, error.message);
    throw error;
  }
  const { filters, format } = parsed;
  const db = await getDatabase(getConfig().databaseFile);
  const body = exportEventsStream(db, filters, format, (error) => console.error("export failed part-way:", error));
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": attachmentDisposition(exportFileName(filters, format)),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
