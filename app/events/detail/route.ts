import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { getSqlite } from "@/lib/store/sqlite";
import { findEventDetail } from "@/lib/events/eventDetail";
import { single, text } from "@/lib/events/paramSchemas";
import { searchParamsRecord } from "@/lib/explorerUrl/explorerHref";
import { problemResponse } from "@/lib/http/problemResponse";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";

const detailParams = z.object({ id: single(text("an event id", 128)).pipe(z.string({ error: "is required: the id of the event to show" })) }).strict();

/**
 * `GET /events/detail?id=<event id>`: one stored event in Parsec's shape and the fields pulled out
 * of it, `{"event": {...}, "row": {...}}`. What an opened row of /events shows: the page itself
 * sends only the table's columns. A bad or missing id is a 400, an unknown one a 404.
 */
export async function GET(request: Request) {
  const admin = await authorizeRequest(request);
  if (admin instanceof Response) return admin;
  const parsed = detailParams.safeParse(searchParamsRecord(new URL(request.url).searchParams));
  if (!parsed.success) {
    return problemResponse(400, parsed.error.issues.map((issue) => `${issue.path.join(".") || "query"}: ${issue.message}`).join("; "));
  }
  const { id } = parsed.data;
  const { databaseFile } = getConfig();
  await getDatabase(databaseFile); // migrates the file first
  const detail = findEventDetail(getSqlite(databaseFile), id);
  if (!detail) return problemResponse(404, `No stored event has the id ${JSON.stringify(id)}.`);
  return Response.json(detail);
}
