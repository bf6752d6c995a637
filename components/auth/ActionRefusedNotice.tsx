"use client";

import { useSearchParams } from "next/navigation";
import { useInBrowser } from "../useInBrowser";

/**
 * Why a button's action was refused (requireAdminForButton sends the browser back with the reason
 * in the URL's `param`), in the reader's language (`texts`, by reason), above the page it came
 * back to. Read in the browser (the page an action redirects to is rendered without the layout),
 * and shown only once the page is hydrated: rendered on the server as well, a page reloaded with
 * the parameter failed to hydrate (React #418) in repeated runs, for a cause not pinned down
 * (e2e/admin.spec.ts reloads such a page).
 */
export function ActionRefusedNotice({ param, texts }: { param: string; texts: Record<string, string> }) {
  const refusal = useSearchParams().get(param);
  const inBrowser = useInBrowser();
  if (!inBrowser || refusal === null || !Object.hasOwn(texts, refusal)) return null;
  return (
    <p className="notice notice--error" role="alert" data-testid="action-refused">
      {texts[refusal]}
    </p>
  );
}
