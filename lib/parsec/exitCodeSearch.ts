import { exitCodeCatalogue, recordedForms, type CatalogueName, type ExitCodeSpan } from "./exitCodes";

/**
 * Exit-code names and meanings as search terms. A table shows "-6023 NAT_ERR_PEER_PHASE" on a
 * failed row, but only the number is stored: the name and its meaning are the catalogue's
 * (./exitCodes.ts). A free-text search for a term that a name or a meaning (English or Japanese)
 * contains therefore also selects the events of the codes so named (lib/events/eventSearch.ts).
 */

export interface ExitCodeSearch {
  /** The catalogue's names the term matched, in the catalogue's order, each with its documented codes. */
  names: readonly CatalogueName[];
  /** Every code an event may carry for them (the documented codes and their unsigned forms), merged and ordered. */
  codes: readonly ExitCodeSpan[];
}

/**
 * The shortest term that is looked up. One or two Latin letters are part of nearly every name and
 * meaning ("er", "on"), so they would name every code; a Japanese word is often two characters
 * ("承認", "拒否"), so a term with a character beyond ASCII is looked up from two.
 */
const MIN_TERM = 3;
const MIN_TERM_BEYOND_ASCII = 2;

let catalogue: readonly { entry: CatalogueName; texts: string[] }[] | null = null;

/**
 * The catalogue's names whose name or meaning contains `term` (trimmed; case ignored), with the
 * codes they stand for; null when none does or the term is too short to name codes (see MIN_TERM).
 */
export function exitCodesMatching(term: string | undefined): ExitCodeSearch | null {
  const needle = term?.trim().toLowerCase() ?? "";
  const length = [...needle].length;
  if (length < (/[^\x00-\x7f]/.test(needle) ? MIN_TERM_BEYOND_ASCII : MIN_TERM)) return null;
  catalogue ??= exitCodeCatalogue().map((entry) => ({ entry, texts: [entry.name, ...entry.meanings].map((text) => text.toLowerCase()) }));
  const names = catalogue.filter(({ texts }) => texts.some((text) => text.includes(needle))).map(({ entry }) => entry);
  if (names.length === 0) return null;
  return { names, codes: mergeSpans(names.flatMap((name) => name.spans.flatMap(recordedForms))) };
}

/** Whether `code` is in one of `spans`. */
export function inSpans(code: number | null, spans: readonly ExitCodeSpan[]): boolean {
  return code !== null && spans.some((span) => code >= span.from && code <= span.to);
}

/** The spans ordered, with overlapping and adjacent ones joined. */
function mergeSpans(spans: readonly ExitCodeSpan[]): ExitCodeSpan[] {
  const merged: ExitCodeSpan[] = [];
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to + 1) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}
