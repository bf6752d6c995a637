import type { TimelineTotals } from "@/lib/connections/timelineConnections";

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });
const rate = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

/** The window's totals: connected hours, sessions, failure rate, and how many hosts (or users). */
export function TimelineTotalsCards({ totals, counterparts }: { totals: TimelineTotals; counterparts: string }) {
  const cards: [string, string, string][] = [
    ["Hours connected", number.format(totals.connectedHours), "connected time inside this window"],
    ["Sessions", number.format(totals.sessions), `${number.format(totals.attempts)} attempts started in this window`],
    ["Failure rate", totals.failureRate === null ? "–" : rate.format(totals.failureRate), `${number.format(totals.failures)} failed attempts`],
    [counterparts, number.format(totals.counterparts), "among this window's attempts"],
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
