import type { z } from "zod";
import { FILTER_PARAMS, PAGING_PARAMS, SORT_PARAM, type EventSort } from "../explorerUrl/explorerParams";
import { eventFiltersSchema, type EventFilters } from "./eventFilters";
import { eventPagingSchema, eventSortSchema, type EventPaging } from "./eventPaging";
import { paramMessage, paramReasonOf, type ParamReason } from "./paramMessages";

/** A URL parameter that was ignored, and why: shown on the page, never a failure. */
export interface ParamProblem {
  param: string;
  /** What the URL gave, as text (repeated values joined by ", "). */
  given: string;
  /** What was expected, in English (the API and the logs say this), e.g. "must be one of 25, 50, 100, 200". */
  message: string;
  /** The same as data, for the page to say in the reader's language; null for a message of zod's own. */
  reason: ParamReason | null;
}

export interface ExplorerParams {
  filters: EventFilters;
  paging: EventPaging & { sort: EventSort };
  problems: ParamProblem[];
}

const KNOWN_PARAMS = new Set<string>([...FILTER_PARAMS, ...PAGING_PARAMS, SORT_PARAM]);

/**
 * The explorer's URL parameters, as forgiving as a shared link needs: a parameter that does not
 * parse (a bad date, a limit of -5, an unknown name) is dropped, so its default applies, and
 * reported, so the person sees why the view is not what the link asked for.
 */
export function parseExplorerParams(raw: Record<string, string | string[] | undefined>): ExplorerParams {
  const problems = unknownParamProblems(raw, KNOWN_PARAMS);
  const filters = parseLeniently(eventFiltersSchema, raw, problems);
  const paging = parseLeniently(eventPagingSchema, raw, problems);
  const { sort } = parseLeniently(eventSortSchema, raw, problems);
  return { filters, paging: withSortedCursor(paging, sort, "time", raw, problems), problems };
}

/** The paging with its sort, and without a cursor made for another sort (named in `problems`): under another it means nothing. */
export function withSortedCursor<Paging extends EventPaging, Sort extends string>(
  paging: Paging,
  sort: Sort,
  unkeyed: Sort,
  raw: Record<string, unknown>,
  problems: ParamProblem[],
): Paging & { sort: Sort } {
  if (paging.cursor && (paging.cursor.key?.sort ?? unkeyed) !== sort) {
    problems.push(paramProblem("cursor", givenText(raw.cursor), { reason: "cursorOtherSort" }));
    return { ...paging, cursor: undefined, sort };
  }
  return { ...paging, sort };
}

/** A problem for each parameter of `raw` that the page does not take. */
export function unknownParamProblems(raw: Record<string, unknown>, known: ReadonlySet<string>): ParamProblem[] {
  return Object.keys(raw)
    .filter((param) => !known.has(param))
    .map((param) => paramProblem(param, givenText(raw[param]), { reason: "unknownParam", known: [...known] }));
}

/** A problem with its reason, and that reason's English sentence. */
export function paramProblem(param: string, given: string, reason: ParamReason): ParamProblem {
  return { param, given, message: paramMessage(reason), reason };
}

/** Parses `raw`, dropping each parameter with an issue (recording why) until what is left parses. */
export function parseLeniently<S extends z.ZodType>(schema: S, raw: Record<string, unknown>, problems: ParamProblem[]): z.output<S> {
  const input = { ...raw };
  for (;;) {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const dropped = new Set<string>();
    for (const issue of result.error.issues) {
      const param = String(issue.path[0]);
      if (!(param in input)) throw new Error(`a parameter default does not parse: ${param} ${issue.message}`);
      if (!dropped.has(param)) problems.push({ param, given: givenText(input[param]), message: issue.message, reason: paramReasonOf(issue.message) });
      dropped.add(param);
    }
    for (const param of dropped) delete input[param];
  }
}

function givenText(value: unknown): string {
  return (Array.isArray(value) ? value : [value]).map(String).join(", ");
}
