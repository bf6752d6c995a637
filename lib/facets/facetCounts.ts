import { evenSample, roundTo3Digits } from "../store/evenSample";
import type { SqliteConnection } from "../store/sqlite";

/**
 * Facet counts beside a filtered table (Kibana's top values, Datadog's facets): for each dimension
 * (host, user, exit code...), how many rows of the filters *but that dimension's own* have each
 * value, so that a facet shows the alternatives to what it filters. The same condition as the
 * table's, built by the table's own filter builder without the dimension's filters.
 *
 * Bounded whatever the store holds: a set of up to FACET_EXACT_ROWS rows is read and counted
 * exactly; a larger one is estimated, from the store's even sample (lib/store/evenSample.ts) where
 * enough of it passes the condition, otherwise from the set's first FACET_EXACT_ROWS rows, scaled
 * to the set's count, and said to be about.
 */

/** Up to this many rows, a facet reads and counts them all (about 10 ms on a million events). */
export const FACET_EXACT_ROWS = 2_000;
/** An estimate from the even sample needs this many sampled rows in the set; fewer: its first rows. */
export const MIN_FACET_SAMPLE = 200;
/** Values a facet lists (and then "other"), besides those the filters name. */
export const FACET_TOP = 8;

export interface FacetValue {
  /** As the URL writes it: a name, a user id, an exit code, a status. */
  value: string;
  count: number;
}

export interface Facet<D extends string> {
  dimension: D;
  /** The most frequent values, most first (ties by value), and any value the filters name. */
  values: FacetValue[];
  /** Rows with a value not listed. */
  other: number;
  /** Rows with no value (an event without a host or an exit code). */
  none: number;
  /** The rows the facet counts: the filters but the dimension's own. */
  total: number;
  estimated: boolean;
}

export interface SqlWhere {
  sql: string;
  /** Named (an object) or positional (an array) parameters, as better-sqlite3 binds them. */
  params: Record<string, unknown> | readonly unknown[];
}

export interface RowCount {
  count: number;
  /** False for an estimate or an upper bound. */
  exact: boolean;
}

export interface FacetSource<D extends string> {
  /** The table, quoted. */
  table: string;
  /** Each dimension's SQL expression on a row (text or integer; null for none). */
  columns: Record<D, string>;
  /**
   * The table's condition without the dimension's filters (both what it includes and leaves out),
   * for reading its rows or for trying it on each row of the sample (where an index lookup would
   * cost more than the check itself).
   */
  whereWithout(dimension: D, on: "rows" | "sample"): SqlWhere;
  /** Whether the filters include or leave out values of the dimension (its rows are then not the table's). */
  isFiltered(dimension: D): boolean;
  /** The table's own count (the dimensions without a filter count its rows). */
  tableCount: RowCount;
  /** The count of a filtered dimension's rows, asked only for an estimate. */
  countWithout(dimension: D): Promise<RowCount>;
  /** Values the filters name: listed whatever their count, so that each can be clicked back. */
  named(dimension: D): readonly string[];
  /** A check the SQL condition can only approximate (the events' sub-millisecond bounds), on the extra columns it reads. */
  exactCheck?: { columns: readonly string[]; keep(row: Record<string, unknown>): boolean };
}

type Row = Record<string, unknown>;

export interface FacetLimits {
  exactRows: number;
  minSample: number;
}

/** The facets of `dimensions`, in that order. `limits` are for tests, which have no million events. */
export async function facetCounts<D extends string>(
  sqlite: SqliteConnection,
  source: FacetSource<D>,
  dimensions: readonly D[],
  limits: FacetLimits = { exactRows: FACET_EXACT_ROWS, minSample: MIN_FACET_SAMPLE },
): Promise<Facet<D>[]> {
  // The dimensions without a filter all count the table's own rows: one read serves them all.
  const unfiltered = dimensions.filter((d) => !source.isFiltered(d));
  const groups = [...(unfiltered.length ? [unfiltered] : []), ...dimensions.filter((d) => source.isFiltered(d)).map((d) => [d])];
  const facets = new Map<D, Facet<D>>();
  for (const group of groups) {
    for (const facet of await groupFacets(sqlite, source, group, limits)) facets.set(facet.dimension, facet);
  }
  return dimensions.map((d) => facets.get(d)!);
}

