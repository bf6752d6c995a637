import { z } from "zod";
import { showEventDetail } from "@/lib/events/eventDetail";
import { single, text } from "@/lib/events/paramSchemas";
import { parseQuery, routeHandler } from "@/lib/routes/routeHandler";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";

const detailParams = z.object({ id: single(text("eventId", 128)).pipe(z.string({ error: "is required: the id of the event to show" })) }).strict();

/**
 * `GET /events/detail?id=<event id>`: one stored event in Parsec's shape and the fields pulled out
 * of it, `{"event": {...}, "row": {...}}`. What an opened row of /events shows: the page itself
 * sends only the table's columns. A bad or missing id is a 400, an unknown one a 404.
 */
export const GET = routeHandler({
  authorize: authorizeRequest,
  parse: (request) => parseQuery(detailParams, request),
  run: ({ id }) => showEventDetail(id),
});
