// What the events benchmark asks: each scenario is a URL of the app and the SQL the app runs for
// it, executed directly with better-sqlite3 (the same statements, built and run by the same
// functions, without Next.js, React or HTTP in between).
import type Database from "better-sqlite3";
import { filtersToParams, parseEventFilters, type EventFilters } from "@/lib/events/eventFilters";
import { eventFacets } from "@/lib/events/eventFacets";
import { countAndHistogram, eventHistogram } from "@/lib/events/eventHistogram";
import { planSearch } from "@/lib/events/eventSearch";
import { queryEvents } from "@/lib/events/queryEvents";
import { explorerSearchParams } from "@/lib/explorerUrl/explorerHref";

export interface Scenario {
  name: string;
  /**
   * "indexed": the p95 < 100 ms and 3x-raw targets apply; "search": the 500 ms one; "floor": no
   * target, the cost of any signed-in page (session check, layout, header, HTTP) beside which the
   * others' ratios are read.
   */
  kind: "indexed" | "search" | "floor";
  path: string;
  filters: EventFilters;
  /** The SQL behind the answer, run directly. */
  raw: (sqlite: Database.Database) => Promise<unknown>;
  /** For a page of /events: the same without the facets (what a server with FACETS=off reads). */
  rawWithoutFacets?: (sqlite: Database.Database) => Promise<unknown>;
}

/** Values for the filters, picked from the database so that every scenario selects real rows. */
function pickValues(sqlite: Database.Database) {
  const user = sqlite.prepare(`SELECT "userId" FROM "Event" GROUP BY "userId" ORDER BY count(*) DESC LIMIT 1 OFFSET 20`).pluck().get() as number;
  const last = sqlite.prepare(`SELECT max("occurredAt") FROM "Event"`).pluck().get() as number;
  const host = sqlite
    .prepare(`SELECT "hostComputerName" FROM "Event" WHERE "hostComputerName" IS NOT NULL GROUP BY "hostComputerName" ORDER BY count(*) DESC LIMIT 1 OFFSET 2`)
    .pluck()
    .get() as string;
  return { user, host, weekBefore: new Date(last - 7 * 86_400_000).toISOString() };
}

export function scenarios(sqlite: Database.Database): Scenario[] {
  const { user, host, weekBefore } = pickValues(sqlite);
  const page = (name: string, kind: Scenario["kind"], raw: Record<string, string>): Scenario => {
    const filters = parseEventFilters(raw);
    return {
      name,
      kind,
      filters,
      path: `/events?${explorerSearchParams(filtersToParams(filters))}`,
      raw: (db) => pageQueries(db, filters, true),
      rawWithoutFacets: (db) => pageQueries(db, filters, false),
    };
  };
  return [
    {
      name: "floor: signed-in page, no data",
      kind: "floor",
      filters: parseEventFilters({}),
      path: "/admin/password",
      raw: async () => {},
    },
    page("no filter", "indexed", {}),
    page("user", "indexed", { user: String(user) }),
    page("event name (rare)", "indexed", { name: "team_member_role_update" }),
    page("event name (a quarter of all)", "indexed", { name: "client_disconnect" }),
    page("last 7 days", "indexed", { from: weekBefore }),
    // Two facets filtered (host and exit code): three sets to count, the most a facet panel reads.
    page("a host's failures, last 7 days", "indexed", { host, exit: "failure", from: weekBefore }),
    page("a user left out, a name left out", "indexed", { not_user: String(user), not_name: "client_disconnect" }),
    page("free text: an email", "search", { q: "kaito.shimizu" }),
    page("free text: Japanese", "search", { q: "会議室" }),
    page("free text: in most events", "search", { q: "windows" }),
    {
      name: "histogram, no filter",
      kind: "indexed",
      filters: parseEventFilters({}),
      path: "/events/histogram",
      raw: (db) => eventHistogram(db, parseEventFilters({})),
    },
    {
      name: "histogram, last 7 days",
      kind: "indexed",
      filters: parseEventFilters({ from: weekBefore }),
      path: `/events/histogram?from=${encodeURIComponent(weekBefore)}`,
      raw: (db) => eventHistogram(db, parseEventFilters({ from: weekBefore })),
    },
  ];
}

/**
 * What /events reads, by the very functions the page calls (the same SQL, built the same way) on
 * this direct connection: the search plan, the first page (51 rows, one to tell a next page),
 * the count and the histogram (countAndHistogram), and the facets unless `facets` is false. Only
 * Next.js, React, the session check and HTTP are left out.
 */
async function pageQueries(sqlite: Database.Database, filters: EventFilters, facets: boolean): Promise<void> {
  const search = planSearch(sqlite, filters.q);
  await queryEvents(sqlite, { filters, limit: 50, order: "newest", cursor: null }, search);
  const { count } = await countAndHistogram(sqlite, filters, search);
  if (facets) await eventFacets(sqlite, filters, search, count);
}
