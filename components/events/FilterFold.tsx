import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

/**
 * A filter bar that folds away on a phone behind a button naming how many filters apply, so the
 * rows are on the first screen; on a wider screen the button is hidden and the bar always shows
 * (app/globals.css, `.filter-fold`). A <details>: it opens before the page's script has run, and an
 * open one stays open while the filters it holds change the page.
 */
export function FilterFold({ active, children }: { active: number; children: ReactNode }) {
  const t = useTranslations("Explorer");
  return (
    <details className="filter-fold">
      <summary className="button filter-fold__toggle" data-testid="filter-toggle" data-count={active}>
        {t("filterToggle", { count: active })}
      </summary>
      {children}
    </details>
  );
}