async function groupFacets<D extends string>(sqlite: SqliteConnection, source: FacetSource<D>, group: readonly D[], limits: FacetLimits): Promise<Facet<D>[]> {
  const first = group[0]!;
  const where = source.whereWithout(first, "rows");
  const known = source.isFiltered(first) ? null : source.tableCount;
  const extra = source.exactCheck?.columns ?? [];
  const select = [...group.map((d) => `${source.columns[d]} AS "${d}"`), ...extra.map((column) => `"${column}"`)].join(", ");
  const keep = source.exactCheck?.keep ?? (() => true);
  const read = (sql: string, { params } = where) => sqlite.prepare(sql).all(params as never) as Row[];

  // The set is known to be large: go straight to the estimate.
  const firstRows =
    known?.exact && known.count > limits.exactRows ? null : read(`SELECT ${select} FROM ${source.table} WHERE ${where.sql} LIMIT ${limits.exactRows + 1}`);
  if (firstRows && firstRows.length <= limits.exactRows) {
    const rows = firstRows.filter(keep);
    return group.map((d) => facetOf(d, rows, rows.length, false, source.named(d)));
  }
  const sample = evenSample(sqlite, source.table);
  const onSample = source.whereWithout(first, "sample");
  const sampled = sample ? read(`${sample.with} SELECT ${select} FROM ${sample.from} WHERE ${sample.where} AND (${onSample.sql})`, onSample).filter(keep) : [];
  if (sample?.whole) return group.map((d) => facetOf(d, sampled, sampled.length, false, source.named(d)));
  const rows =
    sampled.length >= limits.minSample
      ? sampled
      : (firstRows ?? read(`SELECT ${select} FROM ${source.table} WHERE ${where.sql} LIMIT ${limits.exactRows}`)).slice(0, limits.exactRows).filter(keep);
  const total = known ?? (await source.countWithout(first));
  return group.map((d) => facetOf(d, rows, total.count, true, source.named(d)));
}

/** A dimension's facet from rows of its set, scaled to `total` rows when they are a part of it. */
function facetOf<D extends string>(dimension: D, rows: readonly Row[], total: number, estimated: boolean, named: readonly string[]): Facet<D> {
  const tally = new Map<string, number>();
  let none = 0;
  for (const row of rows) {
    const value = row[dimension];
    if (value === null || value === undefined) none++;
    else tally.set(String(value), (tally.get(String(value)) ?? 0) + 1);
  }
  const scale = rows.length === 0 ? 0 : total / rows.length;
  const shown = (n: number) => (estimated ? roundTo3Digits(n * scale) : n);
  const top = [...tally].sort(([va, a], [vb, b]) => b - a || (va < vb ? -1 : va > vb ? 1 : 0)).slice(0, FACET_TOP);
  const listed = new Set(top.map(([value]) => value));
  const extra = [...new Set(named)].filter((value) => !listed.has(value)).map((value) => [value, tally.get(value) ?? 0] as const);
  const values = [...top, ...extra];
  const listedRows = values.reduce((sum, [, n]) => sum + n, 0);
  return {
    dimension,
    values: values.map(([value, n]) => ({ value, count: shown(n) })),
    other: shown(rows.length - listedRows - none),
    none: shown(none),
    total: estimated ? total : rows.length,
    estimated,
  };
}

/**
 * What a table's parsed filters say of each facet, given the two fields of each dimension's filter
 * (`host` and `notHost`, say): the filters without them, whether they are set, and the values
 * they name (an exit filter's "success" and "failure" are no one value).
 */
export function facetFilters<F extends Record<K, readonly unknown[]>, K extends keyof F, D extends string>(
  filters: F,
  fields: Record<D, { include: K; exclude: K }>,
) {
  return {
    without: (dimension: D): F => ({ ...filters, [fields[dimension].include]: [], [fields[dimension].exclude]: [] }),
    isFiltered: (dimension: D) => filters[fields[dimension].include].length + filters[fields[dimension].exclude].length > 0,
    named: (dimension: D) =>
      [...filters[fields[dimension].include], ...filters[fields[dimension].exclude]].filter((value) => value !== "success" && value !== "failure").map(String),
  };
}
