import { storedEventHistogram } from "@/lib/events/eventHistogram";
import { parseHistogramParams } from "@/lib/events/parseHistogramParams";
import { queryOf, routeHandler } from "@/lib/routes/routeHandler";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";

/**
 * The explorer's histogram as JSON, for the same filters as the page (`{"histogram": null}` when
 * nothing is stored): what /events draws above its table, on its own for scripts and the
 * benchmark. Strict like the export: a bad parameter is a 400 naming it.
 */
export const GET = routeHandler({
  authorize: authorizeRequest,
  parse: (request) => parseHistogramParams(queryOf(request)),
  run: async (filters) => ({ histogram: await storedEventHistogram(filters) }),
});
