import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { clientIp } from "@/lib/auth/requestContext";
import { recordViewerAudit } from "@/lib/auth/viewerAudit";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { parseConnectionFilters } from "@/lib/connections/connectionFilters";
import { connectionsExportFileName, exportConnections } from "@/lib/connections/exportConnections";
import { emailLookup } from "@/lib/connections/queryConnections";
import { FilterError } from "@/lib/events/eventFilters";
import { parseExportParamsOf } from "@/lib/events/parseExportParams";
import { pickerOptions } from "@/lib/events/pickerOptions";
import { searchParamsRecord } from "@/lib/explorerUrl/explorerHref";
import { CONNECTION_FILTER_PARAMS } from "@/lib/explorerUrl/explorerParams";
import { downloadResponse } from "@/lib/http/downloadResponse";
import { problemResponse } from "@/lib/http/problemResponse";
import { writtenStream } from "@/lib/http/writtenStream";

/**
 * Every connection matching the connections table's filters, oldest first, as CSV or NDJSON
 * (`format`), streamed a batch at a time. Same parameters as the page; a bad one is a 400 naming it.
 */
export async function GET(request: Request) {
  const admin = await authorizeRequest(request);
  if (admin instanceof Response) return admin;
  let parsed;
  try {
    parsed = parseExportParamsOf(searchParamsRecord(new URL(request.url).searchParams), CONNECTION_FILTER_PARAMS, parseConnectionFilters);
  } catch (error) {
    if (error instanceof FilterError) return problemResponse(400, error.message);
    throw error;
  }
  const { filters, format } = parsed;
  const db = await getDatabase(getConfig().databaseFile);
  const fileName = connectionsExportFileName(filters, format);
  await recordViewerAudit(db, { action: "export", actor: admin.email, ip: clientIp(request.headers), detail: fileName });
  const options = { nowMs: Date.now(), emailOf: emailLookup((await pickerOptions(db)).users) };
  const body = writtenStream(
    (write) => exportConnections(db, filters, format, options, write),
    (error) => console.error("connections export failed part-way:", error),
  );
  return downloadResponse(body, format, fileName);
}
