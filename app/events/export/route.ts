import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { getSqlite } from "@/lib/store/sqlite";
import { FilterError } from "@/lib/events/eventFilters";
import { exportEventsStream } from "@/lib/events/exportEventsStream";
import { exportFileName } from "@/lib/events/exportFileName";
import { parseExportParams } from "@/lib/events/parseExportParams";
import { searchParamsRecord } from "@/lib/explorerUrl/explorerHref";
import { downloadResponse } from "@/lib/http/downloadResponse";
import { problemResponse } from "@/lib/http/problemResponse";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { clientIp } from "@/lib/auth/requestContext";
import { recordViewerAudit } from "@/lib/auth/viewerAudit";

/**
 * Every event matching the explorer's filters, oldest first, as CSV or NDJSON (`format`), streamed
 * a batch at a time: a million rows never sit in memory. Same parameters as the page; a bad one is
 * a 400 naming it.
 */
export async function GET(request: Request) {
  const admin = await authorizeRequest(request);
  if (admin instanceof Response) return admin;
  let parsed;
  try {
    parsed = parseExportParams(searchParamsRecord(new URL(request.url).searchParams));
  } catch (error) {
    if (error instanceof FilterError) return problemResponse(400, error.message);
    throw error;
  }
  const { filters, format } = parsed;
  const { databaseFile } = getConfig();
  const db = await getDatabase(databaseFile);
  const fileName = exportFileName(filters, format);
  await recordViewerAudit(db, { action: "export", actor: admin.email, ip: clientIp(request.headers), detail: fileName });
  const body = exportEventsStream(getSqlite(databaseFile), filters, format, (error) => console.error("export failed part-way:", error));
  return downloadResponse(body, format, fileName);
}
