import { useTranslations } from "next-intl";
import type { ExitCodeSpan } from "@/lib/parsec/exitCodes";
import type { ExitCodeSearch } from "@/lib/parsec/exitCodeSearch";

/** Codes named in full; a term in many meanings ("connection") names dozens. */
const SHOWN_CODES = 6;

/** Says that the search also selects the events of the exit codes it names (lib/parsec/exitCodeSearch.ts), and which. */
export function CodeSearchNote({ term, search }: { term: string; search: ExitCodeSearch }) {
  const t = useTranslations("ActiveFilters");
  const codes = search.names.slice(0, SHOWN_CODES).map((name) => `${name.spans.map(spanText).join(", ")} ${name.name}`);
  return (
    <p className="muted search-note" data-testid="code-search-note">
      {t("codeSearch", { term, codes: codes.join(", "), more: search.names.length - codes.length })}
    </p>
  );
}

/** A documented span as the catalogue's documentation writes it: "-6023", "-14003..-14005" (nearest zero first). */
function spanText(span: ExitCodeSpan): string {
  if (span.from === span.to) return String(span.from);
  return span.to <= 0 ? `${span.to}..${span.from}` : `${span.from}..${span.to}`;
}
