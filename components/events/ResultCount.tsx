import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { EventCount } from "@/lib/events/countEvents";

/** How many events match; an upper bound or an estimate is said to be one. */
export function ResultCount({ count, shown, noun = "event" }: { count: EventCount; shown: number; noun?: "event" | "connection" }) {
  const t = useTranslations("ResultCount");
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  const values = { count: count.count, noun, strong };
  return (
    <p className="result-count" data-testid="result-count" data-count={count.count} data-exact={count.exact} data-estimated={count.estimated ?? false}>
      {count.exact ? (
        t.rich("exact", values)
      ) : count.estimated ? (
        <span title={t("estimatedTitle")}>{t.rich("estimated", values)}</span>
      ) : (
        <span title={t("atMostTitle")}>{t.rich("atMost", values)}</span>
      )}
      {count.count > 0 && <span className="muted">{t("onThisPage", { count: shown })}</span>}
    </p>
  );
}
