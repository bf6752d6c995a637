import { downloadEvents } from "@/lib/events/downloadEvents";
import { parseExportParams } from "@/lib/events/parseExportParams";
import { downloadResponse } from "@/lib/http/downloadResponse";
import { queryOf, routeHandler } from "@/lib/routes/routeHandler";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";
import { clientIp } from "@/lib/auth/requestContext";
import { csvReaderOf } from "@/lib/routes/csvReaderOf";

/**
 * Every event matching the explorer's filters, oldest first, as CSV or NDJSON (`format`), streamed
 * a batch at a time. Same parameters as the page; a bad one is a 400 naming it. A CSV is written
 * for its reader: the zone and the language the pages are shown in.
 */
export const GET = routeHandler({
  authorize: authorizeRequest,
  parse: (request) => parseExportParams(queryOf(request)),
  run: async ({ filters, format }, { caller, request }) =>
    downloadResponse(await downloadEvents(filters, format, { actor: caller.email, ip: clientIp(request.headers) }, csvReaderOf(request.headers))),
});
