"use client";

import { useActionState, useEffect } from "react";
import { SyncErrorText } from "./SyncErrorText";
import { useTranslations } from "next-intl";
import type { SyncNowState } from "@/app/_actions/syncNowAction";
import { CsrfField } from "./auth/CsrfField";
import { useLiveSync } from "./LiveSync";

/**
 * Starts a sync by hand (a POST with the CSRF token, so another site cannot press it), then says
 * how the run it follows is going and how it ended, from the overview's live state: never a
 * sentence left over from an earlier click or page.
 */
export function SyncNowButton({ action, csrfToken }: { action: (state: SyncNowState, data: FormData) => Promise<SyncNowState>; csrfToken: string }) {
  const t = useTranslations("SyncNow");
  const [state, formAction, pending] = useActionState(action, null);
  const { followed, awaiting, follow } = useLiveSync();
  useEffect(() => {
    if (state?.outcome === "started") follow(state.runId);
    else if (state?.outcome === "running") follow(null);
  }, [state, follow]);

  const message = (() => {
    if (pending || awaiting) return { text: t("starting"), tone: "muted" };
    if (state?.outcome === "refused") return { text: state.message, tone: "error-text" };
    if (!followed) return null;
    if (followed.status === "running") return { text: state?.outcome === "running" ? t("running") : t("following"), tone: "muted" };
    if (followed.status === "succeeded") return { text: t("done", { inserted: followed.inserted, fetched: followed.fetched }), tone: "" };
    return {
      text: (
        <>
          {t("ended", { status: followed.status })} {followed.error !== null && <SyncErrorText error={followed.error} kind={followed.errorKind} brief />}
        </>
      ),
      tone: "error-text",
    };
  })();
  return (
    <form action={formAction} className="sync-now">
      <CsrfField token={csrfToken} />
      <button type="submit" className="button" disabled={pending}>
        {t("button")}
      </button>
      <span role="status" className={message?.tone || undefined} data-testid="sync-now-status">
        {message?.text}
      </span>
    </form>
  );
}
