import type { Metadata } from "next";
import { connection } from "next/server";
import { readIntegrationStatus } from "@/lib/integrations/admin/integrationAdmin";
import { IntegrationCard } from "@/components/integrations/IntegrationCard";
import { RefreshEvery } from "@/components/integrations/RefreshEvery";
import { INTEGRATIONS_TEXT as T, type IntegrationOutcome } from "@/components/integrations/integrationsText";
import { requireAdmin } from "../_auth/requireAdmin";
import { replayAction, sendTestEventAction, setPausedAction } from "./actions";

export const metadata: Metadata = { title: "Integrations · Parsec audit log" };

const ACTIONS = { sendTest: sendTestEventAction, setPaused: setPausedAction, replay: replayAction };

/** Each destination of INTEGRATIONS_FILE: caught up or how far behind, its last delivery and error, and its controls. */
export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  await connection();
  const { done, name } = await searchParams;
  const statuses = await readIntegrationStatus();
  // Only a configured destination's name and a known outcome are shown: the URL cannot put words on the page.
  const outcome =
    typeof done === "string" && done in T.outcomes && statuses.some((s) => s.name === name) ? T.outcomes[done as IntegrationOutcome](name as string) : null;
  return (
    <>
      <h1>{T.title}</h1>
      <p className="muted">
        {T.intro} <RefreshEvery seconds={5} label={T.refreshing} />
      </p>
      {outcome && <p role="status">{outcome}</p>}
      {statuses.length === 0 ? (
        <p>{T.noneConfigured}</p>
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
