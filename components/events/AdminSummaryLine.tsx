import { useTranslations } from "next-intl";
import type { AdminSummary, SummaryValue } from "@/lib/events/admin/adminSummary";

/**
 * An administrative event in one line ("naoki.tanaka changed the role of yuki.inoue: member →
 * admin"), worded from the summary lib/events/adminSummary.ts derived from its fields; for a name
 * it does not know, the event's most telling fields as they are.
 */
export function AdminSummaryLine({ summary }: { summary: AdminSummary }) {
  const t = useTranslations("AdminSummary");
  const valueText = (value: SummaryValue) => ("text" in value ? value.text : (value.user.email ?? t("user", { id: value.user.userId })));
  const actor = valueText({ user: summary.actor });
  let line: string;
  if (summary.action === null || summary.subject === null) {
    line = summary.fields.map(({ key, value }) => `${key}: ${valueText(value)}`).join(" · ");
  } else {
    const { subject, action } = summary;
    const object = summary.target ? t("objectWithTarget", { subject, target: valueText(summary.target) }) : t("object", { subject });
    const place = summary.place ? t("place", { subject, place: summary.place }) : "";
    const change = summary.change
      ? t("change", { hasFrom: summary.change.from === null ? "no" : "yes", from: summary.change.from ?? "", to: summary.change.to })
      : "";
    line =
      action === "leave"
        ? t("left", { actor })
        : action === "expire"
          ? t("expired", { object, place })
          : t("line", { actor, verb: action, object, place, change });
  }
  if (line === "") return null;
  return (
    <span className="cell-sub admin-summary" data-testid="admin-summary" title={t("title")}>
      {line}
    </span>
  );
}
