"use client";

import { useTranslations } from "next-intl";
import { SEARCH_INPUT_ID } from "./domIds";
import { isComposing } from "./enterKey";
import { useSyncedDraft } from "./useSyncedDraft";

/**
 * The free-text search `q`: Enter (or the button) applies it; `/` anywhere on the page comes here.
 * Escape puts back the applied search (the URL's) instead of the browser's emptying of the box,
 * which left an empty box over results still filtered by it: what is typed is a draft until
 * applied, and the search's chip above the table removes it. The browser's own clear button
 * empties the box the same way, so it is hidden (globals.css).
 */
export function SearchField({ applied, onSearch }: { applied: string; onSearch: (q: string) => void }) {
  const t = useTranslations("Filters");
  const [draft, setDraft] = useSyncedDraft(applied);
  return (
    <form
      className="search-field"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          // Escape in an open IME composition cancels the composition, nothing else.
          if (event.key !== "Escape" || isComposing(event)) return;
          event.preventDefault();
          setDraft(applied);
        }}
        placeholder={t("searchPlaceholder")}
        aria-label={t("searchLabel")}
        aria-keyshortcuts="/"
        maxLength={200}
      />
      <kbd className="search-field__hint" aria-hidden>
        /
      </kbd>
      <button type="submit" className="button">
        {t("search")}
      </button>
    </form>
  );
}
