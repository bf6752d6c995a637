// Diagnostic child of the sync benchmark: pages through the simulator exactly as the sync does
// (ParsecClient, the next page requested while this one is handled) and stores nothing. Its rate
// is the ceiling that HTTP, JSON parsing and the simulator itself put on any sync.
// Env: PARSEC_API_BASE_URL, PARSEC_API_KEY, PARSEC_TEAM_ID; argv: page size. Prints one JSON line.
import { ParsecClient } from "@/lib/parsec/parsecClient";

const pageSize = Number(process.argv[2] ?? 1000);
const client = new ParsecClient({
  baseUrl: process.env.PARSEC_API_BASE_URL ?? "",
  apiKey: process.env.PARSEC_API_KEY ?? "",
  teamId: process.env.PARSEC_TEAM_ID ?? "",
  quota: null,
});
const endAt = new Date().toISOString();
const started = performance.now();
let events = 0;
let pages = 0;
let pending = client.listEvents({ limit: pageSize, endAt });
for (;;) {
  const page = await pending;
  if (page.nextCursor) pending = client.listEvents({ limit: pageSize, endAt, cursor: page.nextCursor });
  events += page.events.length;
  pages += 1;
  if (!page.nextCursor) break;
}
console.log(JSON.stringify({ events, pages, ms: performance.now() - started }));
