import type { ExitCodeSpan } from "../parsec/exitCodes";
import { exitCodesMatching, inSpans } from "../parsec/exitCodeSearch";
import type { SqliteConnection } from "../store/sqlite";

/**
 * The free-text filter `q`: a substring, A-Z case ignored (SQL LIKE's rule), of an event's email,
 * computer names, ip, attempt id, name or raw `data` JSON. That condition stays exact in every
 * query; the trigram index "EventSearch" (prisma/migrations/*_event_search) only narrows the rows
 * it is tried on, so the index changes how fast, never which rows.
 *
 * The index holds one text per event: name, email and `data`, whose JSON holds the other searched
 * columns too, escaped (`"` as `\"`). Whatever part of `q` contains no `"`, `\` or control
 * character therefore appears verbatim in the text of every matching event, and each of its
 * trigrams is in that event's index entry: the AND of those trigrams selects a superset of the
 * matches. Parts shorter than three characters have no trigram; a `q` with none at all is
 * answered by a scan (see `SearchPlan`).
 *
 * A `q` that names exit codes (lib/parsec/exitCodeSearch.ts: "NAT_ERR", "タイムアウト") also
 * selects the events with those codes: OR'ed with the text, not instead of it, so that a search
 * never finds fewer events than the text alone (an admin event or raw data that says "timed out"
 * stays found, and a term that happens to be in a meaning loses nothing). The page names the codes.
 */

export const SEARCH_COLUMNS = ["userEmail", "hostComputerName", "clientComputerName", "ip", "attemptId", "name", "data"] as const;

/** Half of a UTF-16 surrogate pair without its other half: JSON escapes it, SQLite replaces it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
/** Characters that JSON escapes, so that text around them may not appear as-is in the index. */
const UNINDEXABLE = new RegExp(`["\\\\\\u0000-\\u001f]|${LONE_SURROGATE.source}`, "u");
const UNINDEXABLE_SPLIT = new RegExp(UNINDEXABLE.source, "gu");
/** More trigrams narrow little further and each costs a pass over its list of events. */
const MAX_TRIGRAMS = 12;

/**
 * The FTS5 query (an AND of quoted trigrams) whose matches include every event `q` matches, or
 * null when `q` has no run of three indexable characters.
 */
export function searchIndexQuery(q: string): string | null {
  const trigrams = new Map<string, string>();
  for (const part of q.split(UNINDEXABLE_SPLIT)) {
    const chars = [...part];
    for (let i = 0; i + 3 <= chars.length; i++) {
      const trigram = chars.slice(i, i + 3).join("");
      // The index folds case; one spelling of each trigram is enough.
      if (!trigrams.has(trigram.toLowerCase())) trigrams.set(trigram.toLowerCase(), trigram);
    }
  }
  if (trigrams.size === 0) return null;
  return spread([...trigrams.values()], MAX_TRIGRAMS)
    .map((trigram) => `"${trigram}"`)
    .join(" AND ");
}

/** Up to `max` items spread evenly over `items`, first and last included. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.round((i * (items.length - 1)) / (max - 1))]!);
}

/** `q` as a LIKE pattern that takes `%`, `_` and `\` literally (with ESCAPE '\'). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The exact condition of `q`, one LIKE per searched column, for the pattern bound as `@search`. */
export const SEARCH_CONDITION = `(${SEARCH_COLUMNS.map((column) => `"${column}" LIKE @search ESCAPE '\\'`).join(" OR ")})`;

/**
 * The exact condition of `q` (SEARCH_CONDITION) tried on one row in JavaScript: a substring of
 * one of the searched columns, A-Z case ignored and every other character compared as is, which
 * is SQLite's LIKE without ICU. For the walk of a broad search (`walkFirst`), which reads the rows
 * anyway. Null when `q` holds an unpaired surrogate, which SQLite would see replaced: use the SQL.
 */
export function searchRowMatcher(q: string, codes: readonly ExitCodeSpan[] = []): ((row: SearchRow) => boolean) | null {
  if (LONE_SURROGATE.test(q)) return null;
  const needle = foldAsciiCase(q);
  return (row) =>
    inSpans(row.exitCode, codes) ||
    SEARCH_COLUMNS.some((column) => {
      const value = row[column];
      return value !== null && foldAsciiCase(value).includes(needle);
    });
}

