import type { EventFilters } from "./eventFilters";
import type { ExitFilter } from "./paramSchemas";
import { searchCondition, searchParams, type SearchPlan } from "./eventSearch";

/** A condition on "Event" and its named parameters, for better-sqlite3. */
export interface SqlCondition {
  /** "1" when nothing is filtered, so it can always follow WHERE. */
  sql: string;
  params: Record<string, string | number>;
}

/**
 * The filters as SQL on "Event" (the explorer's page, count, histogram and the export all use
 * this one translation, so they select the same rows). Exact for every filter but the time
 * bounds: occurredAt keeps milliseconds, so rows in a bound's own millisecond are let through and
 * decided by `matchesExactly` on Parsec's original timestamp. `search` is how `q` is applied
 * (planSearch); its condition is exact.
 */
export function eventFiltersSql(filters: EventFilters, search: SearchPlan): SqlCondition {
  const and: string[] = [];
  const params: Record<string, string | number> = {};
  let next = 0;
  const bind = (value: string | number) => {
    const name = `f${next++}`;
    params[name] = value;
    return `@${name}`;
  };
  const list = (values: readonly (string | number)[]) => values.map(bind).join(", ");

  // An event without an exit code is neither a success nor a failure.
  const exits = (values: readonly ExitFilter[]) =>
    values.map((exit) => (exit === "success" ? `"exitCode" = 0` : exit === "failure" ? `"exitCode" <> 0` : `"exitCode" = ${bind(exit)}`)).join(" OR ");

  if (filters.user.length) and.push(`"userId" IN (${list(filters.user)})`);
  if (filters.notUser.length) and.push(`"userId" NOT IN (${list(filters.notUser)})`);
  if (filters.name.length) and.push(`"name" IN (${list(filters.name)})`);
  if (filters.notName.length) and.push(`"name" NOT IN (${list(filters.notName)})`);
  if (filters.from) and.push(`"occurredAt" >= ${bind(Date.parse(filters.from))}`);
  if (filters.to) and.push(`"occurredAt" <= ${bind(Date.parse(filters.to))}`);
  if (filters.host.length) and.push(`"hostComputerName" IN (${list(filters.host)})`);
  // Leaving a host or an exit code out keeps the events that have none.
  if (filters.notHost.length) and.push(`("hostComputerName" IS NULL OR "hostComputerName" NOT IN (${list(filters.notHost)}))`);
  if (filters.exit.length) and.push(`(${exits(filters.exit)})`);
  if (filters.notExit.length) and.push(`("exitCode" IS NULL OR NOT (${exits(filters.notExit)}))`);
  if (filters.attempt.length) and.push(`"attemptId" IN (${list(filters.attempt)})`);
  if (filters.ip.length) and.push(`"ip" IN (${list(filters.ip)})`);
  const searchSql = searchCondition(search);
  if (searchSql) and.push(searchSql);
  return { sql: and.length ? and.join(" AND ") : "1", params: { ...params, ...searchParams(search) } };
}
