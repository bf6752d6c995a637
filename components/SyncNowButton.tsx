import { useTranslations } from "next-intl";
import { CsrfField } from "./auth/CsrfField";

/** Starts a sync by hand (a POST with the CSRF token, so another site cannot press it). */
export function SyncNowButton({ action, csrfToken, outcome }: { action: (data: FormData) => Promise<void>; csrfToken: string; outcome?: string }) {
  const t = useTranslations("SyncNow");
  const message = outcome === "started" ? t("started") : outcome === "running" ? t("running") : undefined;
  return (
    <form action={action} className="sync-now">
      <CsrfField token={csrfToken} />
      <button type="submit" className="button">
        {t("button")}
      </button>
      {message && (
        <span role="status" className="muted">
          {message}
        </span>
      )}
    </form>
  );
}