export type SearchRow = Record<SearchColumn, string | null> & { exitCode: number | null };

export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/**
 * How a query applies `q`:
 * - `scan`: no trigram to look up; the LIKE conditions are tried on every row the other
 *   filters leave (slow on a large store, and the page says so).
 * - `index-driven`: few candidates; the query starts from them (rowid IN the index's matches).
 * - `index-filtered`: many candidates; the query walks its usual index (time, user, ...) and
 *   keeps the rows among them (`+rowid` stops SQLite from starting from the candidates, which
 *   would mean reading and sorting every one of them to show the first page).
 * - `candidates`: the index's candidates alone, without the exact check: a superset, for counts
 *   and histograms too large to check row by row. They are then estimated from a sample
 *   (searchEstimate.ts) and say "about", or, where the sample is too thin, count the candidates
 *   and say they are upper bounds.
 * `codes`: the exit codes `q` names (empty for most terms). Their events are candidates too, found
 * through the exit-code index where the plan starts from the candidates, checked on each row
 * otherwise.
 */
export type SearchPlan =
  | { kind: "none" }
  | { kind: "scan"; pattern: string; codes: readonly ExitCodeSpan[] }
  | { kind: "index-driven" | "index-filtered" | "candidates"; pattern: string; codes: readonly ExitCodeSpan[]; match: string; candidates: number };

/** A plan that applies a search. */
export type TextSearchPlan = Exclude<SearchPlan, { kind: "none" }>;

/** The same search tried on every row the other filters leave: the same rows, without the index. */
export function asScan(plan: TextSearchPlan): SearchPlan {
  return { kind: "scan", pattern: plan.pattern, codes: plan.codes };
}

/**
 * Up to this many candidates, reading them all (and sorting them) is cheaper than walking an index
 * past the non-matching rows: measured on a million events, 5,000 candidates read in about 100 ms.
 */
export const INDEX_DRIVEN_LIMIT = 5_000;

/**
 * A page of an `index-filtered` search first walks the other filters' order checking each row
 * (searchRowMatcher), without the index, for at most this many rows (about 15 ms): a word in most
 * events fills the page within the first hundred, where the index would first have to gather its
 * hundreds of thousands of candidates (about 200 ms on a million events). When the walk finds too
 * few, the matches are sparse there and the index takes over from where the walk stopped.
 */
export const SEARCH_WALK_LIMIT = 3_000;

export function planSearch(sqlite: SqliteConnection, q: string | undefined): SearchPlan {
  if (q === undefined) return { kind: "none" };
  const pattern = likePattern(q);
  const codes = exitCodesMatching(q)?.codes ?? [];
  const match = searchIndexQuery(q);
  if (match === null) return { kind: "scan", pattern, codes };
  const candidates = countSearchCandidates(sqlite, { match, codes }, INDEX_DRIVEN_LIMIT + 1);
  return { kind: candidates <= INDEX_DRIVEN_LIMIT ? "index-driven" : "index-filtered", pattern, codes, match, candidates };
}

/** How many events the index proposes, counting no further than `limit`. */
export function countCandidates(sqlite: SqliteConnection, match: string, limit = Number.MAX_SAFE_INTEGER): number {
  const row = sqlite.prepare(`SELECT count(*) AS "n" FROM (SELECT "rowid" FROM "EventSearch" WHERE "EventSearch" MATCH ? LIMIT ?)`).get(match, limit) as {
    n: number;
  };
  return row.n;
}

/**
 * The search index's candidates and the events of the exit codes named, counting each no further
 * than `limit` (an event in both counts twice: enough to choose a plan), or, with `exact`, every
 * event among them once.
 */
export function countSearchCandidates(
  sqlite: SqliteConnection,
  plan: { match: string; codes: readonly ExitCodeSpan[] },
  limit = Number.MAX_SAFE_INTEGER,
  exact = false,
): number {
  if (plan.codes.length === 0) return countCandidates(sqlite, plan.match, limit);
  if (exact)
    return sqlite
      .prepare(`SELECT count(*) FROM (${candidatesQuery(plan.codes)})`)
      .pluck()
      .get({ match: plan.match }) as number;
  const coded = sqlite
    .prepare(`SELECT count(*) FROM (SELECT 1 FROM "Event" WHERE ${exitCodeCondition(plan.codes)} LIMIT ?)`)
    .pluck()
    .get(limit) as number;
  return Math.min(limit, countCandidates(sqlite, plan.match, limit) + coded);
}

