import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { readIntegrationStatus } from "@/lib/integrations/admin/integrationAdmin";
import { IntegrationCard } from "@/components/integrations/IntegrationCard";
import { RefreshEvery } from "@/components/integrations/RefreshEvery";
import { requireAdmin } from "../_auth/requireAdmin";
import { replayAction, sendTestEventAction, setPausedAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Pages")]);
  return { title: t("pageTitle", { page: page("integrations") }) };
}

const ACTIONS = { sendTest: sendTestEventAction, setPaused: setPausedAction, replay: replayAction };
const REFRESH_SECONDS = 5;

/** Each destination of INTEGRATIONS_FILE: caught up or how far behind, its last delivery and error, and its controls. */
export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  await connection();
  const { done, name } = await searchParams;
  const [statuses, t, page] = await Promise.all([readIntegrationStatus(), getTranslations("Integrations"), getTranslations("Pages")]);
  // Only a configured destination's name and a known outcome are shown: the URL cannot put words on the page.
  const known = typeof name === "string" && statuses.some((s) => s.name === name) ? name : null;
  const outcome =
    known === null
      ? null
      : done === "test-ok"
        ? t("testOk", { name: known })
        : done === "test-failed"
          ? t("testFailed", { name: known })
          : done === "paused"
            ? t("pausedOutcome", { name: known })
            : done === "resumed"
              ? t("resumedOutcome", { name: known })
              : done === "replay"
                ? t("replayOutcome", { name: known })
                : null;
  return (
    <>
      <h1>{page("integrations")}</h1>
      <p className="muted">
        {t("intro")} <RefreshEvery seconds={REFRESH_SECONDS} label={t("refreshing", { seconds: REFRESH_SECONDS })} />
      </p>
      {outcome && <p role="status">{outcome}</p>}
      {statuses.length === 0 ? (
        <p>{t("noneConfigured")}</p>
      ) : (
        <div className="cards">
          {statuses.map((status) => (
            <IntegrationCard key={status.name} status={status} actions={ACTIONS} csrfToken={admin.csrfToken} />
          ))}
        </div>
      )}
    </>
  );
}
