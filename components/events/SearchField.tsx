"use client";

import { useTranslations } from "next-intl";
import { SEARCH_INPUT_ID } from "./domIds";
import { useSyncedDraft } from "./useSyncedDraft";

/** The free-text search `q`: Enter (or the button) applies it; `/` anywhere on the page comes here. */
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