/** The SQL condition of a plan on "Event" (parameters `@search` and `@match`), or null for none. */
export function searchCondition(plan: SearchPlan): string | null {
  if (plan.kind === "none") return null;
  // "+": walking another index, SQLite must not start from the codes' events instead (index-driven
  // plans have them among the candidates already).
  const orCodes = (condition: string) => (plan.codes.length > 0 ? `(${condition} OR ${exitCodeCondition(plan.codes, "+")})` : condition);
  switch (plan.kind) {
    case "scan":
      return orCodes(SEARCH_CONDITION);
    case "index-driven":
      // Started from the candidates: the text's and the codes' events, through their indexes.
      return `"rowid" IN (${candidatesQuery(plan.codes)}) AND ${orCodes(SEARCH_CONDITION)}`;
    case "index-filtered":
      return orCodes(`+${CANDIDATES} AND ${SEARCH_CONDITION}`);
    case "candidates":
      return orCodes(`+${CANDIDATES}`);
  }
}

const TEXT_CANDIDATES = `SELECT "rowid" FROM "EventSearch" WHERE "EventSearch" MATCH @match`;
const CANDIDATES = `"rowid" IN (${TEXT_CANDIDATES})`;

/** The rowids of the search index's candidates and of the events with the codes named, once each. */
function candidatesQuery(codes: readonly ExitCodeSpan[]): string {
  return codes.length === 0 ? TEXT_CANDIDATES : `${TEXT_CANDIDATES} UNION SELECT "rowid" FROM "Event" WHERE ${exitCodeCondition(codes)}`;
}

/**
 * The events whose "exitCode" is in `codes` (integers from the catalogue, written into the SQL).
 * `prefix` "+" makes the column unindexed.
 */
export function exitCodeCondition(codes: readonly ExitCodeSpan[], prefix: "" | "+" = ""): string {
  const column = `${prefix}"exitCode"`;
  const single = codes.filter((span) => span.from === span.to).map((span) => integer(span.from));
  const ranges = codes.filter((span) => span.from !== span.to).map((span) => `${column} BETWEEN ${integer(span.from)} AND ${integer(span.to)}`);
  return `(${[...(single.length ? [`${column} IN (${single.join(", ")})`] : []), ...ranges].join(" OR ")})`;
}

function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an exit code: ${n}`);
  return String(n);
}

/**
 * Checking a free-text search exactly means reading every candidate row (about 3 µs each): up to
 * this many candidates, counts and histograms are exact (under 200 ms on a million events);
 * beyond, they count the candidates, an upper bound, and say so.
 */
export const EXACT_SEARCH_COUNT_LIMIT = 50_000;

/**
 * The plan for counting (and the histogram), which read every match rather than the first page:
 * starting from the candidates is then the cheapest way when they can be checked one by one;
 * beyond that, the candidates alone.
 */
export function countingPlan(sqlite: SqliteConnection, plan: SearchPlan): SearchPlan {
  if (plan.kind !== "index-filtered") return plan;
  // The count and the histogram of one page ask with the same plan: one look at the index.
  let counting = countingPlans.get(plan);
  if (!counting) {
    const many = countSearchCandidates(sqlite, plan, EXACT_SEARCH_COUNT_LIMIT + 1) > EXACT_SEARCH_COUNT_LIMIT;
    counting = { ...plan, kind: many ? "candidates" : "index-driven" };
    countingPlans.set(plan, counting);
  }
  return counting;
}

const countingPlans = new WeakMap<SearchPlan, SearchPlan>();

export function searchParams(plan: SearchPlan): Record<string, string> {
  switch (plan.kind) {
    case "none":
      return {};
    case "scan":
      return { search: plan.pattern };
    case "candidates":
      return { match: plan.match };
    default:
      return { search: plan.pattern, match: plan.match };
  }
}
