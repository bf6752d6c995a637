import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { clientIp } from "@/lib/auth/requestContext";
import { csvReaderOf } from "@/lib/routes/csvReaderOf";
import { parseConnectionFilters } from "@/lib/connections/connectionFilters";
import { downloadConnections } from "@/lib/connections/downloadConnections";
import { parseExportParamsOf } from "@/lib/events/parseExportParams";
import { CONNECTION_FILTER_PARAMS } from "@/lib/explorerUrl/explorerParams";
import { downloadResponse } from "@/lib/http/downloadResponse";
import { queryOf, routeHandler } from "@/lib/routes/routeHandler";

/**
 * Every connection matching the connections table's filters, oldest first, as CSV or NDJSON
 * (`format`), streamed a batch at a time. Same parameters as the page; a bad one is a 400 naming it.
 * A CSV is written for its reader: the zone and the language the pages are shown in.
 */
export const GET = routeHandler({
  authorize: authorizeRequest,
  parse: (request) => parseExportParamsOf(queryOf(request), CONNECTION_FILTER_PARAMS, parseConnectionFilters),
  run: async ({ filters, format }, { caller, request }) =>
    downloadResponse(await downloadConnections(filters, format, { actor: caller.email, ip: clientIp(request.headers) }, csvReaderOf(request.headers))),
});
