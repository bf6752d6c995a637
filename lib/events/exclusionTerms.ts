import { hasFilters, type EventFilters } from "./eventFilters";

/** Each exclusion filter, and the term's filters that select what it leaves out. */
const EXCLUSIONS: readonly { isSet: (filters: EventFilters) => boolean; selectLeftOut: (term: EventFilters, filters: EventFilters) => EventFilters }[] = [
  { isSet: (f) => f.notUser.length > 0, selectLeftOut: (term, f) => ({ ...term, user: f.notUser }) },
  { isSet: (f) => f.notName.length > 0, selectLeftOut: (term, f) => ({ ...term, name: f.notName }) },
  { isSet: (f) => f.notHost.length > 0, selectLeftOut: (term, f) => ({ ...term, host: f.notHost }) },
  { isSet: (f) => f.notExit.length > 0, selectLeftOut: (term, f) => ({ ...term, exit: f.notExit }) },
];

export interface ExclusionTerm {
  sign: 1 | -1;
  filters: EventFilters;
}

/**
 * Filters that leave values out (not_user, not_name...) over nothing but a time range, as a sum
 * of indexed sets by inclusion–exclusion: every event in the range, less each left-out set, plus
 * each pair of them, and so on. A count or histogram of the exclusions themselves reads every
 * row that stays (most of the store: an exclusion hides a few noisy values); each term here is a
 * range of an index or the hourly counts. An event with no host or exit code is in no left-out
 * set, as the exclusions' own SQL keeps it.
 *
 * Null where it does not apply: with a search, with any other filter (whose terms would each cost
 * what the exclusions' own count does), or leaving failures out (exit=failure has no index range).
 */
export function exclusionTerms(filters: EventFilters): ExclusionTerm[] | null {
  const excluded = EXCLUSIONS.filter((exclusion) => exclusion.isSet(filters));
  if (excluded.length === 0 || filters.notExit.includes("failure")) return null;
  const base: EventFilters = { ...filters, notUser: [], notName: [], notHost: [], notExit: [] };
  if (hasFilters({ ...base, from: undefined, to: undefined })) return null;
  const terms: ExclusionTerm[] = [];
  for (let subset = 0; subset < 1 << excluded.length; subset++) {
    const chosen = excluded.filter((_, i) => (subset & (1 << i)) !== 0);
    terms.push({ sign: chosen.length % 2 === 0 ? 1 : -1, filters: chosen.reduce((term, exclusion) => exclusion.selectLeftOut(term, filters), base) });
  }
  return terms;
}
