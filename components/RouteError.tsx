"use client";

import { useTranslations } from "next-intl";

/** What a page whose query failed shows: the failure, never an empty table that looks like "nothing matches". */
export function RouteError({ title, what, error, retry }: { title: string; what: string; error: unknown; retry: () => void }) {
  const t = useTranslations("RouteError");
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <>
      <h1>{title}</h1>
      <div className="notice notice--error" role="alert">
        <strong>{t("couldNotLoad", { what })}</strong> {error instanceof Error ? error.message : String(error)}
        {digest && <span className="muted"> {t("serverLogReference", { digest })}</span>}
        <div>
          <button type="button" className="button" onClick={() => retry()}>
            {t("retry")}
          </button>
        </div>
      </div>
    </>
  );
}
