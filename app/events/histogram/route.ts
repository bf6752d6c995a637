import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { getSqlite } from "@/lib/store/sqlite";
import { FilterError, parseEventFilters } from "@/lib/events/eventFilters";
import { eventHistogram } from "@/lib/events/eventHistogram";
import { FILTER_PARAMS, PAGING_PARAMS } from "@/lib/explorerUrl/explorerParams";
import { searchParamsRecord } from "@/lib/explorerUrl/explorerHref";
import { problemResponse } from "@/lib/http/problemResponse";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";

const IGNORED = new Set<string>(PAGING_PARAMS);
const KNOWN = new Set<string>(FILTER_PARAMS);

/**
 * The explorer's histogram as JSON, for the same filters as the page (`{"histogram": null}` when
 * nothing is stored): what /events draws above its table, on its own for scripts and the
 * benchmark. Strict like the export: a bad parameter is a 400 naming it.
 */
export async function GET(request: Request) {
  const admin = await authorizeRequest(request);
  if (admin instanceof Response) return admin;
  const raw = searchParamsRecord(new URL(request.url).searchParams);
  const unknown = Object.keys(raw).filter((param) => !KNOWN.has(param) && !IGNORED.has(param));
  if (unknown.length > 0) return problemResponse(400, `${unknown.join(", ")} is not a parameter of the histogram (it takes ${[...KNOWN].join(", ")})`);
  let filters;
  try {
    filters = parseEventFilters(Object.fromEntries(Object.entries(raw).filter(([param]) => KNOWN.has(param))));
  } catch (error) {
    if (error instanceof FilterError) return problemResponse(400, error.message);
    throw error;
  }
  const { databaseFile } = getConfig();
  await getDatabase(databaseFile); // migrates the file first
  const histogram = await eventHistogram(getSqlite(databaseFile), filters);
  return Response.json({ histogram });
}
