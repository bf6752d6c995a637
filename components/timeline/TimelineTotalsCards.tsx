import { useFormatter, useTranslations } from "next-intl";
import type { TimelineTotals } from "@/lib/connections/timelineConnections";

/** The window's totals: connected hours, sessions, failure rate, and how many hosts (or users). */
export function TimelineTotalsCards({ totals, counterparts }: { totals: TimelineTotals; counterparts: string }) {
  const t = useTranslations("Timeline");
  const format = useFormatter();
  const number = (value: number) => format.number(value, { maximumFractionDigits: 1 });
  const cards: [string, string, string][] = [
    [t("hoursConnected"), number(totals.connectedHours), t("hoursConnectedNote")],
    [t("sessions"), number(totals.sessions), t("sessionsNote", { attempts: totals.attempts })],
    [
      t("failureRate"),
      totals.failureRate === null ? "–" : format.number(totals.failureRate, { style: "percent", maximumFractionDigits: 1 }),
      t("failureRateNote", { failures: totals.failures }),
    ],
    [counterparts, number(totals.counterparts), t("counterpartsNote")],
  ];
  return (
    <div className="cards cards--totals" data-testid="timeline-totals">
      {cards.map(([label, value, note]) => (
        <div key={label} className="card">
          <div className="card__label">{label}</div>
          <div className="card__value">{value}</div>
          <div className="card__note">{note}</div>
        </div>
      ))}
    </div>
  );
}
