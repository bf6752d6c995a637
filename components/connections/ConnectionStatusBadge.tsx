import { useTranslations } from "next-intl";
import type { ConnectionStatus } from "@/lib/explorerUrl/explorerParams";
import { STALE_AFTER_HOURS } from "@/lib/connections/connectionStatus";

/** A connection's status, coloured, with what it means on hover. */
export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  const t = useTranslations("ConnectionStatus");
  return (
    <span className={`badge badge--conn badge--conn-${status}`} data-status={status} title={t("meaning", { status, hours: STALE_AFTER_HOURS })}>
      {t("label", { status })}
    </span>
  );
}
