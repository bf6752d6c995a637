import type { SqliteConnection } from "./sqlite";

/**
 * An even sample of a table's rows for estimates (the free-text search's share, the facets):
 * this many runs of consecutive rowids, spread evenly over the table. Runs rather than single rows
 * because neighbouring rows share pages: 4,000 rows in 200 runs read in about 12 ms on a million
 * events, 4,000 single rows in about 45 ms.
 */
const SAMPLE_RUNS = 201;
const SAMPLE_RUN_LENGTH = 20;

export interface EvenSample {
  /**
   * `WITH ... SELECT <columns> FROM ${from} WHERE ${where} AND <condition>`: the sampled rows of
   * the table (named as itself), each looked up by its rowid (no index walk, no scan; a rowid
   * deleted since is skipped).
   */
  with: string;
  from: string;
  where: string;
  /** True when the rowids span no more than the sample: every row is in it, and what it counts is exact. */
  whole: boolean;
}

/** The sample of `table` (a quoted name), or null when it is empty. */
export function evenSample(sqlite: SqliteConnection, table: string): EvenSample | null {
  // Two queries: SQLite reads a lone min() or max() off the end of the rowids, but not both at once.
  const low = sqlite.prepare(`SELECT min("rowid") FROM ${table}`).pluck().get() as number | null;
  const high = sqlite.prepare(`SELECT max("rowid") FROM ${table}`).pluck().get() as number | null;
  if (low === null || high === null) return null;
  const runStep = Math.max(SAMPLE_RUN_LENGTH, Math.floor((high - low + 1) / SAMPLE_RUNS));
  return {
    with: `WITH RECURSIVE "sample"("i") AS (SELECT 0 UNION ALL SELECT "i" + 1 FROM "sample" WHERE "i" < ${SAMPLE_RUNS * SAMPLE_RUN_LENGTH - 1})`,
    from: `"sample" CROSS JOIN ${table} ON ${table}."rowid" = ${low} + ("sample"."i" / ${SAMPLE_RUN_LENGTH}) * ${runStep} + "sample"."i" % ${SAMPLE_RUN_LENGTH}`,
    where: `${table}."rowid" <= ${high}`,
    whole: high - low + 1 <= SAMPLE_RUNS * SAMPLE_RUN_LENGTH,
  };
}

/** An estimate from the sample as it is shown: to three significant digits (a whole number below 1,000). */
export function roundTo3Digits(n: number): number {
  if (n < 1_000) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.round(n / unit) * unit;
}
