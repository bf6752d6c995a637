import { useLocale, useTranslations } from "next-intl";
import type { ChartLabel, ChartUnit } from "@/lib/connections/insightsCharts";
import { formatDayLabel, formatDurationRange, formatShortDuration } from "@/lib/i18n/dateTime";
import { zonedFields } from "@/lib/i18n/zonedTime";

/**
 * How the charts, their tables and legends say what lib/connections/insightsCharts hands them as
 * data: the names of rows and series and the unit of their values, in the reader's language. A
 * hook, so that the browser's charts and the server's legend say it alike.
 */
export function useChartText(): { label: (label: ChartLabel) => string; unit: (unit: ChartUnit) => string } {
  const t = useTranslations("ChartText");
  const locale = useLocale();
  const label = (l: ChartLabel): string => {
    switch (l.kind) {
      case "name":
        return l.text;
      case "user":
        return t("user", { id: l.id });
      case "unknownUser":
        return t("unknownUser");
      case "unknownHost":
        return t("unknownHost");
      case "day":
        return formatDayLabel(zonedFields(Date.parse(l.day), l.timeZone), locale);
      case "exitCode":
        if (l.code === null) return t("noCompletion");
        if (l.code === 0) return t("success");
        return l.name ? `${l.code} ${l.name}` : t("unknownCode", { code: l.code });
      case "otherCodes":
        return t("otherCodes", { count: l.count });
      case "otherUsers":
        return t("otherUsers", { count: l.count });
      case "durationBucket":
        return l.toSeconds === null ? `≥ ${formatShortDuration(l.fromSeconds, locale)}` : formatDurationRange(l.fromSeconds, l.toSeconds, locale);
      case "failedAttempts":
        return t("failedAttempts");
      case "otherAttempts":
        return t("otherAttempts");
      case "sessions":
        return t("sessions");
      case "percentile":
        return t("percentile", { percentile: l.percentile });
    }
  };
  return { label, unit: (unit) => t("unit", { unit }) };
}
