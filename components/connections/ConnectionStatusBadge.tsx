import { useTranslations } from "next-intl";
import type { ConnectionStatus } from "@/lib/explorerUrl/explorerParams";

/** A connection's status, coloured, with what it means on hover. */
export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  const t = useTranslations("ConnectionStatus");
  return (
    <span className={`badge badge--conn badge--conn-${status}`} data-status={status} title={t("meaning", { status })}>
      {t("label", { status })}
    </span>
  );
}
