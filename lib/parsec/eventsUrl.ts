import { z } from "zod";
import type { ListEventsParams } from "./parsecClient";
import { eventsQuerySchema } from "./schemas";

/**
 * `{baseUrl}/{apiVersion}/teams/{teamID}/events`. A path in baseUrl is kept, so the API can sit
 * behind a reverse proxy under a prefix.
 */
export function eventsEndpoint(baseUrl: string, apiVersion: "v1" | "v2", teamId: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`The Parsec API URL "${baseUrl}" is not a valid URL (check PARSEC_API_BASE_URL).`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`The Parsec API URL must be http or https, got "${url.protocol}" (check PARSEC_API_BASE_URL).`);
  }
  if (url.username || url.password) {
    throw new TypeError("The Parsec API URL must not contain credentials (check PARSEC_API_BASE_URL).");
  }
  url.search = "";
  url.hash = "";
  const prefix = url.pathname.replace(/\/+$/, "");
  url.pathname = `${prefix}/${apiVersion}/teams/${encodeURIComponent(teamId)}/events`;
  return url;
}

/**
 * The endpoint with the page's query string. Parameters are checked against the documented
 * ranges first: a request Parsec would refuse with a 400 costs a slot of the quota for nothing.
 */
export function eventsUrl(endpoint: URL, params: ListEventsParams): URL {
  const query = {
    limit: params.limit,
    start_at: params.startAt,
    end_at: params.endAt,
    user_id: params.userId,
    event_names: params.eventNames && params.eventNames.length > 0 ? params.eventNames : undefined,
    cursor: params.cursor,
    after: params.after,
  };
  const parsed = eventsQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new TypeError(`Invalid listEvents parameters:\n${z.prettifyError(parsed.error)}`);
  }
  const q = parsed.data;
  // The list is comma-separated on the wire, so a name with a comma cannot be asked for.
  const withComma = q.event_names?.find((name) => name.includes(","));
  if (withComma !== undefined) {
    throw new TypeError(`Invalid listEvents parameters: event name "${withComma}" contains a comma.`);
  }

  const url = new URL(endpoint);
  // URLSearchParams percent-encodes "+" in offsets like +09:00, which would otherwise arrive as a space.
  const search = url.searchParams;
  search.set("limit", String(q.limit));
  if (q.start_at !== undefined) search.set("start_at", q.start_at);
  if (q.end_at !== undefined) search.set("end_at", q.end_at);
  if (q.user_id !== undefined) search.set("user_id", String(q.user_id));
  if (q.event_names !== undefined) search.set("event_names", q.event_names.join(","));
  if (q.cursor !== undefined) search.set("cursor", q.cursor);
  if (q.after !== undefined) search.set("after", q.after);
  return url;
}
